import datetime as dt
import importlib.util
import math
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from core.europe_map import HIT_RADIUS, VIEWBOX_HEIGHT, VIEWBOX_WIDTH, partner_markers, project
from exchanges.models import ActivityStatus
from reporting.figures import figures_by_key, key_figures
from tests.factories import (
    ClusterFactory,
    OrganisationFactory,
    ParticipationFactory,
    PracticeFactory,
    ProjectFactory,
    StaffExchangeFactory,
    StudyVisitFactory,
)
from tests.html_checks import assert_valid_page
from toolkit.models import Practice, PracticeStatus

ROOT = Path(__file__).resolve().parent.parent
OUTLINE = ROOT / "templates" / "includes" / "_europe_outline.svg"


@pytest.fixture
def network(turin, bristol):
    """One project with its targets, two partners, activities and practices."""
    values = ProjectFactory(acronym="VALUES", slug="values")
    ParticipationFactory(project=values, organisation=turin, eu_contribution=Decimal("24229.08"))
    ParticipationFactory(project=values, organisation=bristol, eu_contribution=None)
    cluster = ClusterFactory(project=values, name="Young migrants", short_name="Young migrants")
    today = timezone.localdate()
    StudyVisitFactory(project=values, host=turin, title="Visit to Turin", cluster=cluster)
    StudyVisitFactory(project=values, host=bristol, title="Visit to Bristol", cluster=cluster)
    StudyVisitFactory(
        project=values,
        host=bristol,
        title="Next visit to Bristol",
        status=ActivityStatus.PLANNED,
        start_date=today + dt.timedelta(days=30),
        end_date=today + dt.timedelta(days=32),
    )
    StudyVisitFactory(project=values, host=turin, status=ActivityStatus.CANCELLED)
    StaffExchangeFactory(project=values, sending=turin, hosting=bristol)
    PracticeFactory(title="Homework clubs", organisation=turin, clusters=[cluster])
    PracticeFactory(title="Secret draft", status=PracticeStatus.DRAFT, published_at=None)
    return values


def test_key_figures_count_the_data_beside_the_targets(network):
    figures = figures_by_key(key_figures())

    assert figures["partners"].value == 2
    assert figures["cities"].value == 2
    assert figures["cities"].target == 15
    assert figures["countries"].value == 2
    assert figures["clusters"].value == 1
    assert figures["study_visits"].value == 2
    assert figures["study_visits"].target == 16
    assert "1 planned" in figures["study_visits"].detail
    assert figures["staff_exchanges"].value == 1
    assert figures["staff_exchanges"].target == 8
    assert figures["practices"].value == 1
    assert figures["eu_contribution"].value == Decimal("24229.08")
    assert figures["eu_contribution"].detail == "1 of 2 amounts known"
    assert all(figure.definition for figure in figures.values())


def test_cities_count_the_cities_taking_part_not_where_partners_are_based(network):
    # The source's "15 città europee coinvolte" are cities taking part: a network or a
    # volunteering organisation in another city adds a partner, not a city; a city's
    # public agency (Madrid's employment agency) brings its city in.
    brussels = OrganisationFactory(name="EUROCITIES", city="Brussels", kind="network")
    madrid = OrganisationFactory(name="Agencia para el Empleo", city="Madrid", kind="agency")
    for partner in (brussels, madrid):
        ParticipationFactory(project=network, organisation=partner)

    figures = figures_by_key(key_figures())

    assert figures["partners"].value == 4
    assert figures["cities"].value == 3
    assert str(figures["cities"].label) == "Cities taking part"


def test_home_shows_how_many_eu_amounts_are_known_beside_the_sum(client, network):
    html = client.get(reverse("home")).text

    assert '<dd class="figure__value figure__value--known">1 of 2 amounts known</dd>' in html


def test_key_figures_of_one_project_leave_the_others_out(network):
    other = ProjectFactory(target_study_visits=3)
    StudyVisitFactory(project=other)

    figures = figures_by_key(key_figures(project=network))

    assert figures["study_visits"].value == 2
    assert figures["study_visits"].target == 16
    assert figures["partners"].value == 2


def test_key_figures_on_an_empty_database_are_zero(db):
    figures = figures_by_key(key_figures())

    assert figures["partners"].value == 0
    assert figures["study_visits"].target is None
    assert figures["eu_contribution"].value == 0


def test_home_shows_figures_practices_visits_and_map(client, network):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "The network in figures" in html
    assert "Target: 16" in html
    assert "Target: 8" in html
    assert "€24,229" in html
    assert "EU contribution (sum of known contributions)" in html
    assert "Homework clubs" in html
    assert "Secret draft" not in html
    assert "Next visit to Bristol" in html
    assert "Visit to Turin" in html
    assert "<title>City of Turin, Turin</title>" in html
    assert reverse("reporting:project_detail", args=["values"]) in html
    assert_valid_page(response)


def _grow(count: int) -> None:
    values = ProjectFactory(slug="values")
    today = timezone.localdate()
    for n in range(count):
        partner = OrganisationFactory()
        ParticipationFactory(project=values, organisation=partner)
        cluster = ClusterFactory(project=values)
        StudyVisitFactory(project=values, host=partner, cluster=cluster)
        StudyVisitFactory(
            project=values,
            host=partner,
            status=ActivityStatus.PLANNED,
            start_date=today + dt.timedelta(days=n + 1),
            end_date=today + dt.timedelta(days=n + 2),
        )
        PracticeFactory(organisation=partner, clusters=[cluster])


