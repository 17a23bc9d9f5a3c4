"""schema.org JSON-LD on the pages: each page kind's block parses and says what it must."""

import json
import re

import pytest
from django.urls import reverse
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from cities.models import OrganisationKind
from exchanges.models import ActivityStatus
from tests.factories import (
    OrganisationFactory,
    ParticipationFactory,
    PracticeFactory,
    ProjectFactory,
    StudyVisitFactory,
)

pytestmark = [pytest.mark.django_db]

SDO = Namespace("https://schema.org/")
BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def structured_data(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    (block,) = BLOCK.findall(response.content.decode())
    data = json.loads(block)
    assert data["@context"] == "https://schema.org/"
    # Parsed as JSON-LD too (with the vocabulary inline: nothing is fetched).
    graph = Graph().parse(
        data=json.dumps({**data, "@context": {"@vocab": "https://schema.org/"}}),
        format="json-ld",
    )
    assert len(graph) > 3
    return data


def test_a_study_visit_is_an_event(client, turin):
    visit = StudyVisitFactory(host=turin, status=ActivityStatus.PLANNED, summary="See </script>")

    data = structured_data(client, visit.get_absolute_url())

    assert data["@type"] == "Event"
    assert data["name"] == visit.title
    assert data["startDate"] == visit.start_date.isoformat()
    assert data["endDate"] == visit.end_date.isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"]["addressLocality"] == turin.city
    assert data["organizer"]["name"] == turin.name
    assert data["description"] == "See </script>"  # escaped in the page, whole in the data


def test_a_cancelled_visit_says_so(client, turin):
    visit = StudyVisitFactory(host=turin, status=ActivityStatus.CANCELLED)

    assert structured_data(client, visit.get_absolute_url())["eventStatus"].endswith(
        "EventCancelled"
    )


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        (OrganisationKind.CITY, "GovernmentOrganization"),
        (OrganisationKind.VOLUNTEERING, "Organization"),
    ],
)
def test_a_partner_is_an_organisation(client, db, kind, schema_type):
    partner = OrganisationFactory(kind=kind, website="https://example.org/")

    data = structured_data(client, partner.get_absolute_url())

    assert data["@type"] == schema_type
    assert data["name"] == partner.name
    assert data["sameAs"] == "https://example.org/"
    assert data["address"]["addressCountry"] == partner.country.code


def test_a_practice_is_a_creative_work_in_its_language(client, turin):
    practice = PracticeFactory(organisation=turin, language="it")

    data = structured_data(client, practice.get_absolute_url())

    assert data["@type"] == "CreativeWork"
    assert data["name"] == practice.title
    assert data["inLanguage"] == "it"
    assert data["author"]["name"] == turin.name
    assert data["datePublished"] == practice.published_at.date().isoformat()


def test_the_home_page_describes_the_network_and_its_members(client, turin, bristol):
    ParticipationFactory(project=ProjectFactory(), organisation=turin)
    OrganisationFactory(name="Not a partner")

    data = structured_data(client, reverse("home"))

    assert data["@type"] == "Organization"
    assert [member["name"] for member in data["member"]] == [turin.name]
    graph = Graph().parse(
        data=json.dumps({**data, "@context": {"@vocab": "https://schema.org/"}}),
        format="json-ld",
    )
    assert len(list(graph.objects(None, SDO.member))) == 1
    assert (None, RDF.type, SDO.GovernmentOrganization) in graph
