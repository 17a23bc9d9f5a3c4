"""Coordinators also manage benchmarking and plan actions.

Transfers and review notes get their permissions from the migrations that moved them
(exchanges 0007, toolkit 0008).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Coordinators"

_MANAGED_MODELS = {
    "toolkit": ["benchmarkcriterion", "peerreviewer", "assessment", "score"],
    "exchanges": ["planaction"],
}

# Added to the group by this migration ("app_label.codename").
ADDED_PERMISSIONS = sorted(
    [
        f"{app_label}.{action}_{model}"
        for app_label, models in _MANAGED_MODELS.items()
        for model in models
        for action in ("view", "add", "change", "delete")
    ]
)


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
        ("users", "0002_coordinator_group"),
        ("toolkit", "0004_learning_loop"),
        ("exchanges", "0004_learning_loop"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
