import datetime as dt
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import ClusterFactory, PracticeFactory, ProjectFactory, TargetGroupFactory
from tests.html_checks import row_titles
from toolkit.filters import PracticeFilter
from toolkit.models import Practice, PracticeStatus
from toolkit.views import practice_cards

LIST = reverse("toolkit:list")


def titles(response) -> list[str]:
    return row_titles(response.content.decode(), "practice-card__title")


def facet(response, name: str) -> dict[str, tuple[int, bool]]:
    facets = {f.name: f for f in response.context["facets"]}
    return {option.label: (option.count, option.selected) for option in facets[name].options}


def test_toolkit_lists_published_practices_newest_first(client, buddies, football):
    PracticeFactory(title="Unfinished idea", status=PracticeStatus.DRAFT, published_at=None)
    PracticeFactory(title="Awaiting review", status=PracticeStatus.IN_REVIEW, published_at=None)

    response = client.get(LIST)

    assert titles(response) == ["Football on Fridays", "Buddies for newcomers"]
    html = response.content.decode()
    assert "<h1>Toolkit of practices</h1>" in html
    assert "2 practices" in html
    assert "Unfinished idea" not in html
    assert "Awaiting review" not in html
    assert "Turin, Italy" in html
    # The example marker on invented content, with its text for screen readers.
    assert html.count('class="example-mark"') == 1
    assert f'href="{reverse("toolkit:feed")}"' in html
    assert "Clear all" not in html


def test_toolkit_facets_count_each_option(client, buddies, football, mentoring, sport):
    PracticeFactory(title="Tandem", origin_city="Turin", clusters=[mentoring], language="it")

    response = client.get(LIST)

    assert facet(response, "cluster") == {"Mentoring": (2, False), "Sport": (1, False)}
    assert facet(response, "city") == {"Bristol": (1, False), "Turin": (2, False)}
    assert facet(response, "country") == {"Italy": (2, False), "United Kingdom": (1, False)}
    assert facet(response, "language") == {"English": (1, False), "Italian": (2, False)}
    assert facet(response, "target_group") == {"Refugees": (1, False)}
    html = response.content.decode()
    assert 'Mentoring <span class="facet__count">(2' in html
    assert '<legend class="visually-hidden">Volunteering model</legend>' in html


def test_toolkit_long_facets_fold_unless_in_use(client, db):
    for n in range(6):
        PracticeFactory(origin_city=f"City {n}", language="en")

    html = client.get(LIST).content.decode()
    assert '<details class="facet" id="id_city">' in html
    assert '<details class="facet" id="id_language" open>' in html

    html = client.get(LIST, {"city": "City 3"}).content.decode()
    assert '<details class="facet" id="id_city" open>' in html
    assert "(1 chosen)" in html


def test_toolkit_cluster_and_target_group_facets_stay_open_however_long(client, db):
    for n in range(6):
        PracticeFactory(
            clusters=[ClusterFactory(short_name=f"Cluster {n}")],
            target_groups=[TargetGroupFactory(name=f"Group {n}")],
        )

    html = client.get(LIST).content.decode()

    assert '<details class="facet" id="id_cluster" open>' in html
    assert '<details class="facet" id="id_target_group" open>' in html


def test_toolkit_shows_results_before_filters_and_lands_on_them(client, buddies, mentoring):
    html = client.get(LIST, {"cluster": mentoring.slug, "language": "en"}).content.decode()

    # A phone shows the results first; "Filters (n)" says how many options are chosen.
    assert html.index('id="results"') < html.index('id="filters"')
    assert '<a class="button button--secondary" href="#filters">Filters (2)</a>' in html
    # Searching or applying filters brings the reader back to the results, not the top.
    assert f'action="{LIST}#results"' in html


def test_toolkit_facet_counts_ignore_their_own_selection(client, buddies, football):
    response = client.get(LIST, {"cluster": "mentoring"})

    assert titles(response) == ["Buddies for newcomers"]
    # Other clusters keep their counts so that they can be added…
    assert facet(response, "cluster") == {"Mentoring": (1, True), "Sport": (1, False)}
    # …while the other facets count only within the chosen cluster.
    assert facet(response, "city") == {"Turin": (1, False)}
    assert 'value="mentoring" id="facet-cluster-1" checked' in response.content.decode()
    assert "Clear all" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"cluster": ["mentoring", "sport"]}, ["Football on Fridays", "Buddies for newcomers"]),
        ({"target_group": "refugees"}, ["Buddies for newcomers"]),
        ({"model": "event"}, ["Football on Fridays"]),
        ({"country": "GB"}, ["Football on Fridays"]),
        ({"city": "Turin"}, ["Buddies for newcomers"]),
        ({"language": "it"}, ["Buddies for newcomers"]),
        ({"language": "it", "country": "GB"}, []),
        ({"city": "Atlantis"}, []),
    ],
)
def test_toolkit_filters_narrow_the_list(client, buddies, football, params, expected):
    response = client.get(LIST, params)

    assert response.status_code == 200
    assert titles(response) == expected


