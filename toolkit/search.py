"""Full-text search of the toolkit.

On PostgreSQL a practice is found through a weighted ``tsvector`` (title A,
summary B, description and how it works C, the rest D) and ordered by
``SearchRank``. The vector is not stored: migration ``0002`` creates a GIN
index on exactly this expression, on PostgreSQL only, so the planner can use it
whenever a query repeats the expression. Nothing has to be kept up to date on
save, and SQLite, which has no ``tsvector``, never sees the index.

On SQLite (development) every word of the query must occur, case-insensitively,
in one of the same fields, in any of its languages; a title match still ranks
above a summary match.

The practice's texts have one column per language (django-modeltranslation).
The vector reads the original columns (``title``…), which hold the text of the
language active when the practice was last saved, and which the GIN index
covers; so a search finds each practice by one version of its text, whatever
language the reader uses.

If the expression changes, the index of migration ``0002`` must change with it:
``test_search_uses_gin_index`` fails when they drift apart.
"""

from functools import reduce
from operator import add, or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

# The text search configuration: the toolkit is written in English.
SEARCH_CONFIG = "english"

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

# Fields with one column per content language (toolkit/translation.py).
TRANSLATED_FIELDS = {
    "title",
    "summary",
    "description",
    "how_it_works",
    "resources_needed",
    "results",
    "transferability",
}

# Longer input is refused by the search form; this bounds the SQLite fallback too.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10


def practice_search_vector() -> SearchVector:
    return reduce(
        add,
        (
            SearchVector(field, weight=weight, config=SEARCH_CONFIG)
            for field, weight in WEIGHTED_FIELDS
        ),
    )


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def search_practices(queryset: QuerySet, text: str) -> QuerySet:
    """Narrow ``queryset`` to practices matching ``text``, annotated with ``rank``."""
    text = text.strip()[:MAX_QUERY_LENGTH]
    if not text:
        return queryset
    if uses_full_text_search():
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return (
            queryset.annotate(search=practice_search_vector())
            .filter(search=query)
            .annotate(rank=SearchRank(F("search"), query))
        )
    return _search_without_full_text(queryset, text)


def _columns(field: str) -> list[str]:
    """A translatable field's column in every content language (``title_en``, ``title_it``…).

    modeltranslation would turn ``title__icontains`` into the reader's language
    only; a reader of Italian must still find a practice written in English.
    """
    if field in TRANSLATED_FIELDS:
        return [f"{field}_{language}" for language in settings.MODELTRANSLATION_LANGUAGES]
    return [field]


def _any_column_contains(field: str, text: str) -> Q:
    return reduce(or_, (Q(**{f"{column}__icontains": text}) for column in _columns(field)))


def _search_without_full_text(queryset: QuerySet, text: str) -> QuerySet:
    fields = [field for field, _weight in WEIGHTED_FIELDS]
    for term in text.split()[:MAX_TERMS]:
        queryset = queryset.filter(
            reduce(or_, (_any_column_contains(field, term) for field in fields))
        )
    return queryset.annotate(
        rank=Case(
            When(_any_column_contains("title", text), then=Value(3)),
            When(_any_column_contains("summary", text), then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )
