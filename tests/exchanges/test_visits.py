import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from core.models import Visibility
from exchanges.models import ActivityStatus, StudyVisit
from tests.factories import (
    PDF_BYTES,
    ActionPlanFactory,
    ClusterFactory,
    OrganisationFactory,
    StudyVisitFactory,
    VisitDocumentFactory,
    VisitParticipationFactory,
)
from tests.html_checks import row_titles

LIST = reverse("exchanges:visit_list")
ICS = reverse("exchanges:visit_ics")


def titles(response) -> list[str]:
    return row_titles(response.content.decode(), "visit-item__title")


@pytest.fixture
def reception(turin):
    return ClusterFactory(
        name="Reception and orientation", short_name="Reception", slug="reception"
    )


@pytest.fixture
def visits(turin, bristol, reception):
    today = timezone.localdate()
    return {
        "turin": StudyVisitFactory(
            title="Volunteering in Turin",
            slug="turin-2019",
            host=turin,
            cluster=reception,
            start_date=dt.date(2019, 3, 12),
            end_date=dt.date(2019, 3, 14),
            is_example=True,
        ),
        "bristol": StudyVisitFactory(
            title="Welcoming Bristol",
            slug="bristol-2020",
            host=bristol,
            start_date=dt.date(2020, 6, 2),
            end_date=dt.date(2020, 6, 3),
            status=ActivityStatus.CANCELLED,
        ),
        "next": StudyVisitFactory(
            title="Next visit to Turin",
            slug="turin-next",
            host=turin,
            start_date=today + dt.timedelta(days=30),
            end_date=today + dt.timedelta(days=31),
            status=ActivityStatus.PLANNED,
        ),
        "later": StudyVisitFactory(
            title="Later visit to Bristol",
            slug="bristol-later",
            host=bristol,
            start_date=today + dt.timedelta(days=90),
            end_date=today + dt.timedelta(days=92),
            status=ActivityStatus.PLANNED,
        ),
    }


def test_visit_list_shows_every_visit(client, visits):
    response = client.get(LIST)

    html = response.content.decode()
    assert "<h1>Study visits</h1>" in html
    assert "4 study visits" in html
    assert titles(response) == [
        "Later visit to Bristol",
        "Next visit to Turin",
        "Welcoming Bristol",
        "Volunteering in Turin",
    ]
    assert "hosted by City of Turin, Turin (Italy)" in html
    assert '<time datetime="2019-03-12">12 March 2019</time>' in html
    assert '<span class="status status--cancelled">Cancelled</span>' in html
    assert html.count("example-mark") == 1
    assert f'href="{ICS}"' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"cluster": "reception"}, ["Volunteering in Turin"]),
        ({"host": "bristol"}, ["Later visit to Bristol", "Welcoming Bristol"]),
        ({"year": "2020"}, ["Welcoming Bristol"]),
        ({"status": "cancelled"}, ["Welcoming Bristol"]),
        # The next visit first; cancelled visits are not upcoming.
        ({"when": "upcoming"}, ["Next visit to Turin", "Later visit to Bristol"]),
        ({"when": "past"}, ["Welcoming Bristol", "Volunteering in Turin"]),
        ({"when": "upcoming", "host": "turin"}, ["Next visit to Turin"]),
    ],
)
def test_visit_list_filters(client, visits, params, expected):
    response = client.get(LIST, params)

    assert titles(response) == expected
    # The calendar link keeps the same filters.
    assert f'href="{ICS}?' in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"cluster": "nope"},
        {"host": "atlantis"},
        {"year": "abc"},
        {"year": "99999999999"},
        {"status": "postponed"},
        {"when": "yesterday"},
    ],
)
def test_visit_list_bad_filter_values_show_a_message(client, visits, params):
    response = client.get(LIST, params)

    assert response.status_code == 200
    assert "Some filters could not be used" in response.content.decode()
    assert "Select a valid choice" in response.content.decode()
    assert titles(response) == []


@pytest.mark.parametrize("page", ["abc", "99999"])
def test_visit_list_bad_page_is_404(client, visits, page):
    assert client.get(LIST, {"page": page}).status_code == 404


def test_visit_list_offers_to_subscribe_and_says_what_the_calendar_holds(client, visits):
    response = client.get(LIST, {"host": "turin"})
    html = response.text

    assert '<h2 id="subscribe-title">Subscribe in your calendar</h2>' in html
    assert f'href="webcal://testserver{ICS}?host=turin"' in html
    assert f'value="http://testserver{ICS}?host=turin" readonly' in html
    # The page and the feed agree: the page says how many of its visits the feed holds.
    assert len(titles(response)) == 2
    assert len(events(client.get(ICS, {"host": "turin"}))) == 1
    assert "The calendar holds 1 of the 2 study visits listed here" in html


def test_visit_list_with_a_year_says_the_calendar_holds_the_whole_year(client, visits):
    html = client.get(LIST, {"year": "2019"}).text

    assert len(events(client.get(ICS, {"year": "2019"}))) == 1
    assert "The calendar holds the 1 study visit of 2019 that matches these filters." in html


