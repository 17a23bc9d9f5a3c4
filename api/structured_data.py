"""schema.org descriptions of the portal's pages, as JSON-LD for search engines and
calendar tools: a study visit is an ``Event``, a partner a ``GovernmentOrganization``
(a city administration or a public agency) or an ``Organization``, a practice a
``CreativeWork`` in its language, the network an ``Organization`` with its members.

Written into the page as ``<script type="application/ld+json">``: data, which the
browser never runs (the Content-Security-Policy is about scripts it would run), escaped
as ``json_script`` escapes, so no text of a record can close the element.
"""

import json
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from cities.models import Organisation, OrganisationKind
from exchanges.models import ActivityStatus, StudyVisit
from toolkit.models import Practice

SCHEMA = "https://schema.org/"
GOVERNMENT = {OrganisationKind.CITY, OrganisationKind.PUBLIC_AGENCY}
EVENT_STATUS = {
    ActivityStatus.PLANNED: "EventScheduled",
    ActivityStatus.COMPLETED: "EventScheduled",
    ActivityStatus.CANCELLED: "EventCancelled",
}
ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script(data: dict) -> SafeString:
    text = json.dumps({"@context": SCHEMA, **data}, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(ESCAPES)),  # noqa: S308 - escaped above
    )


def address(organisation: Organisation) -> dict:
    return {
        "@type": "PostalAddress",
        "addressLocality": organisation.city,
        "addressCountry": organisation.country.code,
    }


def organisation(request: HttpRequest, partner: Organisation, *, full: bool = False) -> dict:
    data = {
        "@type": "GovernmentOrganization" if partner.kind in GOVERNMENT else "Organization",
        "@id": request.build_absolute_uri(partner.get_absolute_url()),
        "name": partner.name,
        "url": request.build_absolute_uri(partner.get_absolute_url()),
        "address": address(partner),
    }
    if full:
        if partner.website:
            data["sameAs"] = partner.website
        if partner.logo:
            data["logo"] = request.build_absolute_uri(
                reverse("organisation_logo", kwargs={"slug": partner.slug})
            )
    return data


def study_visit(request: HttpRequest, visit: StudyVisit) -> dict:
    host = organisation(request, visit.host)
    return {
        "@type": "Event",
        "name": visit.title,
        "description": visit.summary,
        "url": request.build_absolute_uri(visit.get_absolute_url()),
        "startDate": visit.start_date,
        "endDate": visit.end_date,
        "eventStatus": SCHEMA + EVENT_STATUS[visit.status],
        # A study visit is a visit: its participants travel to the host.
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": visit.host.name, "address": address(visit.host)},
        "organizer": host,
    }


def practice(request: HttpRequest, item: Practice) -> dict:
    data = {
        "@type": "CreativeWork",
        "name": item.title,
        "abstract": item.summary,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "inLanguage": item.language,
        "locationCreated": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": item.origin_city,
                "addressCountry": item.origin_country.code,
            },
        },
    }
    if item.published_at:
        data["datePublished"] = item.published_at.date()
    if item.organisation:
        data["author"] = organisation(request, item.organisation)
    return data


def network(request: HttpRequest, partners: Iterable[Organisation]) -> dict:
    home = request.build_absolute_uri(reverse("home"))
    return {
        "@type": "Organization",
        "@id": f"{home}#network",
        "name": _("The VALUES network"),
        "url": home,
        "description": _(
            "A community of practice of European cities and volunteering organisations that "
            "include migrants and refugees through volunteering."
        ),
        "member": [organisation(request, partner) for partner in partners],
    }
