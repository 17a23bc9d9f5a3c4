import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cities.models import OrganisationKind, ParticipationRole
from exchanges.models import ActivityStatus, PublicationStatus, StudyVisit, Visibility
from tests.factories import (
    ActionPlanFactory,
    ClusterFactory,
    OrganisationFactory,
    ParticipationFactory,
    PracticeFactory,
    ProjectFactory,
    StaffExchangeFactory,
    StudyVisitFactory,
    VisitParticipationFactory,
    WorkingGroupFactory,
)
from tests.html_checks import assert_valid_page
from toolkit.models import PracticeStatus

PARTNERS = reverse("network:partner_list")


@pytest.fixture
def directory(turin, bristol):
    OrganisationFactory(
        name="Migration Work", slug="migration-work", kind=OrganisationKind.NGO, country="GB"
    )
    return turin, bristol


# Partner directory


def test_directory_lists_partners_with_counts(client, directory):
    response = client.get(PARTNERS)

    html = response.content.decode()
    assert "<h1>Partners</h1>" in html
    assert "3 partners" in html
    for name in ["City of Turin", "City of Bristol", "Migration Work"]:
        assert name in html
    assert "United Kingdom (2)" in html
    assert "Italy (1)" in html
    assert "City administration (2)" in html
    assert "Non-governmental organisation (1)" in html
    assert_valid_page(response)


def test_directory_filters_by_country(client, directory):
    response = client.get(PARTNERS, {"country": "GB"})

    names = [partner.name for partner in response.context["partners"]]
    assert names == ["City of Bristol", "Migration Work"]
    assert "2 partners" in response.content.decode()


def test_directory_filters_by_kind_and_country_together(client, directory):
    response = client.get(PARTNERS, {"country": "GB", "kind": "city"})

    assert [partner.name for partner in response.context["partners"]] == ["City of Bristol"]
    html = response.content.decode()
    # Each facet counts what it would show together with the other facet's choice.
    assert "United Kingdom (1)" in html
    assert "City administration (1)" in html
    assert "Non-governmental organisation (1)" in html
    assert "Clear all filters" in html


def test_directory_accepts_several_countries(client, directory):
    response = client.get(f"{PARTNERS}?country=IT&country=GB&kind=city")

    assert {p.name for p in response.context["partners"]} == {"City of Turin", "City of Bristol"}


@pytest.mark.parametrize(
    "query",
    [
        {"country": "ZZ"},
        {"country": "FR"},  # a real country without partners
        {"kind": "bogus"},
        {"kind": "x" * 2000},
        {"country": "<script>alert(1)</script>"},
    ],
)
def test_directory_bad_filter_values_show_a_message(client, directory, query):
    response = client.get(PARTNERS, query)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters could not be used" in html
    assert "Select a valid choice." in html
    assert "<script>alert" not in html
    assert list(response.context["partners"]) == []
    assert_valid_page(response)


def test_directory_ignores_unknown_parameters(client, directory):
    response = client.get(PARTNERS, {"page": "abc", "sort": "nonsense"})

    assert response.status_code == 200
    assert len(response.context["partners"]) == 3


@pytest.mark.parametrize("count", [1, 25])
def test_directory_query_count_does_not_grow(client, django_assert_num_queries, db, count):
    OrganisationFactory.create_batch(count)

    with django_assert_num_queries(2):
        response = client.get(PARTNERS, {"kind": "city"})

    assert len(response.context["partners"]) == count


# Partner profile