@pytest.mark.parametrize("count", [1, 25])
def test_visit_list_queries_do_not_grow(db, client, django_assert_num_queries, count):
    StudyVisitFactory.create_batch(count, cluster=ClusterFactory())

    # count, the page's ids, its visits whose line is not in the cache, the options of cluster,
    # host and year, and how many the calendar holds
    with django_assert_num_queries(7):
        response = client.get(LIST)

    assert len(titles(response)) == min(count, 20)


@pytest.mark.parametrize("count", [1, 25])
def test_filtered_visit_list_queries_do_not_grow(db, client, django_assert_num_queries, count):
    cluster = ClusterFactory(slug="chosen")
    StudyVisitFactory.create_batch(count, cluster=cluster, host=OrganisationFactory(slug="host"))

    params = {"cluster": "chosen", "host": "host", "year": "2019", "status": "completed"}
    # + validating the chosen cluster and host; the years are asked once, for validating
    # the chosen one and for the form's options (kept until a visit changes); the page's
    # ids, then its visits whose line is not in the cache
    with django_assert_num_queries(9):
        response = client.get(LIST, params)

    assert len(titles(response)) == min(count, 20)


# Detail ----------------------------------------------------------------------------


def test_visit_page_shows_dates_host_head_counts_and_what_came_of_it(client, visits, bristol):
    visit = visits["turin"]
    visit.agenda = "Day one: the volunteering centre."
    visit.lessons_learned = "Start small, with volunteers who speak the newcomers' languages."
    visit.save()
    VisitParticipationFactory(
        visit=visit, organisation=bristol, city_staff=2, volunteering_staff=1, volunteers=3
    )
    VisitParticipationFactory(
        visit=visit,
        organisation=OrganisationFactory(name="Aarhus"),
        city_staff=1,
        volunteering_staff=0,
        volunteers=0,
        migrants=2,
    )
    published = ActionPlanFactory(title="Bristol's plan")
    draft = ActionPlanFactory(title="Unfinished plan", status="draft", published_at=None)
    members = ActionPlanFactory(title="Members' plan", visibility=Visibility.MEMBERS)
    visit.action_plans.add(published, draft, members)

    response = client.get(visit.get_absolute_url())

    html = response.content.decode()
    assert "<h1><span>Volunteering in Turin</span>" in html
    assert "12 March 2019</time> to <time" in html
    assert '<a href="/en/partners/turin/">City of Turin</a>, Turin (Italy)' in html
    assert (
        '<p class="table-caption" id="participants-table-caption">'
        "Who took part, by organisation and role (10 people)</p>"
    ) in html
    assert '<table class="head-counts" aria-labelledby="participants-table-caption">' in html
    assert response.context["totals"] == {
        "city_staff": 3,
        "volunteering_staff": 1,
        "volunteers": 3,
        "migrants": 3,
        "total": 10,
    }
    assert '<th scope="row">Total</th>' in html
    assert "Day one: the volunteering centre." in html
    assert "Start small" in html
    assert "Bristol&#x27;s plan" in html
    assert "Unfinished plan" not in html
    assert "Members&#x27; plan" not in html
    assert response.context["breadcrumbs"][1] == ("Study visits", LIST)


def test_visit_page_shows_members_plans_to_members(client, member, visits):
    visit = visits["turin"]
    visit.action_plans.add(ActionPlanFactory(title="Members' plan", visibility=Visibility.MEMBERS))
    client.force_login(member)

    assert "Members&#x27; plan" in client.get(visit.get_absolute_url()).content.decode()


def test_visit_documents_by_visibility(client, member, visits):
    visit = visits["turin"]
    public = VisitDocumentFactory(visit=visit, title="Agenda")
    private = VisitDocumentFactory(visit=visit, title="Notes", visibility=Visibility.MEMBERS)
    public_url = reverse("exchanges:document_download", args=[visit.slug, public.pk])
    private_url = reverse("exchanges:document_download", args=[visit.slug, private.pk])

    html = client.get(visit.get_absolute_url()).content.decode()
    assert f'href="{public_url}"' in html
    assert "(PDF, 193\xa0bytes)" in html
    assert f'href="{private_url}"' not in html
    assert "One more document is for members" in html

    response = client.get(public_url)
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"] == 'attachment; filename="agenda.pdf"'
    assert client.get(private_url).status_code == 403

    client.force_login(member)
    assert f'href="{private_url}"' in client.get(visit.get_absolute_url()).content.decode()
    assert b"".join(client.get(private_url).streaming_content) == PDF_BYTES


def test_unknown_visit_or_document_is_404(client, visits):
    assert client.get(reverse("exchanges:visit_detail", args=["nowhere"])).status_code == 404
    other = VisitDocumentFactory(visit=visits["bristol"])
    wrong = reverse("exchanges:document_download", args=["turin-2019", other.pk])
    assert client.get(wrong).status_code == 404


