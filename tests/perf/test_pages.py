"""What the pages show now that they stay the same size at any scale."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from network.views import PARTNER_PRACTICES
from tests.factories import (
    ClusterFactory,
    OrganisationFactory,
    ParticipationFactory,
    PracticeFactory,
    ProjectFactory,
    StudyVisitFactory,
)
from toolkit.models import Practice
from toolkit.views import related_practices

pytestmark = pytest.mark.shared_cache


def html(response) -> str:
    return response.content.decode()


def test_related_practices_are_ranked_as_related_to_ranks_them(db):
    a, b, c = ClusterFactory.create_batch(3)
    practice = PracticeFactory(clusters=[a, b])
    day = timezone.now()
    for n, clusters in enumerate([[a], [a, b], [c], [b], [a, b], [a, b, c]]):
        PracticeFactory(title=f"P{n}", clusters=clusters, published_at=day - dt.timedelta(days=n))

    expected = list(Practice.objects.published().related_to(practice)[:3])

    assert list(related_practices(practice)) == expected
    assert [p.title for p in expected] == ["P1", "P4", "P5"]


def test_practice_without_clusters_has_no_related_practices(db):
    PracticeFactory(clusters=[ClusterFactory()])

    assert list(related_practices(PracticeFactory())) == []


def test_partner_page_shows_its_newest_practices_and_links_to_all(client, db):
    partner = OrganisationFactory(name="City of Turin", slug="turin")
    day = timezone.now()
    for n in range(PARTNER_PRACTICES + 2):
        PracticeFactory(
            organisation=partner, title=f"Turin {n}", published_at=day - dt.timedelta(n)
        )

    page = html(client.get(partner.get_absolute_url()))

    assert page.count('class="card practice-card"') == PARTNER_PRACTICES
    assert "Turin 0" in page
    assert f"Turin {PARTNER_PRACTICES}" not in page
    link = f"{reverse('toolkit:list')}?organisation=turin"
    assert f'<a href="{link}">All practices of City of Turin in the toolkit</a>' in page

    toolkit = html(client.get(link))
    assert f"{PARTNER_PRACTICES + 2} practices" in toolkit
    assert "Practices of City of Turin" in toolkit
    assert '<input type="hidden" name="organisation" value="turin">' in toolkit


def test_partner_page_with_few_practices_has_no_link(client, db):
    partner = OrganisationFactory(slug="turin")
    PracticeFactory(organisation=partner)

    assert "?organisation=turin" not in html(client.get(partner.get_absolute_url()))


def test_toolkit_filter_by_organisation_narrows_results_and_facets(client, db):
    turin = OrganisationFactory(slug="turin")
    PracticeFactory(organisation=turin, origin_city="Turin")
    PracticeFactory(origin_city="Bristol", origin_country="GB")

    page = html(client.get(reverse("toolkit:list"), {"organisation": "turin"}))

    assert "1 practice" in page
    assert 'value="Bristol"' not in page
    assert "Clear all" in page


def test_home_map_shows_the_project_partners_only(client, db):
    partner = OrganisationFactory(name="City of Turin")
    ParticipationFactory(organisation=partner, project=ProjectFactory())
    OrganisationFactory(name="Some practice's author")

    page = html(client.get(reverse("home")))

    assert "<title>City of Turin, " in page
    assert "Some practice&#x27;s author" not in page


def _summaries(response) -> set[str]:
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]) for event in calendar.walk("VEVENT")}


def test_calendar_holds_the_next_visits_and_the_last_year(client, db):
    today = timezone.localdate()
    for title, days_ago in [("Long ago", 400), ("Last spring", 300), ("Next month", -30)]:
        day = today - dt.timedelta(days=days_ago)
        StudyVisitFactory(title=title, start_date=day, end_date=day)
    ics = reverse("exchanges:visit_ics")

    assert _summaries(client.get(ics)) == {"Last spring", "Next month"}
    # A year chosen in the filters gives that whole year.
    long_ago = str((today - dt.timedelta(days=400)).year)
    assert "Long ago" in _summaries(client.get(ics, {"year": long_ago}))


def test_calendar_shows_a_new_visit_at_once(client, db):
    ics = reverse("exchanges:visit_ics")
    assert _summaries(client.get(ics)) == set()

    day = timezone.localdate() + dt.timedelta(days=10)
    StudyVisitFactory(title="Next week", start_date=day, end_date=day)

    assert _summaries(client.get(ics)) == {"Next week"}


def test_calendar_from_the_cache_keeps_its_headers(client, db):
    ics = reverse("exchanges:visit_ics")
    first = client.get(ics)

    again = client.get(ics)

    assert again.content == first.content
    assert again["Content-Type"] == "text/calendar; charset=utf-8"
    assert again["Content-Disposition"] == 'inline; filename="study-visits.ics"'
