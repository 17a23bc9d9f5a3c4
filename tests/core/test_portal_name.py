"""The portal's name is one setting (PORTAL_NAME): pages, titles, feeds, PDFs and mails say it."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from exchanges.services import registration_mark_attended
from tests.factories import PracticeFactory, StudyVisitFactory, VisitRegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_network(settings):
    settings.PORTAL_NAME = "Other Network"
    # Pages and feeds are kept in the cache with the name they were drawn with.
    cache.clear()


def test_the_header_and_title_say_the_configured_name(client, other_network):
    for language in ("en", "it"):
        with translation.override(language):
            html = client.get(reverse("privacy")).text

        assert '<span class="site-name__title">Other Network</span>' in html
        assert "· Other Network</title>" in html
        assert "VALUES Portal" not in html


def test_the_name_is_a_proper_name_the_same_in_every_language(client):
    with translation.override("it"):
        html = client.get(reverse("privacy")).text

    assert '<span class="site-name__title">VALUES Portal</span>' in html
    assert "<title>Informativa sulla privacy · VALUES Portal</title>" in html


def test_the_feeds_and_the_calendar_say_the_configured_name(client, other_network):
    PracticeFactory()
    StudyVisitFactory()

    atom = client.get(reverse("toolkit:feed")).text
    with translation.override("en"):
        ics = client.get(reverse("exchanges:visit_ics")).content

    assert "<title>Other Network: new practices</title>" in atom
    assert "<name>Other Network</name>" in atom
    calendar = Calendar.from_ical(ics)
    assert str(calendar["x-wr-calname"]) == "Other Network: study visits"
    assert str(calendar["prodid"]) == "-//Other Network//Study visits//EN"


def test_a_certificate_pdf_says_the_configured_name(client, other_network, coordinator):
    import pypdf

    registration = VisitRegistrationFactory(
        visit=StudyVisitFactory(start_date=dt.date(2026, 3, 10), end_date=dt.date(2026, 3, 12))
    )
    registration_mark_attended(registration=registration, attended=True, by=coordinator)
    client.force_login(registration.user)

    response = client.get(
        reverse("exchanges:certificate", kwargs={"slug": registration.visit.slug})
    )

    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title.endswith("· Other Network")
    assert reader.metadata.author == "Other Network"
    assert "Other Network" in reader.pages[0].extract_text()


def test_the_open_data_catalogue_and_the_admin_say_the_configured_name(
    client, admin_client, other_network
):
    catalogue = client.get(reverse("api:catalogue")).json()
    admin = admin_client.get(reverse("admin:index")).text

    assert catalogue["dct:title"]["@value"] == "Other Network open data"
    assert "Other Network administration" in admin


@pytest.mark.shared_cache
def test_mails_say_the_configured_name(client, other_network, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "accessibility@values.example.eu"

    client.post(
        reverse("network:accessibility_report"),
        {"page": "https://values.example.eu/en/toolkit/", "description": "The map is too small."},
    )

    (message,) = mail.outbox
    assert "an accessibility problem on the Other Network." in message.body
