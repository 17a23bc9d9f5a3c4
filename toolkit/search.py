"""Full-text search of the toolkit, in every content language.

A practice has one column per language for each of its texts
(django-modeltranslation: ``title_en``, ``title_it``…). On PostgreSQL each
language's columns make one weighted ``tsvector`` (title A, summary B,
description and how it works C, the rest D), built with that language's
text-search configuration, so each text is stemmed as its own language is:
"lingue" and "lingua" are one word in Italian text, "Sprachen" and "Sprache" in
German text. PostgreSQL has no configuration for Czech or Latvian: their text is
indexed word by word with accents folded (``simple_unaccent``, migration 0010).

The reader's words are parsed once per language: in the reader's interface
language for text in that language, and in each other language for text in it,
so a practice matches in whatever language its text is written ("mentoring"
typed by an Italian reader still finds an English practice about mentors). A
practice matches when the words match its text in one language. Practices the
reader can read in their own language come first, then the rest, each group by
``SearchRank``.

The vectors are stored, one row per practice in ``PracticeSearchVectors`` (a
narrow table beside the wide practice rows), which PostgreSQL writes itself from
exactly these expressions (triggers, migrations ``0011`` and ``0015``) whenever a
practice is inserted or its texts change, by any path: the save service, the
admin, ``QuerySet.update()``, ``bulk_create()``. Each language's column has a GIN
index. A search finds its matches with the indexes (a bitmap OR of the languages)
and ranks only those, reading their stored vectors instead of parsing every text
again. If an expression here changes, a migration must change the triggers with
it: ``test_stored_vectors_follow_the_search_configuration`` fails when they drift.
The same rows hold copies of what the toolkit's facets count, sort and rank by (the
practice's status, partner, model, country, city, language, date and titles,
migration 0019): the toolkit counts and ranks a search's matches from them alone,
without looking each match's practice row up.

A cached search (its results and facets, ``core.cache``) depends on its words: a
practice it matches holds one of them, in one language, as that language stems it.
Each word has a token (``word_tokens``); saving a practice replaces the tokens of the
words of its vectors before and after the save (``toolkit/apps.py``). An edit of a
practice that a search neither matched nor matches leaves that search in the cache;
one that adds or removes a match, or changes a match's rank or card, does not. A
search that can match a practice without any of its words ("-school") depends on
every practice instead.

On SQLite (development) every word of the query must occur, case-insensitively,
in one of the same fields, in any of its languages; a title match still ranks
above a summary match, and the reader's language above both.
"""

import hashlib
import re
from collections.abc import Iterable
from functools import reduce
from operator import add, or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Greatest

from core.cache import content_key, tokens_changed
from core.content_language import columns_in_every_language, reading_language

# Czech and Latvian have no stemmer in PostgreSQL: words as written, accents folded.
UNACCENTED = "simple_unaccent"

# The text-search configuration of each content language (MODELTRANSLATION_LANGUAGES).
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

# Fields with one column per content language (toolkit/translation.py), and their weight.
WEIGHTED_FIELDS = (
    ("title", "A"),
    ("summary", "B"),
    ("description", "C"),
    ("how_it_works", "C"),
    ("resources_needed", "D"),
    ("results", "D"),
    ("transferability", "D"),
)
TRANSLATED_FIELDS = {field for field, _weight in WEIGHTED_FIELDS}
# Not translated: the city a practice comes from is found with the default language's text.
CITY_FIELD = ("origin_city", "D")

# A word's token: its hash's first 16 bits, so that any alphabet makes a safe name for a
# file or a key, and the tokens are at most 65,536 however large the vocabulary grows
# (the slots of one family: core/cache_versions.py). A
# practice's words share a token with 1 in 65,536 other words, which makes a search
# that has one of those out of date for nothing, never the reverse.
SEARCH_WORD = "toolkit.search-word@"
# A lexeme in a tsquery's text: 'homework', 'don''t' (a quote doubled).
QUOTED_LEXEME = re.compile(r"'((?:[^']|'')*)'")

# Longer input is refused by the search form; this bounds the SQLite fallback too.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10


def search_languages() -> tuple[str, ...]:
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def practice_search_vector(language: str) -> SearchVector:
    """The weighted text of a practice in ``language``, stemmed as that language."""
    config = SEARCH_CONFIGS[language]
    fields = [(f"{field}_{language}", weight) for field, weight in WEIGHTED_FIELDS]
    if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        fields.append(CITY_FIELD)
    return reduce(
        add, (SearchVector(column, weight=weight, config=config) for column, weight in fields)
    )


def index_name(language: str) -> str:
    return f"practice_search_gin_{language}"


def stored_vector(language: str) -> F:
    """The stored vector of a practice in ``language`` (``PracticeSearchVectors``)."""
    return F(f"search_vectors__search_{language}")


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def search_practices(queryset: QuerySet, text: str) -> QuerySet:
    """Narrow ``queryset`` to practices matching ``text``, annotated with ``rank``.

    ``rank`` is higher for practices the reader can read in their own language.
    ``queryset`` may also be of their search rows (``PracticeSearchVectors``, on
    PostgreSQL): the toolkit's facets count a search's matches from those alone.
    """
    text = text.strip()[:MAX_QUERY_LENGTH]
    if not text:
        return queryset
    if uses_full_text_search():
        return _search_with_full_text(queryset, text)
    return _search_without_full_text(queryset, text)


