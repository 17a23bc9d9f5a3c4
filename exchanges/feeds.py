"""The study visits as an iCalendar file (RFC 5545) that calendar apps can subscribe to."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from core.content_language import reading_language, shown_languages
from core.countries import country_name
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


def visit_uid(pk: int, domain: str) -> str:
    # The primary key, not the slug: the UID must not change when a title is corrected.
    return f"studyvisit-{pk}@{domain}"


def study_visit_calendar(visits: QuerySet[StudyVisit], *, request: HttpRequest, name: str) -> bytes:
    """One all-day VEVENT per visit of ``visits``.

    UIDs take the portal's configured address (``PORTAL_URL``), never the request's host:
    a portal that answers to two names must not give one visit two identities.

    Written line by line rather than through icalendar's objects: the feed holds a
    year of visits, hundreds at a network's size, and building an object per property
    took ten times longer than the rest of the request. The output is byte for byte
    what icalendar writes (``tests/exchanges/test_calendar_lines.py`` compares them).
    For the same reason the visits are read as rows of the columns an event shows, not
    as model instances: building those (modeltranslation's set-up of each, the host's)
    took half of what remained.
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
    # Each text in the language shown_text() picks for a visit: a visit has no language
    # of its own (no ``language`` field, no ``content_language()``), so its texts'
    # original is the default language, and each column holds its own language.
    reader = reading_language()
    languages = shown_languages(reader, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
    titles = [build_localized_fieldname("title", language) for language in languages]
    summaries = [build_localized_fieldname("summary", language) for language in languages]
    # Django's values(), not modeltranslation's: that one lists the columns in a set's
    # order, which changes from process to process, and so may the order of visits that
    # tie under DISTINCT (a participant chosen). Here the id comes first.
    rows = visits.raw_values(
        "pk",
        "slug",
        "start_date",
        "end_date",
        "status",
        "updated_at",
        "host__city",
        "host__country",
        *titles,
        *summaries,
    )
    # Once per country, not per visit: country_name() asks for the active language.
    countries: dict[str, str] = {}
    for row in rows:
        code = row["host__country"]
        if code not in countries:
            countries[code] = country_name(code)
        location = f"{row['host__city']}, {countries[code]}"
        title, title_language = _shown([row[column] for column in titles], languages, reader)
        summary, summary_language = _shown([row[column] for column in summaries], languages, reader)
        lines += [
            "BEGIN:VEVENT",
            # LANGUAGE (RFC 5545): the title may be shown in another language than the calendar's.
            f"SUMMARY;LANGUAGE={title_language}:{_text(title)}",
            f"DTSTART;VALUE=DATE:{row['start_date']:%Y%m%d}",
            # All-day events end on the day after the last one (DTEND is exclusive).
            f"DTEND;VALUE=DATE:{row['end_date'] + dt.timedelta(days=1):%Y%m%d}",
            f"DTSTAMP:{stamp}",
            f"UID:{_text(visit_uid(row['pk'], domain))}",
        ]
        if summary:
            lines.append(f"DESCRIPTION;LANGUAGE={summary_language}:{_text(summary)}")
        lines += [
            f"LAST-MODIFIED:{_utc(row['updated_at'])}",
            f"LOCATION:{_text(location)}",
            f"STATUS:{CALENDAR_STATUS[row['status']]}",
            f"URL:{before}{row['slug']}{after}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    # Every line ends with CRLF (RFC 5545), the last one too.
    return ("\r\n".join(map(_folded, lines)) + "\r\n").encode()


def _shown(texts: list[str | None], languages: list[str], reader: str) -> tuple[str, str]:
    """The first text, in ``languages``' order, that is not empty, and its language;
    with none, an empty text in the reader's language, as shown_text() gives it."""
    for text, language in zip(texts, languages, strict=True):
        if text:
            return text, language
    return "", reader


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
    """``line`` in pieces of at most 74 octets, each after the first behind a space.

    Never inside a character's UTF-8 bytes. Most lines are short and ASCII: those are
    told by their length alone.
    """
    if line.isascii():
        if len(line) < LINE_OCTETS:
            return line
        step = LINE_OCTETS - 1
        return "\r\n ".join(line[start : start + step] for start in range(0, len(line), step))
    octets = line.encode()
    if len(octets) < LINE_OCTETS:
        return line
    pieces: list[bytes] = []
    start = 0
    while start < len(octets):
        end = start + LINE_OCTETS - 1
        # Back to the first byte of a character the cut would split (10xxxxxx follow it).
        while end < len(octets) and octets[end] & 0xC0 == 0x80:
            end -= 1
        pieces.append(octets[start:end])
        start = end
    return b"\r\n ".join(pieces).decode()
