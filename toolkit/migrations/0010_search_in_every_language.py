"""Full-text search in every content language: one GIN index per language, on PostgreSQL only.

Each index covers the weighted ``tsvector`` of one language's columns, built with
that language's text-search configuration, exactly as ``toolkit.search`` builds
it for every query. Czech and Latvian have no configuration in PostgreSQL: a
``simple_unaccent`` configuration (the ``simple`` dictionary after ``unaccent``)
indexes their words as written, accents folded. The single English index of
migration 0002 goes. SQLite has no ``tsvector``: there the migration does
nothing. The expressions are copied here rather than imported, as migrations must
not change when the code does; a test checks that the two still agree.
"""

from functools import reduce
from operator import add

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import UnaccentExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

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
CITY_FIELD = ("origin_city", "D")

# Migration 0002's index, for going back.
OLD_INDEX_NAME = "practice_search_gin"
OLD_WEIGHTED_FIELDS = (*WEIGHTED_FIELDS, CITY_FIELD)


def language_index(language: str) -> GinIndex:
    fields = [(f"{field}_{language}", weight) for field, weight in WEIGHTED_FIELDS]
    if language == "en":
        fields.append(CITY_FIELD)
    config = SEARCH_CONFIGS[language]
    vector = reduce(
        add, (SearchVector(column, weight=weight, config=config) for column, weight in fields)
    )
    return GinIndex(vector, name=f"practice_search_gin_{language}")


def old_index() -> GinIndex:
    vector = reduce(
        add,
        (
            SearchVector(field, weight=weight, config="english")
            for field, weight in OLD_WEIGHTED_FIELDS
        ),
    )
    return GinIndex(vector, name=OLD_INDEX_NAME)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [UNACCENTED])
        if cursor.fetchone() is None:
            schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {UNACCENTED} (COPY = simple)")
            schema_editor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {UNACCENTED} "
                "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
            )
    Practice = apps.get_model("toolkit", "Practice")
    schema_editor.remove_index(Practice, old_index())
    for language in SEARCH_CONFIGS:
        schema_editor.add_index(Practice, language_index(language))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Practice = apps.get_model("toolkit", "Practice")
    for language in SEARCH_CONFIGS:
        schema_editor.remove_index(Practice, language_index(language))
    schema_editor.add_index(Practice, old_index())
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {UNACCENTED}")


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0009_project_benchmarking"),
    ]

    operations = [
        # CREATE EXTENSION unaccent on PostgreSQL (a trusted extension); nothing on SQLite.
        UnaccentExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
