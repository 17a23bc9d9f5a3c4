"""Stored search vectors: one row per practice, kept current by PostgreSQL itself.

Migration 0010 indexed expressions that every search then computed again for
each practice it ranked (``to_tsvector`` of every text, in every language): about
1.2 s per search matching half of 10,000 practices. Here each practice's
weighted vector in each language is stored in ``toolkit_practicesearchvectors``,
a narrow table beside the wide practice rows, with a GIN index per language.

On PostgreSQL a trigger writes the row whenever a practice is inserted or one of
its searchable texts changes, whatever path writes it (the save service, the
admin, ``QuerySet.update()``, ``bulk_create()``), and the existing practices are
filled in here. 0010's expression indexes go: nothing reads them any more, and
every write to a practice paid for them. On SQLite (development) the table is
created and stays empty; search there falls back to ``icontains``.

The expressions are copied here rather than imported, as migrations must not
change when the code does; ``test_stored_vectors_follow_the_search_configuration``
checks that they agree with ``toolkit.search``.
"""

from importlib import import_module

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

UNACCENTED = "simple_unaccent"
SEARCH_CONFIGS = {
    "en": "english",
    "it": "italian",
    "nl": "dutch",
    "cs": UNACCENTED,
    "de": "german",
    "es": "spanish",
    "lv": UNACCENTED,
    "el": "greek",
    "fr": "french",
    "fi": "finnish",
}
WEIGHTED_FIELDS = (
    ("title", "A"),
    ("summary", "B"),
    ("description", "C"),
    ("how_it_works", "C"),
    ("resources_needed", "D"),
    ("results", "D"),
    ("transferability", "D"),
)
# Not translated: found with the default language's text.
CITY_FIELD = ("origin_city", "D")
PRACTICES = "toolkit_practice"
VECTORS = "toolkit_practicesearchvectors"
FUNCTION = "toolkit_practice_search_vectors"


def weighted_columns(language: str) -> list[tuple[str, str]]:
    columns = [(f"{field}_{language}", weight) for field, weight in WEIGHTED_FIELDS]
    if language == "en":
        columns.append(CITY_FIELD)
    return columns


def vector_sql(language: str, row: str = "") -> str:
    """The weighted vector of ``language``; ``row`` is ``NEW.`` inside the trigger."""
    config = SEARCH_CONFIGS[language]
    return " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, coalesce({row}{column}, '')), '{weight}')"
        for column, weight in weighted_columns(language)
    )


def create_triggers(schema_editor) -> None:
    """The function and the per-row triggers that write a practice's vectors.

    Migration 0015 replaces them, and makes them again when reversed.
    """
    languages = list(SEARCH_CONFIGS)
    vector_columns = ", ".join(f"search_{language}" for language in languages)
    texts = sorted({column for language in languages for column, _ in weighted_columns(language)})
    schema_editor.execute(
        f"""
        CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO {VECTORS} (practice_id, {vector_columns})
            VALUES (NEW.id, {", ".join(vector_sql(language, "NEW.") for language in languages)})
            ON CONFLICT (practice_id) DO UPDATE SET
                {", ".join(f"search_{language} = EXCLUDED.search_{language}" for language in languages)};
            RETURN NULL;
        END;
        $$
        """
    )
    schema_editor.execute(
        f"CREATE TRIGGER practice_search_vectors_insert AFTER INSERT ON {PRACTICES} "
        f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
    )
    # Only when a searchable text changed: publishing or retagging a practice costs nothing.
    old = ", ".join(f"OLD.{column}" for column in texts)
    new = ", ".join(f"NEW.{column}" for column in texts)
    schema_editor.execute(
        f"CREATE TRIGGER practice_search_vectors_update "
        f"AFTER UPDATE OF {', '.join(texts)} ON {PRACTICES} FOR EACH ROW "
        f"WHEN (({old}) IS DISTINCT FROM ({new})) EXECUTE FUNCTION {FUNCTION}()"
    )


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    create_triggers(schema_editor)
    languages = list(SEARCH_CONFIGS)
    vector_columns = ", ".join(f"search_{language}" for language in languages)
    schema_editor.execute(
        f"INSERT INTO {VECTORS} (practice_id, {vector_columns}) "
        f"SELECT id, {', '.join(vector_sql(language) for language in languages)} FROM {PRACTICES}"
    )
    for language in languages:
        schema_editor.execute(f"DROP INDEX IF EXISTS practice_search_gin_{language}")
        schema_editor.execute(
            f"CREATE INDEX practice_search_gin_{language} ON {VECTORS} "
            f"USING gin (search_{language})"
        )
    schema_editor.execute(f"ANALYZE {VECTORS}")


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER practice_search_vectors_update ON {PRACTICES}")
    schema_editor.execute(f"DROP TRIGGER practice_search_vectors_insert ON {PRACTICES}")
    schema_editor.execute(f"DROP FUNCTION {FUNCTION}()")
    previous = import_module("toolkit.migrations.0010_search_in_every_language")
    Practice = apps.get_model("toolkit", "Practice")
    for language in SEARCH_CONFIGS:
        schema_editor.execute(f"DROP INDEX practice_search_gin_{language}")
        schema_editor.add_index(Practice, previous.language_index(language))


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0010_search_in_every_language"),
    ]

    operations = [
        migrations.CreateModel(
            name="PracticeSearchVectors",
            fields=[
                (
                    "practice",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_vectors",
                        serialize=False,
                        to="toolkit.practice",
                        verbose_name="practice",
                    ),
                ),
                *(
                    (
                        f"search_{language}",
                        django.contrib.postgres.search.SearchVectorField(
                            editable=False, null=True, verbose_name=name
                        ),
                    )
                    for language, name in [
                        ("en", "English"),
                        ("it", "Italian"),
                        ("nl", "Dutch"),
                        ("cs", "Czech"),
                        ("de", "German"),
                        ("es", "Spanish"),
                        ("lv", "Latvian"),
                        ("el", "Greek"),
                        ("fr", "French"),
                        ("fi", "Finnish"),
                    ]
                ),
            ],
            options={
                "verbose_name": "search vectors of a practice",
                "verbose_name_plural": "search vectors of practices",
            },
        ),
        # The trigger and the indexes: PostgreSQL only, so RunPython rather than RunSQL.
        migrations.RunPython(create_search, drop_search, elidable=False),
    ]
