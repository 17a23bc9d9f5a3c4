"""A form's address opened as a page: a 405 with the portal's explanation, nothing changed."""

import pytest
from django.urls import reverse

from tests.factories import PracticeFactory
from toolkit.models import PracticeStatus

pytestmark = pytest.mark.django_db


def test_opening_a_buttons_address_explains_it_and_changes_nothing(client, turin, turin_editor):
    practice = PracticeFactory(organisation=turin, status=PracticeStatus.IN_REVIEW)
    client.force_login(turin_editor)

    response = client.get(reverse("workspace:practice_withdraw", kwargs={"pk": practice.pk}))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "This address belongs to a form" in response.text
    assert '<html lang="en"' in response.text
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.IN_REVIEW


def test_the_explanation_is_in_the_readers_language(client, turin, turin_editor):
    practice = PracticeFactory(organisation=turin, status=PracticeStatus.IN_REVIEW)
    client.force_login(turin_editor)

    response = client.get(f"/it/my-organisation/practices/{practice.pk}/withdraw/")

    assert response.status_code == 405
    assert '<html lang="it"' in response.text
    assert "This address belongs to a form" not in response.text
