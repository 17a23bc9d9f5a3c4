"""Text saved by any path loses the characters a page may not show (core/stored_text.py)."""

from django.urls import reverse

from cities.models import Organisation
from core.stored_text import shown_text
from tests.factories import OrganisationFactory, PracticeFactory
from tests.html_checks import assert_valid_page


def test_a_vertical_tab_becomes_a_line_break_and_other_controls_go():
    assert shown_text("First line\x0bsecond\x01 line\x7f\x85\ufffe") == "First line\nsecond line"
    assert shown_text("Tabs\tand\r\nbreaks stay") == "Tabs\tand\r\nbreaks stay"


def test_a_practice_saved_with_control_characters_keeps_them_out_of_its_page(client, db):
    practice = PracticeFactory(
        title="Buddies\x01 for newcomers",
        summary="Pasted from a word processor:\x0bone line, then another.\x1b",
    )
    practice.refresh_from_db()

    assert practice.title == "Buddies for newcomers"
    assert practice.title_en == "Buddies for newcomers"
    assert practice.summary == "Pasted from a word processor:\none line, then another."
    response = client.get(practice.get_absolute_url())
    assert response.status_code == 200
    assert_valid_page(response)
    assert "\x01" not in response.content.decode()


def test_a_row_saved_field_by_field_loses_them_too(admin_client, db):
    organisation = OrganisationFactory(name="City of Turin")
    organisation.name = "City\x08 of Turin\x0c"  # a form feed is allowed in a page
    organisation.save(update_fields=["name"])

    assert Organisation.objects.get(pk=organisation.pk).name == "City of Turin\x0c"
    url = reverse("admin:cities_organisation_change", args=[organisation.pk])
    assert "City of Turin" in admin_client.get(url).content.decode()
