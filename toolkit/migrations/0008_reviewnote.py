"""Review notes belong to the practice's life, so to the toolkit (they were in workspace).

The rows stay where they are (table ``workspace_reviewnote``). A database made before
the move already has the table, its content type and its permission: the content type
is handed to the toolkit and the table kept. A new database gets the table here.
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

TABLE = "workspace_reviewnote"
# Added to the Coordinators group ("app_label.codename"): they read, nobody edits.
ADDED_PERMISSIONS = ["toolkit.view_reviewnote"]


def adopt_review_notes(apps, schema_editor):
    db = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(db).filter(app_label="workspace", model="reviewnote").update(
        app_label="toolkit"
    )
    if TABLE not in schema_editor.connection.introspection.table_names():
        schema_editor.create_model(apps.get_model("toolkit", "ReviewNote"))

    # Coordinators read the review notes (users 0003 granted it while they lived in workspace).
    app_config = apps.get_app_config("toolkit")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=db)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.using(db).filter(name="Coordinators").first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.using(db).filter(
                content_type__app_label="toolkit",
                codename__in=[name.split(".")[1] for name in ADDED_PERMISSIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0007_criterion_translations"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("users", "0004_coordinators_history"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ReviewNote",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("decision", models.CharField(choices=[("sent_back", "Sent back for changes"), ("published", "Published")], max_length=10, verbose_name="decision")),
                        ("comment", models.TextField(blank=True, verbose_name="comment")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                        ("author", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="review_notes", to=settings.AUTH_USER_MODEL, verbose_name="author")),
                        ("practice", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="review_notes", to="toolkit.practice", verbose_name="practice")),
                    ],
                    options={
                        "db_table": TABLE,
                        "verbose_name": "review note",
                        "verbose_name_plural": "review notes",
                        "ordering": ["-created_at", "-pk"],
                        "constraints": [models.CheckConstraint(condition=models.Q(models.Q(("decision", "sent_back"), _negated=True), models.Q(("comment", ""), _negated=True), _connector="OR"), name="reviewnote_sent_back_has_comment")],
                    },
                ),
            ],
        ),
        migrations.RunPython(adopt_review_notes, migrations.RunPython.noop),
    ]
