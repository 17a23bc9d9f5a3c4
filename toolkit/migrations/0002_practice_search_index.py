"""A GIN index for the toolkit's full-text search, on PostgreSQL only.

The index is on the weighted ``tsvector`` expression that ``toolkit.search``
builds for every query, so PostgreSQL uses it without a stored column to keep
up to date. SQLite has no ``tsvector``: there the migration does nothing. The
index is not part of the model state (``Meta.indexes`` would create it on
SQLite too), so ``makemigrations`` never sees it.

The expression is copied here rather than imported, as migrations must not
change when the code does; a test checks that the two still agree.
"""

from functools import reduce
from operator import add

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "practice_search_gin"
WEIGHTED_FIELDS = (
    ("title", "A"),
    ("summary", "B"),
    ("description", "C"),
    ("how_it_works", "C"),
    ("resources_needed", "D"),
    ("results", "D"),
    ("transferability", "D"),
    ("origin_city", "D"),
)


def search_index() -> GinIndex:
    vector = reduce(
        add,
        (
            SearchVector(field, weight=weight, config="english")
            for field, weight in WEIGHTED_FIELDS
        ),
    )
    return GinIndex(vector, name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("toolkit", "Practice"), search_index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("toolkit", "Practice"), search_index())


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
