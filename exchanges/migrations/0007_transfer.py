"""Transfers belong to exchanges: a practice travels through a study visit or a staff
exchange, and the toolkit must not know about either (they were in toolkit).

The rows stay where they are (table ``toolkit_transfer``). A database made before the
move already has the table, its content type and its permissions: the content type is
handed to exchanges and the table kept. A new database gets the table here.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import core.files

TABLE = "toolkit_transfer"
# Added to the Coordinators group ("app_label.codename").
ADDED_PERMISSIONS = [
    f"exchanges.{action}_transfer" for action in ("view", "add", "change", "delete")
]


def adopt_transfers(apps, schema_editor):
    db = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(db).filter(app_label="toolkit", model="transfer").update(
        app_label="exchanges"
    )
    if TABLE not in schema_editor.connection.introspection.table_names():
        schema_editor.create_model(apps.get_model("exchanges", "Transfer"))

    # Coordinators manage transfers (users 0003 granted it while they lived in toolkit).
    app_config = apps.get_app_config("exchanges")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=db)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.using(db).filter(name="Coordinators").first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.using(db).filter(
                content_type__app_label="exchanges",
                codename__in=[name.split(".")[1] for name in ADDED_PERMISSIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("exchanges", "0006_list_order"),
        ("toolkit", "0007_criterion_translations"),
        ("cities", "0005_upload_validation"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("users", "0004_coordinators_history"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Transfer",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                        ("is_example", models.BooleanField(default=False, help_text="Invented for demonstration; shown with an “Example” badge.", verbose_name="example content")),
                        ("stage", models.CharField(choices=[("considering", "Considering"), ("adapting", "Adapting"), ("piloting", "Piloting"), ("adopted", "Adopted"), ("mainstreamed", "Mainstreamed")], max_length=15, verbose_name="stage")),
                        ("started_on", models.DateField(verbose_name="started on")),
                        ("stage_reached_on", models.DateField(blank=True, null=True, verbose_name="stage reached on")),
                        ("evidence_url", models.URLField(blank=True, verbose_name="evidence (link)")),
                        ("evidence_file", models.FileField(blank=True, upload_to=core.files.GeneratedName("transfer-evidence"), validators=[core.files.validate_document], verbose_name="evidence (file)")),
                        ("notes", models.TextField(blank=True, verbose_name="notes")),
                        ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="transfers_taken", to="cities.organisation", verbose_name="organisation taking it up")),
                        ("practice", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="transfers", to="toolkit.practice", verbose_name="practice")),
                        ("staff_exchange", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="transfers", to="exchanges.staffexchange", verbose_name="through the staff exchange")),
                        ("study_visit", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="transfers", to="exchanges.studyvisit", verbose_name="through the study visit")),
                    ],
                    options={
                        "db_table": TABLE,
                        "verbose_name": "transfer",
                        "verbose_name_plural": "transfers",
                        "ordering": ["practice", "-started_on"],
                        "indexes": [models.Index(fields=["stage"], name="toolkit_tra_stage_695efa_idx")],
                        "constraints": [
                            models.UniqueConstraint(fields=("practice", "organisation"), name="transfer_one_per_organisation"),
                            models.CheckConstraint(condition=models.Q(("stage_reached_on__isnull", True), ("stage_reached_on__gte", models.F("started_on")), _connector="OR"), name="transfer_stage_after_start"),
                            models.CheckConstraint(condition=models.Q(("study_visit__isnull", True), ("staff_exchange__isnull", True), _connector="OR"), name="transfer_through_one_activity"),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(adopt_transfers, migrations.RunPython.noop),
    ]
