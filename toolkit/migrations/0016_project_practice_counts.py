"""Each project's published practices, counted by PostgreSQL as they change.

The funder's summary and a project's key figures show how many published practices
a project counts: those of its partners and those in one of its clusters, each once
(``reporting.figures.scoped_practices``). Counted at each visit, that reads every
published practice: 13 ms at 10,000 practices, ten times that at 100,000. Here
``toolkit_projectpracticecount`` keeps the number of each project, and triggers keep
it right whatever path writes the rows (the save service, the admin,
``QuerySet.update()``, ``bulk_create()``), once per statement:

- practices inserted, deleted, published, unpublished or moved to another partner
  add to or take from the count of each project they are in, read from the statement's
  transition tables (an edit of a practice's texts changes nothing and costs a
  comparison of the rows it updated);
- a cluster link of a published practice, a participation, a cluster and a project:
  rarer changes, after which every project's practices are counted afresh.

A practice deleted before its links (the foreign keys are deferred) is taken from the
projects of its partner and of its clusters while its links are still there; the links,
deleted after it, belong to no published practice and change nothing. On SQLite the table stays empty and the number is counted at each visit.
``tests/reporting/test_stored_practice_counts.py`` compares the stored numbers with
the counted ones after every kind of write.
"""

from django.db import migrations, models

COUNTS = "toolkit_projectpracticecount"
PRACTICES = "toolkit_practice"
LINKS = "toolkit_practice_clusters"
PARTICIPATIONS = "cities_participation"
CLUSTERS = "cities_cluster"
PROJECTS = "cities_project"
PUBLISHED = "published"
# The transition tables of each event, ``old_rows`` and ``new_rows``.
EVENTS = {
    "INSERT": ["NEW"],
    "UPDATE": ["OLD", "NEW"],
    "DELETE": ["OLD"],
}
COUNT_AGAIN = "toolkit_project_practice_counts_again"
PRACTICE_FUNCTION = "toolkit_practice_project_counts"
LINK_FUNCTION = "toolkit_practice_clusters_project_counts"
# Tables whose every change counts again (no transition tables: any statement).
COUNTED_AGAIN_AFTER = (PARTICIPATIONS, CLUSTERS, PROJECTS)

# Every project's published practices: of its partners, or in one of its clusters.
COUNT_EVERY_PROJECT = f"""
    DELETE FROM {COUNTS} WHERE project_id NOT IN (SELECT id FROM {PROJECTS});
    WITH in_project (project_id, practice_id) AS (
        SELECT participation.project_id, practice.id
        FROM {PARTICIPATIONS} participation
        JOIN {PRACTICES} practice ON practice.organisation_id = participation.organisation_id
        WHERE practice.status = '{PUBLISHED}'
        UNION
        SELECT cluster.project_id, link.practice_id
        FROM {CLUSTERS} cluster
        JOIN {LINKS} link ON link.cluster_id = cluster.id
        JOIN {PRACTICES} practice ON practice.id = link.practice_id
        WHERE practice.status = '{PUBLISHED}'
    )
    INSERT INTO {COUNTS} (project_id, published)
    SELECT project.id, COUNT(in_project.practice_id)
    FROM {PROJECTS} project LEFT JOIN in_project ON in_project.project_id = project.id
    GROUP BY project.id
    ON CONFLICT (project_id) DO UPDATE SET published = EXCLUDED.published
    WHERE {COUNTS}.published <> EXCLUDED.published;
"""


def practice_rows(event: str) -> str:
    """The published practices the statement added (1) or took away (-1)."""
    published = f"status = '{PUBLISHED}'"
    if event == "INSERT":
        return f"SELECT id, organisation_id, 1 FROM new_rows WHERE {published}"
    if event == "DELETE":
        return f"SELECT id, organisation_id, -1 FROM old_rows WHERE {published}"
    # Only the rows whose status or partner changed; not aliased OLD and NEW, which
    # PL/pgSQL takes for its row variables.
    changed = (
        "FROM old_rows old_row JOIN new_rows new_row ON new_row.id = old_row.id "
        "WHERE (old_row.status, old_row.organisation_id) "
        "IS DISTINCT FROM (new_row.status, new_row.organisation_id)"
    )
    return (
        f"SELECT old_row.id, old_row.organisation_id, -1 {changed} "
        f"AND old_row.{published} UNION ALL "
        f"SELECT new_row.id, new_row.organisation_id, 1 {changed} AND new_row.{published}"
    )


