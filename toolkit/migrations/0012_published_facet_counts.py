"""The toolkit's facet counts over every published practice, kept by PostgreSQL itself.

The toolkit's first page counted every published practice by each facet at each
visit: about 30 ms at 10,000 practices, most of it joining them to their
clusters and target groups, and ten times that at 100,000. Here the counts are
stored in ``toolkit_publishedfacetcount`` and triggers add and subtract as rows
change, whatever path writes them:

- a practice inserted, deleted, published or unpublished counts for (or stops
  counting for) its volunteering model, country, city and language, the total,
  and, when it is published or unpublished, its clusters and target groups;
- a practice moved to another model, country, city or language moves its count;
- a link to a cluster or a target group inserted or deleted counts when its
  practice is published.

A practice deleted before its links (the foreign keys are deferred) takes its
links' counts with it, and the links then find no practice to count; deleted
after them, the links have already taken theirs. On SQLite the table stays
empty and the toolkit counts at each visit. ``test_stored_facet_counts_follow_every_write``
checks the counts against the computed ones after every kind of write.
"""

from django.db import migrations, models

COUNTS = "toolkit_publishedfacetcount"
PRACTICES = "toolkit_practice"
PUBLISHED = "published"
# Facet → the practice's column.
VALUE_FACETS = {
    "model": "volunteering_model",
    "country": "origin_country",
    "city": "origin_city",
    "language": "language",
}
# Facet → the link table and its column naming the option.
LINK_FACETS = {
    "cluster": ("toolkit_practice_clusters", "cluster_id"),
    "target_group": ("toolkit_practice_target_groups", "targetgroup_id"),
}
TOTAL = "total"
ADD = "toolkit_facet_counts_add"
PRACTICE_FUNCTION = "toolkit_practice_facet_counts"
LINK_FUNCTION = "toolkit_practice_link_facet_counts"


def add_values(row: str, sign: str) -> str:
    """Add ``sign`` (1 or -1) to the counts of ``row``'s (``OLD``/``NEW``) own values."""
    values = ", ".join(
        f"['{facet}', {row}.{column}::text]" for facet, column in VALUE_FACETS.items()
    )
    return f"PERFORM {ADD}(ARRAY[['{TOTAL}', ''], {values}], {sign});"


def add_links(row: str, sign: str) -> str:
    """Add ``sign`` to the counts of the options ``row``'s practice is linked to."""
    return "\n".join(
        f"PERFORM {ADD}(ARRAY(SELECT ARRAY['{facet}', {column}::text] FROM {table} "
        f"WHERE practice_id = {row}.id), {sign});"
        for facet, (table, column) in LINK_FACETS.items()
    )