@pytest.fixture
def turin_profile(turin, bristol, member):
    values = ProjectFactory(acronym="VALUES", slug="values")
    ParticipationFactory(
        project=values,
        organisation=turin,
        role=ParticipationRole.LEAD,
        eu_contribution=Decimal("24229.08"),
    )
    cluster = ClusterFactory(project=values, name="Young migrants", short_name="Young migrants")
    WorkingGroupFactory(
        name="Turin, Bristol and Nuremberg", cluster=cluster, members=[turin, bristol], lead=turin
    )
    StudyVisitFactory(title="Young volunteers in Turin", host=turin, cluster=cluster)
    joined = StudyVisitFactory(title="Youth-led volunteering in Bristol", host=bristol)
    VisitParticipationFactory(visit=joined, organisation=turin)
    StaffExchangeFactory(title="Turin staff in Bristol", sending=turin, hosting=bristol)
    StaffExchangeFactory(title="Bristol staff in Turin", sending=bristol, hosting=turin)
    PracticeFactory(title="A volunteer tutor for every young newcomer", organisation=turin)
    PracticeFactory(
        title="Unfinished practice",
        organisation=turin,
        status=PracticeStatus.DRAFT,
        published_at=None,
    )
    ActionPlanFactory(title="Turin action plan", organisation=turin, project=values)
    ActionPlanFactory(
        title="Turin internal plan", organisation=turin, visibility=Visibility.MEMBERS
    )
    ActionPlanFactory(
        title="Turin draft plan",
        organisation=turin,
        status=PublicationStatus.DRAFT,
        published_at=None,
    )
    return turin


def test_partner_page_shows_its_whole_profile(client, turin_profile):
    response = client.get(turin_profile.get_absolute_url())

    html = response.content.decode()
    assert "<title>City of Turin · VALUES Portal</title>" in html
    assert "City of Turin" in html
    assert "Lead partner" in html
    assert "24,229.08" in html
    assert "Turin, Bristol and Nuremberg" in html
    assert "Young volunteers in Turin" in html
    assert "Youth-led volunteering in Bristol" in html
    assert "Turin staff in Bristol" in html
    assert "Bristol staff in Turin" in html
    assert "A volunteer tutor for every young newcomer" in html
    assert "Turin action plan" in html
    assert '<a href="/en/partners/">Partners</a>' in html
    assert_valid_page(response)


def test_partner_page_hides_drafts_and_members_only_plans_from_the_public(client, turin_profile):
    html = client.get(turin_profile.get_absolute_url()).content.decode()

    assert "Unfinished practice" not in html
    assert "Turin draft plan" not in html
    assert "Turin internal plan" not in html


def test_partner_page_shows_members_only_plans_to_members(client, turin_profile, member):
    client.force_login(member)

    html = client.get(turin_profile.get_absolute_url()).content.decode()

    assert "Turin internal plan" in html
    assert "Members only" in html
    assert "Turin draft plan" not in html
    assert "Unfinished practice" not in html


def test_partner_page_query_count_does_not_grow(client, django_assert_num_queries, turin):
    def add(n: int) -> None:
        for _ in range(n):
            other = OrganisationFactory()
            ParticipationFactory(organisation=turin)
            WorkingGroupFactory(members=[turin, other])
            VisitParticipationFactory(visit=StudyVisitFactory(host=other), organisation=turin)
            StudyVisitFactory(host=turin)
            StaffExchangeFactory(sending=turin, hosting=other)
            StaffExchangeFactory(sending=other, hosting=turin)
            PracticeFactory(organisation=turin, clusters=[ClusterFactory()])
            ActionPlanFactory(organisation=turin)

    # Hosted and joined visits: the next, the latest (their ids, then the visits whose line
    # is not in the cache) and their number; staff
    # exchanges: each way and their number; action plans and their number.
    add(1)
    with django_assert_num_queries(21):
        client.get(turin.get_absolute_url())
    add(9)
    with django_assert_num_queries(21):
        response = client.get(turin.get_absolute_url())
    assert response.context["hosted_visits"].count == 10
    assert response.context["exchange_count"] == 20
    assert response.context["action_plan_count"] == 10


# Clusters and projects


def test_cluster_list_shows_clusters_with_counts(client, db):
    cluster = ClusterFactory(name="Welcoming culture")
    WorkingGroupFactory(cluster=cluster)
    StudyVisitFactory(cluster=cluster)
    StudyVisitFactory(cluster=cluster)

    response = client.get(reverse("network:cluster_list"))

    html = response.content.decode()
    assert "<h1>Thematic clusters</h1>" in html
    assert "Welcoming culture" in html
    assert "1 working group" in html
    assert "2 study visits" in html
    assert_valid_page(response)


@pytest.mark.parametrize("count", [1, 25])
def test_cluster_list_query_count_does_not_grow(client, django_assert_num_queries, db, count):
    for cluster in ClusterFactory.create_batch(count):
        WorkingGroupFactory(cluster=cluster)

    with django_assert_num_queries(1):
        response = client.get(reverse("network:cluster_list"))

    assert len(response.context["clusters"]) == count


