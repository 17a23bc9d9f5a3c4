"""A cached search stays cached through edits of practices it neither matched nor matches.

Its words have tokens (``toolkit.search``); saving a practice replaces those of its words
before and after the save. PostgreSQL only: without full-text search a search depends on
every practice, as the rest of the toolkit's lists (tests/perf/test_cache.py).
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core.cache import content_changed
from tests.factories import PracticeFactory
from tests.html_checks import row_titles
from toolkit.models import Practice
from toolkit.search import practice_words, query_words, word_tokens

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.shared_cache,  # and again with Redis (.ci/run): the tokens live there
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
    ),
]

LIST = reverse("toolkit:list")


def titles(response) -> list[str]:
    return row_titles(response.content.decode(), "practice-card__title")


def search(client, text: str):
    return client.get(LIST, {"q": text})


@pytest.fixture
def club(db):
    return PracticeFactory(title="Homework club", summary="Volunteers help pupils after school.")


@pytest.fixture
def cafe(db):
    return PracticeFactory(title="Tandem cafe", summary="Neighbours meet newcomers to talk.")


def edit(practice, **fields) -> None:
    practice = Practice.objects.get(pk=practice.pk)
    for name, value in fields.items():
        setattr(practice, name, value)
    practice.save()


def test_an_edit_of_a_practice_the_search_does_not_match_leaves_it_cached(
    client, club, cafe, django_assert_num_queries
):
    assert titles(search(client, "homework")) == ["Homework club"]

    edit(cafe, title="Tandem language cafe", summary="Neighbours and newcomers talk.")

    with django_assert_num_queries(0):  # the page from the cache
        assert titles(search(client, "homework")) == ["Homework club"]
    assert titles(search(client, "tandem")) == ["Tandem language cafe"]


def test_an_edit_that_makes_a_practice_match_shows_it_on_the_next_request(client, club, cafe):
    assert titles(search(client, "homework")) == ["Homework club"]

    edit(cafe, summary="Neighbours help newcomers with their homework.")

    page = search(client, "homework")
    assert sorted(titles(page)) == ["Homework club", "Tandem cafe"]
    assert "2 practices" in page.content.decode()


def test_a_search_depends_on_the_words_searched_not_those_shown(client, club, cafe):
    # A control character is left out of the page but separates words for PostgreSQL:
    # the search is for "home" and "work", and depends on those words.
    assert titles(search(client, "home\x01work")) == []

    edit(cafe, summary="Neighbours help newcomers with home work.")

    assert titles(search(client, "home\x01work")) == ["Tandem cafe"]


def test_an_edit_that_makes_a_practice_match_no_more_takes_it_out(client, club, cafe):
    assert titles(search(client, "homework")) == ["Homework club"]

    edit(club, title="Reading club")

    assert titles(search(client, "homework")) == []
    assert titles(search(client, "reading")) == ["Reading club"]


def test_an_edit_of_what_a_matching_card_shows_besides_its_words_renews_the_search(client, club):
    search(client, "homework")

    edit(club, slug="after-school-homework-club", is_example=True)

    html = search(client, "homework").content.decode()
    assert 'href="/en/toolkit/after-school-homework-club/"' in html
    assert 'class="example-mark"' in html


def test_a_search_excluding_a_word_is_renewed_by_any_edit(client, club, cafe):
    # "-homework" matches a practice without the word (in one of its languages at least):
    # an edit of one changes it whatever its words, so it depends on every practice.
    assert "Tandem cafe" in titles(search(client, "-homework"))

    edit(cafe, title="Neighbourhood walks")

    assert "Neighbourhood walks" in titles(search(client, "-homework"))


def test_a_search_is_renewed_when_a_matching_practice_is_withdrawn(client, club):
    assert titles(search(client, "homework")) == ["Homework club"]

    edit(club, status="draft")

    assert titles(search(client, "homework")) == []


def test_the_words_of_a_search_are_those_of_every_language():
    words = query_words("Lingue straniere")

    assert {"lingu", "stranier"} <= set(words)  # Italian stems
    assert {"lingue", "straniere"} <= set(words)  # words as written (Czech, Latvian)
    assert query_words("homework -school") is None
    assert query_words("   ") is None


def test_a_practice_s_words_are_those_of_its_stored_vectors(club):
    with translation.override("en"):
        words = practice_words(club.pk)

    assert {"homework", "club", "pupil", "school"} <= words
    assert practice_words(None) == set()


def test_word_tokens_are_safe_names_whatever_the_alphabet():
    tokens = word_tokens(["ελλάδα", "homework", "homework"])

    assert len(tokens) == 2
    assert all(re.fullmatch(r"toolkit\.search-word@[0-9a-f]{4}", token) for token in tokens)
    assert word_tokens(["homework"])[0] in tokens


def test_a_search_asks_its_words_once_not_after_every_change(client, club):
    search(client, "homework")
    content_changed()  # everything out of date, as after a deploy

    with CaptureQueriesContext(connection) as queries:
        assert titles(search(client, "homework")) == ["Homework club"]

    assert not [q for q in queries.captured_queries if "websearch_to_tsquery(config" in q["sql"]]
