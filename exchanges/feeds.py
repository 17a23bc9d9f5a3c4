"""The study visits as an iCalendar file (RFC 5545) that calendar apps can subscribe to."""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from icalendar import Calendar, Event

from core.content_language import shown_text
from exchanges.models import ActivityStatus, StudyVisit

# A planned visit may still move: TENTATIVE; one that took place: CONFIRMED.
CALENDAR_STATUS = {
    ActivityStatus.PLANNED: "TENTATIVE",
    ActivityStatus.COMPLETED: "CONFIRMED",
    ActivityStatus.CANCELLED: "CANCELLED",
}


def visit_uid(visit: StudyVisit, domain: str) -> str:
    # The primary key, not the slug: the UID must not change when a title is corrected.
    return f"studyvisit-{visit.pk}@{domain}"


def study_visit_calendar(visits: Iterable[StudyVisit], *, request: HttpRequest, name: str) -> bytes:
    """One all-day VEVENT per visit; ``visits`` need ``host`` selected.

    UIDs take the portal's configured address (``PORTAL_URL``), never the request's host:
    a portal that answers to two names must not give one visit two identities.
    """
    domain = urlsplit(settings.PORTAL_URL).hostname or "values-portal.invalid"
    # When this file was made (RFC 5545 DTSTAMP), the same for every event in it.
    stamp = timezone.now().astimezone(dt.UTC)
    calendar = Calendar()
    # Who made the file (RFC 5545 PRODID): the portal, by its configured name.
    calendar.add("prodid", f"-//{settings.PORTAL_NAME}//Study visits//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for visit in visits:
        event = Event()
        event.add("uid", visit_uid(visit, domain))
        event.add("dtstamp", stamp)
        event.add("last-modified", visit.updated_at.astimezone(dt.UTC))
        event.add("dtstart", visit.start_date)
        # All-day events end on the day after the last one (DTEND is exclusive).
        event.add("dtend", visit.end_date + dt.timedelta(days=1))
        # LANGUAGE (RFC 5545): the title may be shown in another language than the calendar's.
        title = shown_text(visit, "title")
        event.add("summary", title.text, parameters={"LANGUAGE": title.language})
        event.add("location", f"{visit.host.city}, {visit.host.country.name}")
        event.add("url", request.build_absolute_uri(visit.get_absolute_url()))
        summary = shown_text(visit, "summary")
        if summary.text:
            event.add("description", summary.text, parameters={"LANGUAGE": summary.language})
        event.add("status", CALENDAR_STATUS[visit.status])
        calendar.add_component(event)
    return calendar.to_ical()
