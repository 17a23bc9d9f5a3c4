import datetime as dt
import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    AssessmentFactory,
    BenchmarkCriterionFactory,
    PracticeFactory,
    ProjectFactory,
    ScoreFactory,
)
from toolkit.models import AssessmentKind, PracticeStatus


def compare_url(*slugs: str) -> str:
    url = reverse("toolkit:compare")
    return f"{url}?{urlencode([('p', slug) for slug in slugs])}" if slugs else url


@pytest.fixture
def values(db):
    return ProjectFactory(acronym="VALUES", slug="values", benchmark_threshold=Decimal("3.50"))


@pytest.fixture
def criteria(values):
    return [
        BenchmarkCriterionFactory(project=values, name="Migrant participation", position=1),
        BenchmarkCriterionFactory(project=values, name="Cost", position=2),
    ]


def assess(practice, project, kind, *values, on=dt.date(2020, 5, 4)):
    assessment = AssessmentFactory(practice=practice, project=project, kind=kind, assessed_on=on)
    for criterion, value in zip(project.benchmark_criteria.all(), values, strict=True):
        ScoreFactory(assessment=assessment, criterion=criterion, value=value)
    return assessment


@pytest.fixture
def assessed(buddies, football, values, criteria):
    assess(buddies, values, AssessmentKind.PEER, 4, 3)
    assess(buddies, values, AssessmentKind.SELF, 5, 5)
    assess(football, values, AssessmentKind.PEER, 2, 3)
    return buddies, football


def table_rows(table: str) -> list[tuple[str, ...]]:
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        rows.append(tuple(re.sub(r"<[^>]+>", "", cell).strip() for cell in cells))
    return rows


def tables(html: str) -> list[str]:
    return re.findall(r'<table class="compare-table[^"]*"[^>]*>(.*?)</table>', html, flags=re.S)


@pytest.mark.usefixtures("assessed")
def test_compare_puts_criteria_side_by_side(client):
    response = client.get(compare_url("football", "buddies"))

    assert response.status_code == 200
    peer, own = tables(response.text)
    assert table_rows(peer) == [
        ("Criterion", "Football on Fridays", "Buddies for newcomers"),
        ("Migrant participation", "2", "4"),
        ("Cost", "3", "3"),
        ("Average of all criteria", "2.50", "3.50"),
        ("Benchmarked", "Not yet", "Benchmarked"),
        ("Peer review of", "4 May 2020", "4 May 2020"),
    ]
    # Self-assessments in a table of their own, never mixed into the peer figures.
    caption = re.search(
        r'<p class="table-caption" id="([^"]+)">Self-assessments, shown apart', response.text
    )
    assert (
        f'<table class="compare-table compare-table--self" aria-labelledby="{caption[1]}">'
        in response.text
    )
    assert table_rows(own) == [
        ("Criterion", "Football on Fridays", "Buddies for newcomers"),
        ("Migrant participation", "not scored", "5"),
        ("Cost", "not scored", "5"),
        ("Average of all criteria", "none", "5.00"),
    ]
    assert response.text.count('<svg class="bench-chart"') == 2


def test_compare_four_practices(client, assessed, values):
    others = [PracticeFactory(title=f"Practice {n}", slug=f"other-{n}") for n in range(2)]
    for practice in others:
        assess(practice, values, AssessmentKind.PEER, 5, 5)

    response = client.get(compare_url("buddies", "football", "other-0", "other-1"))

    header = table_rows(tables(response.text)[0])[0]
    assert header == (
        "Criterion",
        "Buddies for newcomers",
        "Football on Fridays",
        "Practice 0",
        "Practice 1",
    )


def test_compare_shows_not_assessed_practices_as_such(client, assessed):
    PracticeFactory(title="Never assessed", slug="never")

    response = client.get(compare_url("buddies", "never"))

    peer = table_rows(tables(response.text)[0])
    assert peer[1] == ("Migrant participation", "4", "not scored")
    assert peer[4] == ("Benchmarked", "Benchmarked", "No peer review")


def test_compare_practices_none_of_which_was_assessed(client, db):
    PracticeFactory(slug="first")
    PracticeFactory(slug="second")

    response = client.get(compare_url("first", "second"))

    assert "None of these practices has been assessed yet" in response.text
    assert not tables(response.text)


@pytest.mark.parametrize(
    ("slugs", "message"),
    [
        (["buddies"], "Choose at least 2 practices to compare; you chose 1."),
        (["buddies", "buddies"], "Choose at least 2 practices to compare; you chose 1."),
        ([""], "Choose at least 2 practices to compare; you chose 0."),
        (["a", "b", "c", "d", "e"], "Choose at most 4 practices to compare; you chose 5."),
        (["buddies", "no-such-practice"], "There is no published practice at the address"),
        (["x", "y"], "There are no published practices at the addresses “x”, “y”."),
    ],
)
def test_compare_explains_what_is_wrong(client, assessed, slugs, message):
    response = client.get(compare_url(*slugs))

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert not tables(response.text)


def test_compare_unknown_address_is_named(client, assessed):
    response = client.get(compare_url("buddies", "no-such-practice"))

    assert "“no-such-practice”" in response.text


def test_compare_refuses_unpublished_practices(client, assessed, values):
    draft = PracticeFactory(slug="draft", status=PracticeStatus.DRAFT, published_at=None)
    assess(draft, values, AssessmentKind.PEER, 5, 5)

    response = client.get(compare_url("buddies", "draft"))

    assert "There is no published practice at the address “draft”" in response.text
    assert not tables(response.text)


@pytest.mark.parametrize(
    "query",
    [
        "p=" + "x" * 5000,
        "p=%00",
        "p=buddies&p=%00football",
        "p=%ff%fe",
        "p=<script>alert(1)</script>&p=buddies",
        "p[]=buddies",
        "p=buddies&p=football&project=%00",
    ],
)
def test_compare_never_fails_on_odd_addresses(client, assessed, query):
    response = client.get(f"{reverse('toolkit:compare')}?{query}")

    assert response.status_code == 200
    assert "<script>alert" not in response.text


def test_compare_names_odd_addresses_without_characters_html_forbids(client, assessed):
    response = client.get(f"{compare_url()}?p=buddies&p=no%00such%01one")

    assert "There is no published practice at the address “nosuchone”" in response.text
    assert "\x00" not in response.text
    assert "\x01" not in response.text


def test_compare_without_choice_offers_the_assessed_practices(client, assessed):
    PracticeFactory(title="Never assessed", slug="never")

    response = client.get(compare_url())

    assert response.status_code == 200
    assert "There is a problem" not in response.text
    choices = re.findall(r'name="p" value="([^"]+)"', response.text)
    assert sorted(choices) == ["buddies", "football"]


def test_practice_page_links_to_the_compare_page(client, assessed):
    html = client.get(reverse("toolkit:detail", kwargs={"slug": "buddies"})).text

    assert f'href="{compare_url("buddies")}"' in html


def test_compare_queries_do_not_grow_with_assessments(client, assessed, values):
    buddies, football = assessed
    for day in range(2, 12):
        assess(buddies, values, AssessmentKind.PEER, 1, 1, on=dt.date(2019, 1, day))
        assess(football, values, AssessmentKind.SELF, 1, 1, on=dt.date(2019, 1, day))
    client.get(compare_url("buddies", "football"))

    with CaptureQueriesContext(connection) as many:
        client.get(compare_url("buddies", "football"))
    for practice in (buddies, football):
        practice.assessments.filter(assessed_on__year=2019).delete()
    with CaptureQueriesContext(connection) as few:
        client.get(compare_url("buddies", "football"))

    assert len(many) == len(few)
