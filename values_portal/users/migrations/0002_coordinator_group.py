"""The "Coordinators" group: the network's coordinators run the portal from the admin.

They manage every object of cities, exchanges and toolkit, publish practices and
action plans, and may look people up; they may not change accounts, which would
let them make themselves superusers.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Coordinators"

_MANAGED_MODELS = {
    "cities": [
        "organisation",
        "project",
        "participation",
        "cluster",
        "workinggroup",
        "membership",
    ],
    "exchanges": [
        "studyvisit",
        "visitparticipation",
        "visitdocument",
        "staffexchange",
        "actionplan",
        "actionplanversion",
    ],
    "toolkit": ["targetgroup", "practice", "resource"],
}

# "app_label.codename" of every permission the group holds, and no other.
COORDINATOR_PERMISSIONS = sorted(
    [
        f"{app_label}.{action}_{model}"
        for app_label, models in _MANAGED_MODELS.items()
        for model in models
        for action in ("view", "add", "change", "delete")
    ]
    + [
        "toolkit.publish_practice",
        "exchanges.publish_actionplan",
        "users.view_user",
    ]
)


def create_coordinator_group(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); on a
    # fresh database they do not exist yet, so create them here.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias

    permissions = []
    for name in COORDINATOR_PERMISSIONS:
        app_label, codename = name.split(".")
        permissions.append(
            Permission.objects.using(db).get(content_type__app_label=app_label, codename=codename)
        )
    group, _ = Group.objects.using(db).get_or_create(name=GROUP_NAME)
    group.permissions.set(permissions)


def delete_coordinator_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("users", "0001_initial"),
        ("cities", "0002_initial"),
        ("exchanges", "0002_initial"),
        ("toolkit", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_coordinator_group, delete_coordinator_group),
    ]
