"""Coordinators read the history of practices and action plans (django-simple-history).

Only the view permission: the history records who changed what, and nobody edits it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Coordinators"

# Added to the group by this migration ("app_label.codename").
ADDED_PERMISSIONS = ["exchanges.view_historicalactionplan", "toolkit.view_historicalpractice"]


def add_permissions(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    group = Group.objects.using(db).get(name=GROUP_NAME)
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
        ("users", "0003_coordinators_learning_loop"),
        ("toolkit", "0005_upload_validation"),
        ("exchanges", "0005_upload_validation"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