def _in_readers_language() -> Case:
    """1 for a practice with a title in the reader's language, else 0."""
    return Case(
        When(**{f"title_{reading_language()}__gt": ""}, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def reads_search_rows(queryset: QuerySet) -> bool:
    """Whether ``queryset`` is of the search's own rows (``PracticeSearchVectors``, whose
    fields have the practice's names: ``search_en``, ``title_en``…), not of practices."""
    from toolkit.models import PracticeSearchVectors  # toolkit.models imports this module

    return queryset.model is PracticeSearchVectors


def _search_with_full_text(queryset: QuerySet, text: str) -> QuerySet:
    languages = search_languages()
    queries = {
        language: SearchQuery(text, config=SEARCH_CONFIGS[language], search_type="websearch")
        for language in languages
    }
    if not reads_search_rows(queryset):
        # Aliases, not annotations: each stored vector is used in WHERE (through its
        # index) and in the rank, never sent back with the rows.
        queryset = queryset.alias(
            **{f"search_{language}": stored_vector(language) for language in languages}
        )
    queryset = queryset.filter(
        reduce(or_, (Q(**{f"search_{lang}": queries[lang]}) for lang in languages))
    )
    # Only the rows the WHERE kept are ranked (the rank is computed after filtering),
    # in the languages the practice is written in only; ts_rank normalised to
    # [0, 1) (32: rank / (rank + 1)) so that the reader's language always wins.
    ranks = [
        Case(
            When(
                **{f"title_{lang}__gt": ""},
                then=SearchRank(F(f"search_{lang}"), queries[lang], normalization=32),
            ),
            default=Value(0.0),
            output_field=FloatField(),
        )
        for lang in languages
    ]
    return queryset.annotate(rank=_in_readers_language() + Greatest(*ranks))


def _columns(field: str) -> list[str]:
    """A translatable field's column in every content language (``title_en``, ``title_it``…).

    modeltranslation would turn ``title__icontains`` into the reader's language
    only; a reader of Italian must still find a practice written in English.
    """
    if field in TRANSLATED_FIELDS:
        return columns_in_every_language(field)
    return [field]


def _any_column_contains(field: str, text: str) -> Q:
    return reduce(or_, (Q(**{f"{column}__icontains": text}) for column in _columns(field)))


def _search_without_full_text(queryset: QuerySet, text: str) -> QuerySet:
    fields = [field for field, _weight in (*WEIGHTED_FIELDS, CITY_FIELD)]
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
        + 3 * _in_readers_language()
    )


# --- What a search depends on ----------------------------------------------------------


def word_tokens(words: Iterable[str]) -> list[str]:
    """The tokens of ``words`` (lexemes, as a text-search configuration writes them)."""
    return sorted(
        {
            f"{SEARCH_WORD}{hashlib.blake2b(word.encode(), digest_size=2).hexdigest()}"
            for word in words
        }
    )


def practice_words(pk: object) -> set[str]:
    """The words of a practice's stored vectors, in every language (none on SQLite)."""
    if pk is None or not uses_full_text_search():
        return set()
    from toolkit.models import PracticeSearchVectors  # toolkit.models imports this module

    opts = PracticeSearchVectors._meta
    arrays = " || ".join(
        f"coalesce(tsvector_to_array({connection.ops.quote_name(f'search_{language}')}), "
        "'{}'::text[])"
        for language in search_languages()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT unnest({arrays}) FROM {connection.ops.quote_name(opts.db_table)} "  # noqa: S608 - names from the model
            f"WHERE {connection.ops.quote_name(opts.pk.column)} = %s",
            [pk],
        )
        return {word for (word,) in cursor.fetchall()}


def words_before_save(sender, instance, **kwargs) -> None:
    """``pre_save`` of a practice: the words it had (``toolkit/apps.py``)."""
    instance._search_words_before = practice_words(instance.pk)


def words_after_save(sender, instance, using=None, **kwargs) -> None:
    """``post_save`` of a practice: the searches it matched or matches are out of date."""
    before = instance.__dict__.pop("_search_words_before", set())
    tokens_changed(word_tokens(before | practice_words(instance.pk)), using)


def search_words(text: str) -> tuple[str, ...] | None:
    """``query_words(text)``, kept in the cache: the same for every reader and every
    version of the toolkit (only a release can change the configurations), so a search
    asks the database for its words once, not after every edit."""
    key = content_key("search-words", [text])
    found = cache.get(key)
    if found is None:
        found = (query_words(text),)
        cache.set(key, found, settings.CONTENT_CACHE_SECONDS)
    return found[0]


def query_words(text: str) -> tuple[str, ...] | None:
    """The words a practice needs to match ``text``: those of its query in every
    language's configuration. None when a practice may match without any of them (a
    word excluded, "-school") or without full-text search."""
    text = text.strip()[:MAX_QUERY_LENGTH]
    if not text or not uses_full_text_search():
        return None
    configs = sorted(set(SEARCH_CONFIGS.values()))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT websearch_to_tsquery(config::regconfig, %s)::text "
            "FROM unnest(%s::text[]) AS config",
            [text, configs],
        )
        queries = [query for (query,) in cursor.fetchall()]
    words: set[str] = set()
    for query in queries:
        if "!" in QUOTED_LEXEME.sub("", query):
            return None
        words.update(word.replace("''", "'") for word in QUOTED_LEXEME.findall(query))
    return tuple(sorted(words))
