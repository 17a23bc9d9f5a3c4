"""The toolkit's facet counts are kept once per statement, not once per row.

Migration 0012's triggers ran for each row written, and each row added to a few
counter rows with an ``INSERT … ON CONFLICT DO UPDATE``: the ``total`` row every
time. Each update of a row within a transaction leaves a dead version that the
next update of that row walks past, so N rows cost N²: adding to ``total`` 2,000
times in one transaction took 72 ms, 8,000 times 694 ms, 32,000 times 9.8 s.
Seeding 100,000 practices in one transaction (``bench/scale.py``) took 19
minutes, mostly this, and a coordinator publishing many practices with one
``QuerySet.update()`` paid the same.

Here the triggers run once per statement (a ``bulk_create()`` batch, a
``QuerySet.update()``, a single ``save()``), read the rows it changed from its
transition tables and add them up in one upsert, grouped by facet and value, so
that each counter row is written once per statement. What they count is what
0012's docstring says, and the counts already stored stay. PostgreSQL allows
transition tables on triggers of one event only (three triggers per table, one
function), and not on ``UPDATE OF`` columns: a practice's function keeps, of the
rows updated, those whose status or counted values changed. Going back to 0013
makes 0012's triggers again, which count afresh. On SQLite nothing changes.
"""

from importlib import import_module

from django.db import migrations

per_row = import_module("toolkit.migrations.0012_published_facet_counts")
COUNTS = per_row.COUNTS
PRACTICES = per_row.PRACTICES
PUBLISHED = per_row.PUBLISHED
VALUE_FACETS = per_row.VALUE_FACETS
LINK_FACETS = per_row.LINK_FACETS
COLUMNS = ["status", *VALUE_FACETS.values()]
# The transition tables of each event, ``old_rows`` and ``new_rows``.
EVENTS = {
    "INSERT": ["NEW"],
    "UPDATE": ["OLD", "NEW"],
    "DELETE": ["OLD"],
}
DELTAS = {"OLD": -1, "NEW": 1}


def function_name(table: str) -> str:
    return f"{table}_facet_counts_per_statement"


def upsert(changed: str, deltas: str) -> str:
    """Add the ``deltas`` (facet, value, delta), which read the rows ``changed``, to the counts.

    Grouped, ON CONFLICT touches each counter row once; a count at zero stays.
    """
    return f"""
        WITH {changed}
        INSERT INTO {COUNTS} (facet, value, count)
        SELECT facet, value, SUM(delta) FROM ({deltas}) AS deltas (facet, value, delta)
        GROUP BY facet, value HAVING SUM(delta) <> 0
        ON CONFLICT (facet, value) DO UPDATE SET count = {COUNTS}.count + EXCLUDED.count
    """


def practice_deltas() -> str:
    """What ``changed`` practices count for: (id, delta, the ``COLUMNS``, links).

    A practice as it was has the delta -1, as it is 1; its values count when it is
    published, its links too when ``links`` (it has just been published or
    unpublished, or is deleted).
    """
    values = ", ".join(
        f"('{facet}', changed.{column}::text)" for facet, column in VALUE_FACETS.items()
    )
    published = f"changed.status = '{PUBLISHED}'"
    return " UNION ALL ".join(
        [
            f"SELECT value.facet, value.value, changed.delta FROM changed "
            f"CROSS JOIN LATERAL (VALUES ('{per_row.TOTAL}', ''), {values}) "
            f"AS value (facet, value) WHERE {published}",
            *(
                f"SELECT '{facet}', link.{column}::text, changed.delta FROM changed "
                f"JOIN {table} link ON link.practice_id = changed.id "
                f"WHERE {published} AND changed.links"
                for facet, (table, column) in LINK_FACETS.items()
            ),
        ]
    )


def practice_rows(event: str) -> str:
    """The practices the statement changed, as ``practice_deltas`` reads them."""
    columns = ", ".join(COLUMNS)
    named = f"changed (id, delta, {columns}, links) AS"
    if event == "INSERT":
        # A practice inserted has no links yet (0012 counted none either).
        return f"{named} (SELECT id, 1, {columns}, false FROM new_rows)"
    if event == "DELETE":
        # The links still there go with it (deleted before them: the foreign keys are deferred).
        return f"{named} (SELECT id, -1, {columns}, true FROM old_rows)"
    # Not aliased OLD and NEW, which PL/pgSQL takes for its row variables.
    old, new = (
        ", ".join(f"{row}.{column}" for column in COLUMNS) for row in ("old_row", "new_row")
    )
    return (
        f"{named} (SELECT old_row.id, side.* FROM old_rows old_row "
        f"JOIN new_rows new_row ON new_row.id = old_row.id "
        f"CROSS JOIN LATERAL (VALUES (-1, {old}, new_row.status <> '{PUBLISHED}'), "
        f"(1, {new}, old_row.status <> '{PUBLISHED}')) AS side "
        f"WHERE ({old}) IS DISTINCT FROM ({new}))"
    )


def link_rows(event: str, column: str) -> str:
    """The links the statement changed, as ``link_deltas`` reads them."""
    selects = " UNION ALL ".join(
        f"SELECT practice_id, {column}, {DELTAS[kind]} FROM {kind.lower()}_rows"
        for kind in EVENTS[event]
    )
    return f"changed (practice_id, option, delta) AS ({selects})"


def link_deltas(facet: str) -> str:
    """A link counts when its practice is published."""
    return (
        f"SELECT '{facet}', changed.option::text, changed.delta FROM changed "
        f"JOIN {PRACTICES} practice ON practice.id = changed.practice_id "
        f"WHERE practice.status = '{PUBLISHED}'"
    )


def create_function(schema_editor, table: str, upserts: dict[str, str]) -> None:
    """The function of ``table``'s triggers: the upsert of the event (``TG_OP``)."""
    branches = " ELSIF ".join(f"TG_OP = '{event}' THEN {sql};" for event, sql in upserts.items())
    schema_editor.execute(
        f"""
        CREATE FUNCTION {function_name(table)}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF {branches}
            END IF;
            RETURN NULL;
        END;
        $$
        """
    )
    for event, kinds in EVENTS.items():
        transition_tables = " ".join(f"{kind} TABLE AS {kind.lower()}_rows" for kind in kinds)
        schema_editor.execute(
            f"CREATE TRIGGER {table}_facet_counts_{event.lower()} AFTER {event} ON {table} "
            f"REFERENCING {transition_tables} FOR EACH STATEMENT "
            f"EXECUTE FUNCTION {function_name(table)}()"
        )


def count_per_statement(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    per_row.drop_counts(apps, schema_editor)
    create_function(
        schema_editor,
        PRACTICES,
        {event: upsert(practice_rows(event), practice_deltas()) for event in EVENTS},
    )
    for facet, (table, column) in LINK_FACETS.items():
        create_function(
            schema_editor,
            table,
            {event: upsert(link_rows(event, column), link_deltas(facet)) for event in EVENTS},
        )


def count_per_row(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in [PRACTICES, *(table for table, _column in LINK_FACETS.values())]:
        for event in EVENTS:
            schema_editor.execute(f"DROP TRIGGER {table}_facet_counts_{event.lower()} ON {table}")
        schema_editor.execute(f"DROP FUNCTION {function_name(table)}()")
    # 0012 makes its triggers and counts every published practice again.
    schema_editor.execute(f"DELETE FROM {COUNTS}")
    per_row.create_counts(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0013_published_index_covers_partner"),
    ]

    operations = [
        migrations.RunPython(count_per_statement, count_per_row, elidable=False),
    ]