def test_cluster_page_shows_groups_members_visits_and_published_practices(client, turin, bristol):
    cluster = ClusterFactory(name="Mobilising volunteers", slug="young-migrants")
    group = WorkingGroupFactory(
        name="Turin and Bristol", slug="turin-bristol", cluster=cluster, members=[turin, bristol]
    )
    StudyVisitFactory(title="Visit to Bristol", host=bristol, cluster=cluster)
    StaffExchangeFactory(title="Turin in Bristol", sending=turin, hosting=bristol, cluster=cluster)
    PracticeFactory(title="Sports clubs open their doors", clusters=[cluster])
    PracticeFactory(title="Unpublished idea", clusters=[cluster], status=PracticeStatus.IN_REVIEW)

    response = client.get(cluster.get_absolute_url())

    html = response.content.decode()
    assert "<h1>Mobilising volunteers</h1>" in html
    assert f'id="group-{group.slug}"' in html
    assert group.get_absolute_url().endswith("#group-turin-bristol")
    assert "City of Turin" in html
    assert "City of Bristol" in html
    assert "Visit to Bristol" in html
    assert "Turin in Bristol" in html
    assert "Sports clubs open their doors" in html
    assert "Unpublished idea" not in html
    assert_valid_page(response)


def test_cluster_page_query_count_does_not_grow(client, django_assert_num_queries, db):
    cluster = ClusterFactory()

    def add(n: int) -> None:
        for _ in range(n):
            WorkingGroupFactory(cluster=cluster, members=OrganisationFactory.create_batch(2))
            StudyVisitFactory(cluster=cluster)
            StaffExchangeFactory(cluster=cluster)
            PracticeFactory(clusters=[cluster])

    # Visits: the next, the latest (their ids, then the visits whose line is not cached) and
    # their number; exchanges and their number; the newest practices (their ids, then those
    # whose card is not cached, with their clusters and target groups) and their number.
    add(1)
    with django_assert_num_queries(14):
        client.get(cluster.get_absolute_url())
    add(9)
    with django_assert_num_queries(14):
        response = client.get(cluster.get_absolute_url())
    assert response.context["practice_count"] == 10


# A few of each growing list, and a link to all of them


def visits_of(turin, today, *, future: int, past: int, **fields) -> None:
    for n in range(future):
        start = today + dt.timedelta(days=10 + n)
        StudyVisitFactory(
            title=f"Next visit {n}",
            start_date=start,
            end_date=start + dt.timedelta(days=1),
            status=ActivityStatus.PLANNED,
            **fields,
        )
    for n in range(past):
        start = today - dt.timedelta(days=30 + n)
        StudyVisitFactory(
            title=f"Past visit {n}",
            start_date=start,
            end_date=start + dt.timedelta(days=1),
            **fields,
        )


def visit_titles(html: str) -> set[str]:
    return set(re.findall(r"(?:Next|Past) visit \d+", html))


def test_partner_page_shows_the_next_and_latest_visits_it_hosted_and_links_to_all(client, turin):
    today = timezone.localdate()
    visits_of(turin, today, future=5, past=5, host=turin)

    response = client.get(turin.get_absolute_url())

    html = response.content.decode()
    assert visit_titles(html) == {"Next visit 0", "Next visit 1", "Next visit 2"} | {
        "Past visit 0",
        "Past visit 1",
        "Past visit 2",
    }
    # Each list named by its label (the visits' titles are the headings under the section's).
    assert '<p id="hosted-next"><strong>Next study visits</strong></p>' in html
    assert '<ul class="item-list" aria-labelledby="hosted-recent">' in html
    link = '<a href="/en/visits/?host=turin">All 10 study visits hosted by City of Turin</a>'
    assert link in html
    assert_valid_page(response)
    listed = client.get("/en/visits/", {"host": "turin"})
    assert listed.context["paginator"].count == 10