def test_toolkit_search_matches_title_and_summary(client, buddies, football):
    assert titles(client.get(LIST, {"q": "football"})) == ["Football on Fridays"]
    assert titles(client.get(LIST, {"q": "buddy"})) == ["Buddies for newcomers"]
    response = client.get(LIST, {"q": "newcomers"})
    # Relevance first: "newcomers" is in one title and in the other's summary.
    assert titles(response) == ["Buddies for newcomers", "Football on Fridays"]
    assert "matching “newcomers”" in response.content.decode()
    assert '<option value="relevance" selected>' in response.content.decode()


def test_toolkit_search_combines_with_facets(client, buddies, football):
    response = client.get(LIST, {"q": "newcomers", "city": "Bristol"})

    assert titles(response) == ["Football on Fridays"]
    assert facet(response, "city") == {"Bristol": (1, True), "Turin": (1, False)}


def test_toolkit_sorts_by_title_and_newest(client, buddies, football):
    assert titles(client.get(LIST, {"sort": "title"})) == [
        "Buddies for newcomers",
        "Football on Fridays",
    ]
    assert titles(client.get(LIST, {"sort": "newest"})) == [
        "Football on Fridays",
        "Buddies for newcomers",
    ]
    # Relevance means nothing without words: newest first.
    assert titles(client.get(LIST, {"sort": "relevance"}))[0] == "Football on Fridays"


def test_toolkit_paginates_with_page_n_of_m_and_keeps_the_filters(client, mentoring):
    PracticeFactory.create_batch(25, clusters=[mentoring])

    response = client.get(LIST, {"cluster": "mentoring"})

    html = response.content.decode()
    assert len(titles(response)) == 20
    assert "Page 1 of 2" in html
    assert 'href="?cluster=mentoring&amp;page=2"' in html
    second = client.get(LIST, {"cluster": "mentoring", "page": 2})
    assert len(titles(second)) == 5
    assert "Page 2 of 2" in second.content.decode()
    # The CSV link carries the filters but not the page.
    assert f'href="{reverse("toolkit:csv")}?cluster=mentoring"' in second.content.decode()


@pytest.mark.parametrize("language", ["en", "it"])
@pytest.mark.parametrize("sort", ["", "newest", "title", "relevance"])
@pytest.mark.parametrize("search", ["", "newcomers"])
def test_toolkit_pages_found_with_the_counts_follow_the_list_order(
    client, mentoring, language, sort, search
):
    # Ties in every key but the id: dates shared in threes, titles in pairs, Italian
    # titles on some only (an Italian reader sorts by the Italian column).
    moment = timezone.now()
    for n in range(45):
        PracticeFactory(
            title=f"Practice {n % 20:02d}",
            title_it=f"Pratica {n % 7}" if n % 3 else "",
            summary="Newcomers and volunteers" if n % 2 else "Volunteers meet newcomers",
            published_at=moment - dt.timedelta(days=n // 3),
            clusters=[mentoring],
        )
    PracticeFactory.create_batch(3)  # not in the chosen cluster
    params = {"cluster": "mentoring", "q": search, "sort": sort}
    with translation.override(language):
        filterset = PracticeFilter(
            QueryDict(urlencode(params)),
            queryset=Practice.objects.published(),
            all_published=True,
        )
        expected = list(filterset.qs.values_list("pk", flat=True))

    shown = []
    for number in (1, 2, 3):
        response = client.get(f"/{language}/toolkit/", {**params, "page": number})
        assert response.status_code == 200
        shown += [practice.pk for practice in response.context["page_obj"].object_list]
    assert len(expected) == 45
    assert shown == expected
    last = client.get(f"/{language}/toolkit/", {**params, "page": "last"})
    assert [practice.pk for practice in last.context["page_obj"].object_list] == expected[40:]


@pytest.mark.parametrize("page", ["abc", "99999", "0", "-1", "1e9", "9" * 40, "٣"])
def test_toolkit_bad_page_is_404(client, buddies, page):
    assert client.get(LIST, {"page": page}).status_code == 404


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"cluster": "no-such-cluster"}, "Select a valid choice"),
        ({"target_group": "nobody"}, "Select a valid choice"),
        ({"model": "telepathy"}, "Select a valid choice"),
        ({"country": "XX"}, "Select a valid choice"),
        ({"language": "tlh"}, "Select a valid choice"),
        ({"sort": "price"}, "Select a valid choice"),
        ({"q": "x" * 2000}, "Ensure this value has at most 200 characters"),
        ({"q": "nul\x00byte"}, "Null characters are not allowed"),
    ],
)
def test_toolkit_bad_filter_values_show_a_message(client, buddies, params, message):
    response = client.get(LIST, params)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters could not be used" in html
    assert message in html
    assert titles(response) == []


