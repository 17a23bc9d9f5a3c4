"""Practices' search vectors are written once per statement, not once per row.

Migration 0011's triggers ran for each practice written, each with an ``INSERT …
ON CONFLICT`` of its own. Seeding 30,000 practices (``bench/scale.py``, a
thousand to a ``bulk_create()`` statement) took 34 s, 23 s of it with no vectors
written. Here the triggers run once per statement and write the vectors of all
the rows it changed in one upsert from its transition tables: 27 s. What is left
is computing them (3.4 s for 30,000) and writing them and their ten GIN indexes.

The vectors are 0011's expressions, and those stored stay. Transition tables
cannot go with ``UPDATE OF`` columns, so the update trigger runs on every update
and keeps the rows whose searchable texts changed: publishing a practice still
writes no vectors. A deleted practice's vectors go as before, deleted first by
Django's cascade. Going back to 0014 restores 0011's triggers. On SQLite nothing
changes.
"""

from importlib import import_module

from django.db import migrations

per_row = import_module("toolkit.migrations.0011_search_vectors")
PRACTICES = per_row.PRACTICES
VECTORS = per_row.VECTORS
LANGUAGES = list(per_row.SEARCH_CONFIGS)
TEXTS = sorted(
    {column for language in LANGUAGES for column, _ in per_row.weighted_columns(language)}
)
FUNCTION = "toolkit_practice_search_vectors_per_statement"
# The transition tables of each event, ``old_rows`` and ``new_rows``.
EVENTS = {
    "INSERT": ["NEW"],
    "UPDATE": ["OLD", "NEW"],
}


def upsert(rows: str) -> str:
    """Write the vectors of the practices in ``new_rows`` that ``rows`` (FROM …) keeps."""
    columns = [f"search_{language}" for language in LANGUAGES]
    vectors = ", ".join(per_row.vector_sql(language, "new_rows.") for language in LANGUAGES)
    return f"""
        INSERT INTO {VECTORS} (practice_id, {", ".join(columns)})
        SELECT new_rows.id, {vectors} FROM {rows}
        ON CONFLICT (practice_id) DO UPDATE SET
            {", ".join(f"{column} = EXCLUDED.{column}" for column in columns)}
    """


def changed_texts() -> str:
    """The practices updated whose searchable texts changed, as 0011's ``WHEN`` kept them."""
    old, new = (
        ", ".join(f"{rows}.{column}" for column in TEXTS) for rows in ("old_rows", "new_rows")
    )
    return (
        f"old_rows JOIN new_rows ON new_rows.id = old_rows.id "
        f"WHERE ({old}) IS DISTINCT FROM ({new})"
    )


def write_per_statement(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER practice_search_vectors_update ON {PRACTICES}")
    schema_editor.execute(f"DROP TRIGGER practice_search_vectors_insert ON {PRACTICES}")
    schema_editor.execute(f"DROP FUNCTION {per_row.FUNCTION}()")
    schema_editor.execute(
        f"""
        CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN {upsert("new_rows")};
            ELSIF TG_OP = 'UPDATE' THEN {upsert(changed_texts())};
            END IF;
            RETURN NULL;
        END;
        $$
        """
    )
    for event, kinds in EVENTS.items():
        transition_tables = " ".join(f"{kind} TABLE AS {kind.lower()}_rows" for kind in kinds)
        schema_editor.execute(
            f"CREATE TRIGGER {PRACTICES}_search_vectors_{event.lower()} "
            f"AFTER {event} ON {PRACTICES} REFERENCING {transition_tables} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
        )


def write_per_row(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for event in EVENTS:
        schema_editor.execute(
            f"DROP TRIGGER {PRACTICES}_search_vectors_{event.lower()} ON {PRACTICES}"
        )
    schema_editor.execute(f"DROP FUNCTION {FUNCTION}()")
    per_row.create_triggers(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0014_facet_counts_per_statement"),
    ]

    operations = [
        migrations.RunPython(write_per_statement, write_per_row, elidable=False),
    ]
