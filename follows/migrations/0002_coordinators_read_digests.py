"""Coordinators read the digests sent and failed per period, and the events behind them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Coordinators"
ADDED_PERMISSIONS = ["follows.view_digest", "core.view_event"]


def add_permissions(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    group = Group.objects.using(db).filter(name=GROUP_NAME).first()
    if group is None:
        return
    for name in ADDED_PERMISSIONS:
        app_label, codename = name.split(".")
        group.permissions.add(
            Permission.objects.using(db).get(content_type__app_label=app_label, codename=codename)
        )


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    group = Group.objects.using(db).filter(name=GROUP_NAME).first()
    if group is None:
        return
    for name in ADDED_PERMISSIONS:
        app_label, codename = name.split(".")
        group.permissions.remove(
            *Permission.objects.using(db).filter(
                content_type__app_label=app_label, codename=codename
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("follows", "0001_initial"),
        ("core", "0001_initial"),
        ("users", "0004_coordinators_history"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