def test_toolkit_search_text_comes_back_without_characters_html_forbids(client, buddies):
    response = client.get(LIST, {"q": "bud\x01dies\x7f\ufffe"})

    html = response.content.decode()
    assert 'value="buddies"' in html
    assert "<title>“buddies” in the toolkit" in html
    for character in "\x00\x01\x7f\ufffe":
        assert character not in html


def test_toolkit_odd_search_text_never_fails(client, buddies):
    for text in ['"unbalanced', "a & | ! (", "\u2019%_\\", "x" * 200, "   "]:
        assert client.get(LIST, {"q": text}).status_code == 200


def test_practice_card_names_clusters_and_target_groups_in_their_order(db):
    newer = ProjectFactory(start_date=dt.date(2024, 1, 1))
    older = ProjectFactory(start_date=dt.date(2020, 1, 1))
    clusters = [
        ClusterFactory(project=older, position=1, short_name_it="Vecchio 1"),
        ClusterFactory(project=newer, position=2, short_name_it="Nuovo 2"),
        ClusterFactory(project=newer, position=1, short_name_it="Nuovo 1"),
    ]
    groups = [
        TargetGroupFactory(name_en="Asylum seekers", name_it="Richiedenti asilo"),
        TargetGroupFactory(name_en="Women", name_it="Donne"),
    ]
    practice = PracticeFactory(clusters=clusters, target_groups=groups)
    PracticeFactory(clusters=clusters[:1], target_groups=groups[:1])  # links of another card

    with translation.override("it"):
        [card] = practice_cards([practice.pk], read=Practice.objects.for_cards())

    html = str(card.card)
    # A newer project's clusters first, each project's by position, as the practice's page.
    assert re.findall(r'<li class="tag">([^<]*)</li>', html) == ["Nuovo 1", "Nuovo 2", "Vecchio 1"]
    # By their names in the reader's language.
    assert "<dd>Donne, Richiedenti asilo</dd>" in html


@pytest.mark.parametrize("count", [1, 25])
def test_toolkit_list_queries_do_not_grow(db, client, django_assert_num_queries, count):
    cluster = ClusterFactory()
    group = TargetGroupFactory()
    PracticeFactory.create_batch(count, clusters=[cluster], target_groups=[group])

    # the six facets and the count in one query, the page's ids (in the same query where
    # the counts are counted, not stored: on SQLite), its practices, their clusters, their
    # target groups
    with django_assert_num_queries(5 if connection.vendor == "postgresql" else 4):
        response = client.get(LIST)

    assert len(titles(response)) == min(count, 20)


@pytest.mark.parametrize("count", [1, 25])
def test_toolkit_filtered_list_queries_do_not_grow(db, client, django_assert_num_queries, count):
    cluster = ClusterFactory(slug="chosen")
    group = TargetGroupFactory(slug="chosen-group")
    PracticeFactory.create_batch(count, clusters=[cluster], target_groups=[group])

    params = {
        "q": "practice",
        "cluster": "chosen",
        "target_group": "chosen-group",
        "country": "IT",
        "city": "Turin",
        "model": "mentoring",
        "language": "en",
        "sort": "title",
    }
    # the facets, the count and the page's ids in one query, its practices, their clusters,
    # their target groups, + validating the chosen cluster and target group (+ on
    # PostgreSQL the search's words, asked once per text: toolkit.search.search_words)
    with django_assert_num_queries(7 if connection.vendor == "postgresql" else 6):
        response = client.get(LIST, params)

    assert len(titles(response)) == min(count, 20)


def test_practice_card_escapes_its_texts_and_speaks_the_readers_language(db):
    # The card is a Jinja2 template (core/jinja2.py): its own escaping and its gettext.
    practice = PracticeFactory(
        title_en="<script>alert(1)</script> & friends",
        summary_en="Tea & <b>talk</b>",
        is_example=True,
        target_groups=[TargetGroupFactory(name_en="Women", name_it="Donne")],
    )

    with translation.override("it"):
        [card] = practice_cards([practice.pk], read=Practice.objects.for_cards())

    html = str(card.card)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends" in html
    assert "Tea &amp; &lt;b&gt;talk&lt;/b&gt;" in html
    assert "<dt>Per chi</dt><dd>Donne</dd>" in html  # "For", from the Italian catalogue
    assert f'href="/it/toolkit/{practice.slug}/"' in html
    assert 'class="example-mark" title="Inventato a scopo dimostrativo"' in html
