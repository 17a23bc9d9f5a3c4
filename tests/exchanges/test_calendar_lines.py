"""The study visit feed is written line by line (exchanges/feeds.py): byte for byte what
icalendar would write for the same visits, escaping and folding included."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import translation
from icalendar import Calendar, Event

from core.content_language import shown_text
from exchanges import feeds
from exchanges.models import StudyVisit
from tests.factories import OrganisationFactory, StudyVisitFactory

NOW = dt.datetime(2026, 12, 7, 3, 37, 54, tzinfo=dt.UTC)


def written_by_icalendar(visits, *, request, name: str) -> bytes:
    """The feed as icalendar's objects write it: the reference."""
    domain = urlsplit(settings.PORTAL_URL).hostname
    calendar = Calendar()
    calendar.add("prodid", feeds.prodid())
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for visit in visits:
        event = Event()
        event.add("uid", feeds.visit_uid(visit.pk, domain))
        event.add("dtstamp", NOW)
        event.add("last-modified", visit.updated_at.astimezone(dt.UTC))
        event.add("dtstart", visit.start_date)
        event.add("dtend", visit.end_date + dt.timedelta(days=1))
        title = shown_text(visit, "title")
        event.add("summary", title.text, parameters={"LANGUAGE": title.language})
        event.add("location", f"{visit.host.city}, {visit.host.country.name}")
        event.add("url", request.build_absolute_uri(visit.get_absolute_url()))
        summary = shown_text(visit, "summary")
        if summary.text:
            event.add("description", summary.text, parameters={"LANGUAGE": summary.language})
        event.add("status", feeds.CALENDAR_STATUS[visit.status])
        calendar.add_component(event)
    return calendar.to_ical()


@pytest.fixture
def frozen_now(monkeypatch):
    monkeypatch.setattr(feeds.timezone, "now", lambda: NOW)


TEXTS = [
    ("Volunteering in Turin", ""),
    ("Città; caffè, lingue \\ e altro", "Prima riga\r\nseconda riga\nterza; con, tutto"),
    # Long lines fold at 75 octets, never inside a character: ASCII, accents, Greek, emoji.
    ("A" * 200, "word " * 60),
    ("Ευρωπαϊκή εθελοντική συνεργασία " * 4, "Żółć gęślą jaźń " * 12),
    ("Welcome 🎉 walks " * 8, "x" * 74),
    ("y" * 75, "z" * 149),
]


@pytest.mark.parametrize(("title", "summary"), TEXTS)
def test_the_feed_is_what_icalendar_writes(db, frozen_now, settings, title, summary):
    settings.PORTAL_URL = "https://values.example.eu"
    host = OrganisationFactory(city="Zürich, Stadt", name="Città di Torino")
    StudyVisitFactory(title=title, summary=summary, host=host)
    StudyVisitFactory(title="Second visit", host=host)
    request = RequestFactory().get("/en/visits/calendar.ics")
    visits = StudyVisit.objects.for_lists().order_by("pk")

    written = feeds.study_visit_calendar(visits, request=request, name="VALUES: visits")

    assert written == written_by_icalendar(visits, request=request, name="VALUES: visits")
    assert all(len(line) <= 75 for line in written.split(b"\r\n"))
    events = Calendar.from_ical(written).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == [title, "Second visit"]


@pytest.mark.parametrize(
    ("reader", "expected"),
    [
        ("en", ["SUMMARY;LANGUAGE=en:Welcome walks", "SUMMARY;LANGUAGE=de:Rundgänge"]),
        ("it", ["SUMMARY;LANGUAGE=it:Passeggiate", "SUMMARY;LANGUAGE=de:Rundgänge"]),
        ("fi", ["SUMMARY;LANGUAGE=en:Welcome walks", "SUMMARY;LANGUAGE=fi:Kävelyt"]),
    ],
)
def test_each_text_is_in_the_language_a_page_shows_it_in(db, frozen_now, reader, expected):
    # The reader's column, else the original's (English: a visit has no language of its
    # own), else the first fallback with text; each text with the language of its column.
    host = OrganisationFactory()
    walks = StudyVisitFactory(host=host, start_date=dt.date(2019, 3, 12))
    only_elsewhere = StudyVisitFactory(host=host, start_date=dt.date(2019, 3, 1))
    StudyVisit.objects.filter(pk=walks.pk).update(
        title_en="Welcome walks", title_it="Passeggiate", summary_en="", summary_fi="Kävelyt"
    )
    StudyVisit.objects.filter(pk=only_elsewhere.pk).update(
        title_en=None, title_de="Rundgänge", title_fi="Kävelyt"
    )
    request = RequestFactory().get(f"/{reader}/visits/calendar.ics")
    visits = StudyVisit.objects.all()

    with translation.override(reader):
        written = feeds.study_visit_calendar(visits, request=request, name="VALUES: visits")
        reference = written_by_icalendar(visits, request=request, name="VALUES: visits")

    assert written == reference
    lines = written.decode().split("\r\n")
    assert [line for line in lines if line.startswith("SUMMARY")] == expected
    assert "DESCRIPTION;LANGUAGE=fi:Kävelyt" in lines


def test_the_calendar_s_name_is_escaped_as_text(db, frozen_now):
    # icalendar writes (and reads) an X- property's value unescaped; RFC 5545 makes it
    # TEXT (3.8.8.2), as calendar apps read it.
    request = RequestFactory().get("/en/visits/calendar.ics")

    written = feeds.study_visit_calendar(
        StudyVisit.objects.none(), request=request, name="Visite; studio, tutte"
    )

    assert b"X-WR-CALNAME:Visite\\; studio\\, tutte\r\n" in written