def create_counts(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # ``pairs``: rows of (facet, value). One statement per change, the pairs grouped so
    # that ON CONFLICT touches each row once; counts at zero stay (and are not shown).
    schema_editor.execute(
        f"""
        CREATE FUNCTION {ADD}(pairs text[], delta integer) RETURNS void LANGUAGE sql AS $$
            INSERT INTO {COUNTS} (facet, value, count)
            SELECT pairs[i][1], pairs[i][2], delta * COUNT(*)
            FROM generate_subscripts(pairs, 1) AS i
            GROUP BY pairs[i][1], pairs[i][2]
            ON CONFLICT (facet, value) DO UPDATE SET count = {COUNTS}.count + EXCLUDED.count
        $$
        """
    )
    schema_editor.execute(
        f"""
        CREATE FUNCTION {PRACTICE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = '{PUBLISHED}' THEN
                {add_values("OLD", "-1")}
                IF TG_OP = 'DELETE' OR NEW.status <> '{PUBLISHED}' THEN
                    {add_links("OLD", "-1")}
                END IF;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = '{PUBLISHED}' THEN
                {add_values("NEW", "1")}
                IF TG_OP = 'UPDATE' AND OLD.status <> '{PUBLISHED}' THEN
                    {add_links("NEW", "1")}
                END IF;
            END IF;
            RETURN NULL;
        END;
        $$
        """
    )
    columns = ["status", *VALUE_FACETS.values()]
    old = ", ".join(f"OLD.{column}" for column in columns)
    new = ", ".join(f"NEW.{column}" for column in columns)
    schema_editor.execute(
        f"CREATE TRIGGER practice_facet_counts_insert_delete AFTER INSERT OR DELETE "
        f"ON {PRACTICES} FOR EACH ROW EXECUTE FUNCTION {PRACTICE_FUNCTION}()"
    )
    schema_editor.execute(
        f"CREATE TRIGGER practice_facet_counts_update AFTER UPDATE OF {', '.join(columns)} "
        f"ON {PRACTICES} FOR EACH ROW WHEN (({old}) IS DISTINCT FROM ({new})) "
        f"EXECUTE FUNCTION {PRACTICE_FUNCTION}()"
    )
    # TG_ARGV: the facet and the link table's option column.
    schema_editor.execute(
        f"""
        CREATE FUNCTION {LINK_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            facet text := TG_ARGV[0];
            old_option text;
            new_option text;
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                old_option := to_jsonb(OLD) ->> TG_ARGV[1];
                IF EXISTS (SELECT FROM {PRACTICES} WHERE id = OLD.practice_id
                           AND status = '{PUBLISHED}') THEN
                    PERFORM {ADD}(ARRAY[[facet, old_option]], -1);
                END IF;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                new_option := to_jsonb(NEW) ->> TG_ARGV[1];
                IF EXISTS (SELECT FROM {PRACTICES} WHERE id = NEW.practice_id
                           AND status = '{PUBLISHED}') THEN
                    PERFORM {ADD}(ARRAY[[facet, new_option]], 1);
                END IF;
            END IF;
            RETURN NULL;
        END;
        $$
        """
    )
    for facet, (table, column) in LINK_FACETS.items():
        schema_editor.execute(
            f"CREATE TRIGGER {table}_facet_counts AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {LINK_FUNCTION}('{facet}', '{column}')"
        )
    # The counts of the practices already there.
    published = f"FROM {PRACTICES} WHERE status = '{PUBLISHED}'"
    sources = [
        f"SELECT '{TOTAL}', '', COUNT(*) {published}",
        *(
            f"SELECT '{facet}', {column}, COUNT(*) {published} GROUP BY {column}"
            for facet, column in VALUE_FACETS.items()
        ),
        *(
            f"SELECT '{facet}', link.{column}::text, COUNT(*) FROM {table} link "
            f"JOIN {PRACTICES} practice ON practice.id = link.practice_id "
            f"WHERE practice.status = '{PUBLISHED}' GROUP BY link.{column}"
            for facet, (table, column) in LINK_FACETS.items()
        ),
    ]
    schema_editor.execute(
        f"INSERT INTO {COUNTS} (facet, value, count) {' UNION ALL '.join(sources)}"
    )


def drop_counts(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _column in LINK_FACETS.values():
        schema_editor.execute(f"DROP TRIGGER {table}_facet_counts ON {table}")
    schema_editor.execute(f"DROP TRIGGER practice_facet_counts_update ON {PRACTICES}")
    schema_editor.execute(f"DROP TRIGGER practice_facet_counts_insert_delete ON {PRACTICES}")
    schema_editor.execute(f"DROP FUNCTION {LINK_FUNCTION}()")
    schema_editor.execute(f"DROP FUNCTION {PRACTICE_FUNCTION}()")
    schema_editor.execute(f"DROP FUNCTION {ADD}(text[], integer)")


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0011_search_vectors"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublishedFacetCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("facet", models.CharField(max_length=20, verbose_name="facet")),
                ("value", models.CharField(max_length=100, verbose_name="value")),
                ("count", models.IntegerField(default=0, verbose_name="count")),
            ],
            options={
                "verbose_name": "published practices with a facet value",
                "verbose_name_plural": "published practices with each facet value",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("facet", "value"), name="facet_count_unique_value"
                    )
                ],
            },
        ),
        # The triggers: PostgreSQL only, so RunPython rather than RunSQL.
        migrations.RunPython(create_counts, drop_counts, elidable=False),
    ]