def test_partner_page_links_to_all_the_visits_it_joined(client, turin, bristol):
    today = timezone.localdate()
    visits_of(turin, today, future=4, past=4, host=bristol)
    for visit in StudyVisit.objects.all():
        VisitParticipationFactory(visit=visit, organisation=turin)
    StudyVisitFactory(title="Not joined", host=bristol)

    html = client.get(turin.get_absolute_url()).content.decode()

    assert len(visit_titles(html)) == 6
    link = '<a href="/en/visits/?participant=turin">All 8 study visits joined by City of Turin</a>'
    assert link in html
    listed = client.get("/en/visits/", {"participant": "turin"})
    assert listed.context["paginator"].count == 8
    assert "Not joined" not in listed.content.decode()
    assert "Study visits joined by City of Turin" in listed.content.decode()
    # The other filters keep the partner's: its slug is a hidden field of the form.
    assert '<input type="hidden" name="participant" value="turin"' in listed.content.decode()
    assert_valid_page(listed)


def test_partner_page_without_more_visits_than_it_shows_has_no_link(client, turin):
    visits_of(turin, timezone.localdate(), future=2, past=3, host=turin)

    html = client.get(turin.get_absolute_url()).content.decode()

    assert len(visit_titles(html)) == 5
    assert "/en/visits/?host=turin" not in html


def test_partner_page_links_to_all_its_staff_exchanges_and_action_plans(client, turin, bristol):
    for n in range(4):
        StaffExchangeFactory(title=f"Sent {n}", sending=turin, hosting=bristol)
        StaffExchangeFactory(title=f"Hosted {n}", sending=bristol, hosting=turin)
    StaffExchangeFactory(title="Elsewhere", sending=bristol, hosting=OrganisationFactory())
    ActionPlanFactory.create_batch(6, organisation=turin)
    ActionPlanFactory(organisation=turin, visibility=Visibility.MEMBERS)

    response = client.get(turin.get_absolute_url())

    html = response.content.decode()
    assert (
        '<a href="/en/exchanges/?organisation=turin">All 8 staff exchanges of City of Turin</a>'
        in html
    )
    # The public counts the public plans only.
    assert (
        '<a href="/en/action-plans/?organisation=turin">All 6 action plans of City of Turin</a>'
        in html
    )
    assert len(response.context["action_plans"]) == 5
    exchanges = client.get("/en/exchanges/", {"organisation": "turin"})
    assert exchanges.context["paginator"].count == 8
    assert "Elsewhere" not in exchanges.content.decode()
    assert "Staff exchanges of City of Turin, sent or hosted" in exchanges.content.decode()
    assert (
        client.get("/en/action-plans/", {"organisation": "turin"}).context["paginator"].count == 6
    )


def test_cluster_page_shows_a_few_of_each_list_and_links_to_all(client, db):
    cluster = ClusterFactory(name="Welcoming culture", short_name="Welcoming", slug="welcoming")
    today = timezone.localdate()
    visits_of(None, today, future=4, past=4, cluster=cluster)
    StaffExchangeFactory.create_batch(7, cluster=cluster)
    PracticeFactory.create_batch(9, clusters=[cluster])
    PracticeFactory(clusters=[cluster], status=PracticeStatus.IN_REVIEW)

    response = client.get(cluster.get_absolute_url())

    html = response.content.decode()
    assert len(visit_titles(html)) == 6
    assert '<a href="/en/visits/?cluster=welcoming">All 8 study visits of Welcoming</a>' in html
    assert (
        '<a href="/en/exchanges/?cluster=welcoming">All 7 staff exchanges of Welcoming</a>' in html
    )
    link = "All 9 published practices of Welcoming in the toolkit"
    assert f'<a href="/en/toolkit/?cluster=welcoming">{link}</a>' in html
    assert len(response.context["practices"]) == 6
    assert_valid_page(response)
    assert client.get("/en/visits/", {"cluster": "welcoming"}).context["paginator"].count == 8
    assert client.get("/en/toolkit/", {"cluster": "welcoming"}).context["paginator"].count == 9


def test_cluster_page_is_shared_until_what_it_shows_changes(client, django_assert_num_queries, db):
    cluster = ClusterFactory(slug="welcoming")
    practice = PracticeFactory(title="First practice", clusters=[cluster])
    client.get(cluster.get_absolute_url())

    with django_assert_num_queries(0):
        client.get(cluster.get_absolute_url())
    practice.title = "Renamed practice"
    practice.save()

    assert "Renamed practice" in client.get(cluster.get_absolute_url()).content.decode()