def test_document_whose_file_is_gone_is_404(client, visits):
    document = VisitDocumentFactory(visit=visits["turin"])
    document.file.delete(save=False)
    document.file.name = "visit-documents/gone.pdf"
    document.save()

    url = reverse("exchanges:document_download", args=["turin-2019", document.pk])
    assert client.get(url).status_code == 404


# iCalendar -------------------------------------------------------------------------


def events(response) -> dict[str, object]:
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_calendar_is_valid_icalendar_with_the_visits_of_a_year(client, visits, settings):
    settings.PORTAL_URL = "https://values.example.eu"
    edited = dt.datetime(2020, 1, 6, 9, 30, tzinfo=dt.UTC)
    StudyVisit.objects.filter(pk=visits["turin"].pk).update(updated_at=edited)
    # Without a year, the feed holds the next visits and last year's (tests/perf).
    response = client.get(ICS, {"year": "2019"})

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["version"]) == "2.0"
    assert "VALUES Portal" in str(calendar["prodid"])
    found = events(response) | events(client.get(ICS, {"year": "2020"}))
    assert set(found) == {"Volunteering in Turin", "Welcoming Bristol"}

    turin = found["Volunteering in Turin"]
    assert turin.decoded("dtstart") == dt.date(2019, 3, 12)
    # All-day events end the day after the last day.
    assert turin.decoded("dtend") == dt.date(2019, 3, 15)
    assert str(turin["location"]) == "Turin, Italy"
    assert str(turin["url"]) == "http://testserver/en/visits/turin-2019/"
    assert str(turin["status"]) == "CONFIRMED"
    # The portal's configured name, never the request's host.
    assert str(turin["uid"]) == f"studyvisit-{visits['turin'].pk}@values.example.eu"
    # When the file was made, not when the visit was last edited.
    assert turin.decoded("dtstamp") > edited
    assert turin.decoded("last-modified") == edited
    assert str(found["Welcoming Bristol"]["status"]) == "CANCELLED"


def test_calendar_uids_are_stable(client, visits):
    first = {str(e["uid"]) for e in events(client.get(ICS)).values()}
    visits["next"].title = "Next visit to Turin (renamed)"
    visits["next"].save()

    assert {str(e["uid"]) for e in events(client.get(ICS)).values()} == first


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"host": "turin"}, {"Next visit to Turin"}),
        ({"host": "turin", "year": "2019"}, {"Volunteering in Turin"}),
        ({"when": "upcoming"}, {"Next visit to Turin", "Later visit to Bristol"}),
        ({"cluster": "reception", "year": "2019"}, {"Volunteering in Turin"}),
    ],
)
def test_calendar_holds_exactly_the_filtered_visits(client, visits, params, expected):
    response = client.get(ICS, params)

    assert response.status_code == 200
    assert set(events(response)) == expected


def test_a_planned_visit_is_tentative_in_calendars(client, visits):
    found = events(client.get(ICS))

    assert str(found["Next visit to Turin"]["status"]) == "TENTATIVE"


def test_one_visit_has_one_uid_whatever_name_the_portal_is_reached_by(client, visits, settings):
    settings.ALLOWED_HOSTS = ["values.example.eu", "www.values.example.eu"]
    uids = [
        {str(e["uid"]) for e in events(client.get(ICS, headers={"host": host})).values()}
        for host in ("values.example.eu", "www.values.example.eu")
    ]

    assert uids[0] == uids[1]


@pytest.mark.parametrize("params", [{"year": "abc"}, {"host": "atlantis"}])
def test_calendar_refuses_bad_filters_as_the_open_data_does(client, visits, params):
    response = client.get(ICS, params)

    assert response.status_code == 400
    assert "could not be used" in response.content.decode()


def test_calendar_ignores_pagination(client, db):
    StudyVisitFactory.create_batch(25)

    assert len(events(client.get(ICS, {"page": "2", "year": "2019"}))) == 25


@pytest.mark.django_db
def test_a_visit_line_escapes_its_texts_and_speaks_the_readers_language(client):
    # The line is a Jinja2 template (core/jinja2.py): its own escaping and its catalogue.
    host = OrganisationFactory(name="<b>Città</b> & co", city="Torino", country="IT")
    StudyVisitFactory(
        title="<script>alert(1)</script> Welcome walks",
        host=host,
        start_date=dt.date(2031, 3, 4),
        end_date=dt.date(2031, 3, 6),
        status=ActivityStatus.PLANNED,
    )

    html = client.get("/it/visits/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Welcome walks" in html
    # The host's name as written (in English: no Italian name), marked as such.
    assert (
        'ospitata da <span lang="en">&lt;b&gt;Città&lt;/b&gt; &amp; co</span>, Torino (Italia)'
    ) in html
    assert (
        'dal <time datetime="2031-03-04">4 marzo 2031</time> al '
        '<time datetime="2031-03-06">6 marzo 2031</time>'
    ) in html
    assert '<span class="status status--planned">' in html
