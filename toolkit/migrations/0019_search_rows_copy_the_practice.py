"""Each practice's search row holds copies of what a search's facets count, sort and rank by.

A search with facets read each match's vectors here, then looked its practice row up (an
index probe per match) for its status, partner, model, country, city, language, date
and titles. At 100,000 practices a common word matches thousands: the lookups were a
third of the search's SQL. The row now holds copies of those columns, written by
triggers on the practice table, once per statement, by any path (the save service, the
admin, ``QuerySet.update()``, ``bulk_create()``): on insert, and on update when one of
them changed (as 0015 writes the vectors). The vectors' own trigger and this one each
write their columns with an upsert, so either may run first. On SQLite the columns stay
empty, as the table does.
"""

import django.db.models.deletion
from django.db import migrations, models

PRACTICES = "toolkit_practice"
VECTORS = "toolkit_practicesearchvectors"
FUNCTION = "toolkit_practice_search_row_per_statement"
LANGUAGES = ["en", "it", "nl", "cs", "de", "es", "lv", "el", "fr", "fi"]
# The practice's columns copied, under the same names.
COPIED = [
    "status",
    "organisation_id",
    "volunteering_model",
    "origin_country",
    "origin_city",
    "language",
    "published_at",
    *(f"title_{language}" for language in LANGUAGES),
]
# The transition tables of each event, ``old_rows`` and ``new_rows``.
EVENTS = {
    "INSERT": ["NEW"],
    "UPDATE": ["OLD", "NEW"],
}


def upsert(rows: str) -> str:
    """Write the copies of the practices in ``new_rows`` that ``rows`` (FROM …) keeps."""
    columns = ", ".join(COPIED)
    values = ", ".join(f"new_rows.{column}" for column in COPIED)
    updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in COPIED)
    return (
        f"INSERT INTO {VECTORS} (practice_id, {columns}) SELECT new_rows.id, {values} "  # noqa: S608 - names from this migration
        f"FROM {rows} ON CONFLICT (practice_id) DO UPDATE SET {updates}"
    )


def changed_copies() -> str:
    old, new = (
        ", ".join(f"{rows}.{column}" for column in COPIED) for rows in ("old_rows", "new_rows")
    )
    return (
        f"old_rows JOIN new_rows ON new_rows.id = old_rows.id "
        f"WHERE ({old}) IS DISTINCT FROM ({new})"
    )


def copy_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"""
        CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN {upsert("new_rows")};
            ELSIF TG_OP = 'UPDATE' THEN {upsert(changed_copies())};
            END IF;
            RETURN NULL;
        END;
        $$
        """
    )
    for event, kinds in EVENTS.items():
        transition_tables = " ".join(f"{kind} TABLE AS {kind.lower()}_rows" for kind in kinds)
        schema_editor.execute(
            f"CREATE TRIGGER {PRACTICES}_search_row_{event.lower()} "
            f"AFTER {event} ON {PRACTICES} REFERENCING {transition_tables} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
        )
    schema_editor.execute(
        f"UPDATE {VECTORS} vectors SET "  # noqa: S608 - names from this migration
        + ", ".join(f"{column} = practice.{column}" for column in COPIED)
        + f" FROM {PRACTICES} practice WHERE practice.id = vectors.practice_id"
    )


def stop_copying(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for event in EVENTS:
        schema_editor.execute(f"DROP TRIGGER {PRACTICES}_search_row_{event.lower()} ON {PRACTICES}")
    schema_editor.execute(f"DROP FUNCTION {FUNCTION}()")


class Migration(migrations.Migration):
    dependencies = [
        ("cities", "0009_organisation_name_translations"),
        ("toolkit", "0018_published_search_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="practicesearchvectors",
            name="language",
            field=models.CharField(
                editable=False, max_length=5, null=True, verbose_name="language"
            ),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="organisation",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cities.organisation",
                verbose_name="partner organisation",
            ),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="origin_city",
            field=models.CharField(
                editable=False, max_length=100, null=True, verbose_name="city of origin"
            ),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="origin_country",
            field=models.CharField(
                editable=False, max_length=2, null=True, verbose_name="country of origin"
            ),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="published at"),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="status",
            field=models.CharField(editable=False, max_length=10, null=True, verbose_name="status"),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="title_cs",
            field=models.CharField(editable=False, max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="title_de",
            field=models.CharField(editable=False, max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="title_el",
            field=models.CharField(editable=False, max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="title_en",
            field=models.CharField(editable=False, max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="title_es",
            field=models.CharField(editable=False, max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="title_fi",
            field=models.CharField(editable=False, max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="title_fr",
            field=models.CharField(editable=False, max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="title_it",
            field=models.CharField(editable=False, max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="title_lv",
            field=models.CharField(editable=False, max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="title_nl",
            field=models.CharField(editable=False, max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="volunteering_model",
            field=models.CharField(
                editable=False, max_length=20, null=True, verbose_name="volunteering model"
            ),
        ),
        migrations.RunPython(copy_columns, stop_copying, elidable=False),
    ]