def add_practices(event: str) -> str:
    """Add each changed practice's delta to the projects it is in, one upsert per statement."""
    return f"""
        WITH changed (id, organisation_id, delta) AS ({practice_rows(event)})
        INSERT INTO {COUNTS} (project_id, published)
        SELECT project.id, SUM(changed.delta)
        FROM changed CROSS JOIN {PROJECTS} project
        WHERE EXISTS (
            SELECT 1 FROM {PARTICIPATIONS} participation
            WHERE participation.project_id = project.id
            AND participation.organisation_id = changed.organisation_id
        ) OR EXISTS (
            SELECT 1 FROM {LINKS} link JOIN {CLUSTERS} cluster ON cluster.id = link.cluster_id
            WHERE link.practice_id = changed.id AND cluster.project_id = project.id
        )
        GROUP BY project.id HAVING SUM(changed.delta) <> 0
        ON CONFLICT (project_id) DO UPDATE SET published = {COUNTS}.published + EXCLUDED.published
    """


def links_of_published(event: str) -> str:
    """Whether the statement linked or unlinked a published practice."""
    rows = " UNION ALL ".join(
        f"SELECT practice_id FROM {kind.lower()}_rows" for kind in EVENTS[event]
    )
    return (
        f"EXISTS (SELECT 1 FROM ({rows}) AS link JOIN {PRACTICES} practice "
        f"ON practice.id = link.practice_id WHERE practice.status = '{PUBLISHED}')"
    )


def create_triggers(schema_editor, table: str, function: str, body: str) -> None:
    schema_editor.execute(
        f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {body} RETURN NULL; END; $$"
    )
    for event, kinds in EVENTS.items():
        transition_tables = " ".join(f"{kind} TABLE AS {kind.lower()}_rows" for kind in kinds)
        schema_editor.execute(
            f"CREATE TRIGGER {table}_project_counts_{event.lower()} AFTER {event} ON {table} "
            f"REFERENCING {transition_tables} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )


def count_per_project(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE FUNCTION {COUNT_AGAIN}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {COUNT_EVERY_PROJECT} RETURN NULL; END; $$"
    )
    for table in COUNTED_AGAIN_AFTER:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_project_counts AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {COUNT_AGAIN}()"
        )
    branches = " ELSIF ".join(f"TG_OP = '{event}' THEN {add_practices(event)};" for event in EVENTS)
    create_triggers(schema_editor, PRACTICES, PRACTICE_FUNCTION, f"IF {branches} END IF;")
    branches = " ELSIF ".join(
        # Nested: each event's condition reads its own transition tables only.
        f"TG_OP = '{event}' THEN IF {links_of_published(event)} THEN {COUNT_EVERY_PROJECT} END IF;"
        for event in EVENTS
    )
    create_triggers(schema_editor, LINKS, LINK_FUNCTION, f"IF {branches} END IF;")
    schema_editor.execute(COUNT_EVERY_PROJECT)


def stop_counting(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in (PRACTICES, LINKS):
        for event in EVENTS:
            schema_editor.execute(f"DROP TRIGGER {table}_project_counts_{event.lower()} ON {table}")
    for table in COUNTED_AGAIN_AFTER:
        schema_editor.execute(f"DROP TRIGGER {table}_project_counts ON {table}")
    for function in (PRACTICE_FUNCTION, LINK_FUNCTION, COUNT_AGAIN):
        schema_editor.execute(f"DROP FUNCTION {function}()")


class Migration(migrations.Migration):
    dependencies = [
        ("cities", "0009_organisation_name_translations"),
        ("toolkit", "0015_search_vectors_per_statement"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProjectPracticeCount",
            fields=[
                (
                    "project",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=models.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="cities.project",
                        verbose_name="project",
                    ),
                ),
                ("published", models.IntegerField(default=0, verbose_name="Published practices")),
            ],
            options={
                "verbose_name": "published practices of a project",
                "verbose_name_plural": "published practices of each project",
            },
        ),
        migrations.RunPython(count_per_project, stop_counting, elidable=False),
    ]