@pytest.mark.parametrize("count", [1, 25])
def test_home_query_count_does_not_grow(client, django_assert_num_queries, db, count):
    _grow(count)

    # Seven counts for the figures, the projects, the latest practices' ids then their rows,
    # the next and the recent visits' ids then their rows together; the practices' clusters
    # and target groups; the partners for the map.
    with django_assert_num_queries(16):
        response = client.get(reverse("home"))

    assert response.context["figures"][0].value == count


def _edit_after_the_home_page_is_cached(client, **changes) -> None:
    """Three practices, the home page cached, then one practice saved with ``changes``."""
    _grow(3)
    client.get(reverse("home"))
    practice = Practice.objects.published().first()
    for name, value in changes.items():
        setattr(practice, name, value)
    practice.save()


def test_a_practice_edit_renders_the_latest_practices_again_and_nothing_else(
    client, django_assert_num_queries, db
):
    _edit_after_the_home_page_is_cached(client, title="Buddies for newcomers, renamed")

    with django_assert_num_queries(2) as queries:
        response = client.get(reverse("home"))

    # The latest practices' ids and the edited one read whole; the names of clusters and
    # target groups, the figures, the projects, the visits and the map come from the cache.
    statements = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ("cities_participation", "exchanges_studyvisit", "exchanges_staffexchange"):
        assert table not in statements
    assert "COUNT(" not in statements
    assert 'FROM "cities_project"' not in statements  # the page itself was not rendered again
    assert "Buddies for newcomers, renamed" in response.content.decode()


def test_a_practice_taken_offline_counts_the_practices_again_and_nothing_else(
    client, django_assert_num_queries, db
):
    _edit_after_the_home_page_is_cached(client, status=PracticeStatus.DRAFT)

    with django_assert_num_queries(3) as queries:
        response = client.get(reverse("home"))

    # The practices counted again, the projects, and the latest practices' ids (the two left
    # are still in the row cache); the partners, the visits, the exchanges and the money are
    # still counted in the cache.
    statements = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ("cities_participation", "exchanges_studyvisit", "exchanges_staffexchange"):
        assert table not in statements
    assert figures_by_key(response.context["figures"])["practices"].value == 2


def test_projection_puts_cities_where_they_belong():
    turin_x, turin_y = project(Decimal("45.07030"), Decimal("7.68690"))
    bristol_x, bristol_y = project(51.4545, -2.5879)
    helsinki_x, helsinki_y = project(60.1699, 24.9384)

    for x, y in [(turin_x, turin_y), (bristol_x, bristol_y), (helsinki_x, helsinki_y)]:
        assert 0 < x < VIEWBOX_WIDTH
        assert 0 < y < VIEWBOX_HEIGHT
    assert bristol_x < turin_x < helsinki_x  # west to east
    assert helsinki_y < bristol_y < turin_y  # north to south


def test_markers_leave_out_partners_without_coordinates_or_outside_europe(db):
    on_map = OrganisationFactory(name="City of Riga", latitude=Decimal("56.9496"))
    no_place = OrganisationFactory(latitude=None, longitude=None)
    far_away = OrganisationFactory(latitude=Decimal("40.7128"), longitude=Decimal("-74.006"))

    markers = partner_markers([on_map, no_place, far_away])

    assert [marker.partner for marker in markers] == [on_map]


def test_home_lists_partners_off_the_map_as_text(client, db):
    partner = OrganisationFactory(name="Nowhere Network", latitude=None, longitude=None)
    ParticipationFactory(organisation=partner)  # the map shows the projects' partners

    html = client.get(reverse("home")).content.decode()

    assert "Nowhere Network" in html
    assert "not on the map" in html
    assert "<title>Nowhere Network" not in html


def test_committed_outline_is_small_and_drawn_from_natural_earth():
    text = OUTLINE.read_text()

    assert len(text.encode()) < 60_000
    assert "Natural Earth" in text
    assert text.count("<path") == 1


def test_build_script_projects_a_topojson_square_into_the_frame():
    spec = importlib.util.spec_from_file_location(
        "build_europe_map", ROOT / "scripts" / "build_europe_map.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    # A one-degree square around Turin, quantised as TopoJSON stores it.
    topology = {
        "transform": {"scale": [0.01, 0.01], "translate": [0, 0]},
        "arcs": [[[700, 4500], [100, 0], [0, 100], [-100, 0], [0, -100]]],
        "objects": {"countries": {"geometries": [{"type": "Polygon", "arcs": [[0]]}]}},
    }

    svg = script.build(topology)

    turin_x, turin_y = project(45.5, 7.5)
    path = svg.split('d="')[1].split('"')[0]
    start_x, start_y = (int(v) for v in path[1:].split("l")[0].split(" "))
    assert path.startswith("M")
    assert path.endswith("z")
    assert abs(start_x - turin_x) < 20
    assert abs(start_y - turin_y) < 20


def test_partners_in_the_same_city_get_separate_markers(db):
    first = OrganisationFactory(name="City of Brussels")
    second = OrganisationFactory(name="A Brussels network")

    markers = partner_markers([first, second])

    assert len(markers) == 2
    # Far enough apart that their targets do not overlap, each joined to the city by a line.
    distance = math.hypot(markers[0].x - markers[1].x, markers[0].y - markers[1].y)
    assert distance >= 2 * HIT_RADIUS - 0.1
    centre_x, centre_y = project(first.latitude, first.longitude)
    for marker in markers:
        assert marker.is_moved
        assert (marker.place_x, marker.place_y) == (round(centre_x, 1), round(centre_y, 1))
        assert math.hypot(marker.x - centre_x, marker.y - centre_y) < 2 * HIT_RADIUS
