"""An organisation with plans or practices cannot be deleted: the admin says why."""

import pytest
from django.db.models import ProtectedError

from cities.models import Organisation
from exchanges.models import ActionPlan
from tests.admin.cases import admin_url
from tests.factories import ActionPlanFactory, OrganisationFactory, PracticeFactory
from toolkit.models import Practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def turin_with_work(turin):
    PracticeFactory(organisation=turin, title="Turin buddies")
    ActionPlanFactory(organisation=turin, title="Turin action plan")
    return turin


def test_admin_delete_page_refuses_and_names_the_protected_objects(
    client, coordinator, turin_with_work
):
    client.force_login(coordinator)
    url = admin_url(Organisation, "delete", turin_with_work.pk)

    page = client.get(url)
    confirmed = client.post(url, {"post": "yes"})

    assert "Cannot delete organisation" in page.text
    assert "would require deleting the following protected related objects" in page.text
    assert "Turin buddies" in page.text
    assert "Turin action plan" in page.text
    assert confirmed.status_code == 200
    assert "Cannot delete organisation" in confirmed.text
    assert Organisation.objects.filter(pk=turin_with_work.pk).exists()
    assert Practice.objects.filter(organisation=turin_with_work).count() == 1
    assert ActionPlan.objects.filter(organisation=turin_with_work).count() == 1


def test_bulk_delete_action_refuses_too(client, coordinator, turin_with_work, bristol):
    client.force_login(coordinator)

    response = client.post(
        admin_url(Organisation, "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [turin_with_work.pk, bristol.pk],
            "post": "yes",
        },
    )

    assert "Cannot delete organisations" in response.text
    assert Organisation.objects.filter(pk__in=[turin_with_work.pk, bristol.pk]).count() == 2


def test_an_organisation_without_plans_or_practices_can_be_deleted(client, coordinator):
    organisation = OrganisationFactory(name="Unused partner")
    client.force_login(coordinator)

    response = client.post(admin_url(Organisation, "delete", organisation.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_no_code_path_deletes_an_organisation_with_practices(turin_with_work):
    with pytest.raises(ProtectedError):
        turin_with_work.delete()

    assert Organisation.objects.filter(pk=turin_with_work.pk).exists()
