"""Each practice's cluster and target-group ids, kept beside its search vectors.

A search's facet counts joined its matching practices to every link of a cluster and
of a target group: at 10,000 practices, two hashes of 18,000 and 20,000 links, 21 ms
of the search's 75. Here ``toolkit_practicesearchvectors`` (one narrow row per
practice, which a search reads anyway) holds the ids in two arrays, and the facets
count them from the matching rows themselves. Triggers on the two link tables write
the arrays of the practices whose links a statement changed, whatever path changes
them (the admin, ``set()``, ``bulk_create()``), once per statement. A practice
without any link has NULL, as it has before its first link. On SQLite the columns are
text and stay empty: the facets join the links there.
"""

from django.db import migrations

import toolkit.models

VECTORS = "toolkit_practicesearchvectors"
# Link table → its column naming the option, and the array of the vectors' row.
LINKS = {
    "toolkit_practice_clusters": ("cluster_id", "cluster_ids"),
    "toolkit_practice_target_groups": ("targetgroup_id", "target_group_ids"),
}
# The transition tables of each event, ``old_rows`` and ``new_rows``.
EVENTS = {
    "INSERT": ["NEW"],
    "UPDATE": ["OLD", "NEW"],
    "DELETE": ["OLD"],
}


def function_name(table: str) -> str:
    return f"{table}_ids_per_statement"


def write_ids(table: str, practices: str) -> str:
    """Write the array of the practices ``practices`` (a SELECT of ids) from ``table``."""
    option, array = LINKS[table]
    return (
        f"UPDATE {VECTORS} vectors SET {array} = ARRAY("
        f"SELECT link.{option} FROM {table} link WHERE link.practice_id = vectors.practice_id "
        f"ORDER BY link.{option}) WHERE vectors.practice_id IN ({practices})"
    )


def keep_ids(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in LINKS:
        branches = " ELSIF ".join(
            f"TG_OP = '{event}' THEN "
            + write_ids(
                table,
                " UNION ".join(f"SELECT practice_id FROM {kind.lower()}_rows" for kind in kinds),
            )
            + ";"
            for event, kinds in EVENTS.items()
        )
        schema_editor.execute(
            f"CREATE FUNCTION {function_name(table)}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN IF {branches} END IF; RETURN NULL; END; $$"
        )
        for event, kinds in EVENTS.items():
            transition_tables = " ".join(f"{kind} TABLE AS {kind.lower()}_rows" for kind in kinds)
            schema_editor.execute(
                f"CREATE TRIGGER {table}_ids_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {transition_tables} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION {function_name(table)}()"
            )
        schema_editor.execute(write_ids(table, f"SELECT DISTINCT practice_id FROM {table}"))


def stop_keeping_ids(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in LINKS:
        for event in EVENTS:
            schema_editor.execute(f"DROP TRIGGER {table}_ids_{event.lower()} ON {table}")
        schema_editor.execute(f"DROP FUNCTION {function_name(table)}()")


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0016_project_practice_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="practicesearchvectors",
            name="cluster_ids",
            field=toolkit.models.KeptIdsField(editable=False, null=True, verbose_name="clusters"),
        ),
        migrations.AddField(
            model_name="practicesearchvectors",
            name="target_group_ids",
            field=toolkit.models.KeptIdsField(
                editable=False, null=True, verbose_name="target groups"
            ),
        ),
        migrations.RunPython(keep_ids, stop_keeping_ids, elidable=False),
    ]
