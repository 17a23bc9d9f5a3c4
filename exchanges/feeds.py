"""The study visits as an iCalendar file (RFC 5545) that calendar apps can subscribe to."""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from core.content_language import shown_text
from exchanges.models import ActivityStatus, StudyVisit

# A planned visit may still move: TENTATIVE; one that took place: CONFIRMED.
CALENDAR_STATUS = {
    ActivityStatus.PLANNED: "TENTATIVE",
    ActivityStatus.COMPLETED: "CONFIRMED",
    ActivityStatus.CANCELLED: "CANCELLED",
}


def prodid() -> str:
    return f"-//{settings.PORTAL_NAME}//Study visits//EN"


# Stands for a visit's slug in the address reversed once for the whole feed.
SLUG_MARKER = "slug-of-the-visit"


def visit_uid(visit: StudyVisit, domain: str) -> str:
    # The primary key, not the slug: the UID must not change when a title is corrected.
    return f"studyvisit-{visit.pk}@{domain}"


def study_visit_calendar(visits: Iterable[StudyVisit], *, request: HttpRequest, name: str) -> bytes:
    """One all-day VEVENT per visit; ``visits`` need ``host`` selected.

    UIDs take the portal's configured address (``PORTAL_URL``), never the request's host:
    a portal that answers to two names must not give one visit two identities.

    Written line by line rather than through icalendar's objects: the feed holds a
    year of visits, hundreds at a network's size, and building an object per property
    took ten times longer than the rest of the request. The output is byte for byte
    what icalendar writes (``tests/exchanges/test_calendar_lines.py`` compares them).
    """
    domain = urlsplit(settings.PORTAL_URL).hostname or "values-portal.invalid"
    # When this file was made (RFC 5545 DTSTAMP), the same for every event in it.
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        # Who made the file (RFC 5545 PRODID): the portal, by its configured name.
        f"PRODID:{_text(prodid())}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    # Reversed once: each event's address is the same but for the visit's slug.
    before, _marker, after = request.build_absolute_uri(
        reverse("exchanges:visit_detail", kwargs={"slug": SLUG_MARKER})
    ).partition(SLUG_MARKER)
    countries: dict[str, str] = {}
    for visit in visits:
        country = visit.host.country
        if country.code not in countries:
            countries[country.code] = str(country.name)
        title = shown_text(visit, "title")
        summary = shown_text(visit, "summary")
        lines += [
            "BEGIN:VEVENT",
            # LANGUAGE (RFC 5545): the title may be shown in another language than the calendar's.
            f"SUMMARY;LANGUAGE={title.language}:{_text(title.text)}",
            f"DTSTART;VALUE=DATE:{visit.start_date:%Y%m%d}",
            # All-day events end on the day after the last one (DTEND is exclusive).
            f"DTEND;VALUE=DATE:{visit.end_date + dt.timedelta(days=1):%Y%m%d}",
            f"DTSTAMP:{stamp}",
            f"UID:{_text(visit_uid(visit, domain))}",
        ]
        if summary.text:
            lines.append(f"DESCRIPTION;LANGUAGE={summary.language}:{_text(summary.text)}")
        lines += [
            f"LAST-MODIFIED:{_utc(visit.updated_at)}",
            f"LOCATION:{_text(f'{visit.host.city}, {countries[country.code]}')}",
            f"STATUS:{CALENDAR_STATUS[visit.status]}",
            f"URL:{before}{visit.slug}{after}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(f"{_folded(line)}\r\n" for line in lines).encode()


def _utc(moment: dt.datetime) -> str:
    return f"{moment.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


def _text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


# A content line is at most 75 octets; longer ones go on in lines that start with a space.
LINE_OCTETS = 75


def _folded(line: str) -> str:
    if line.isascii():
        step = LINE_OCTETS - 1
        return "\r\n ".join(line[start : start + step] for start in range(0, len(line), step))
    # Never inside a character's UTF-8 bytes.
    parts: list[str] = []
    octets = 0
    for character in line:
        size = len(character.encode())
        octets += size
        if octets >= LINE_OCTETS:
            parts.append("\r\n ")
            octets = size
        parts.append(character)
    return "".join(parts)
