"""Edits to practices and plans keep a history: who changed what, when, for coordinators."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from exchanges.models import ActionPlan
from tests.admin.cases import admin_url
from tests.factories import (
    ActionPlanFactory,
    PracticeFactory,
    TOTPAuthenticatorFactory,
    UserFactory,
)
from tests.ops.helpers import admin_form_data
from toolkit.models import Practice, PracticeStatus

pytestmark = pytest.mark.django_db


def test_a_coordinators_admin_edit_is_recorded_with_their_name(client, coordinator):
    practice = PracticeFactory(title="Buddy scheme")
    client.force_login(coordinator)
    form = admin_form_data(client.get(admin_url(Practice, "change", practice.pk)))
    form["title_en"] = "Buddy scheme for newcomers"

    response = client.post(admin_url(Practice, "change", practice.pk), form)

    assert response.status_code == 302, response.context and response.context["errors"]
    latest = practice.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == coordinator
    assert latest.title == "Buddy scheme for newcomers"
    assert latest.prev_record.title == "Buddy scheme"
    changed = {change.field for change in latest.diff_against(latest.prev_record).changes}
    assert "title" in changed


def test_coordinators_read_the_history_page(client, coordinator):
    practice = PracticeFactory(title="Buddy scheme")
    client.force_login(coordinator)
    form = admin_form_data(client.get(admin_url(Practice, "change", practice.pk)))
    form["title_en"] = "Buddy scheme for newcomers"
    client.post(admin_url(Practice, "change", practice.pk), form)

    response = client.get(admin_url(Practice, "history", practice.pk))

    assert response.status_code == 200
    html = response.text
    assert str(coordinator) in html
    assert "Buddy scheme" in html
    assert "Buddy scheme for newcomers" in html
    # Read-only: no revert button for anyone.
    assert "Revert" not in html


def test_an_editors_change_in_the_workspace_is_recorded_with_their_name(
    client, turin, turin_editor
):
    practice = PracticeFactory(organisation=turin, status=PracticeStatus.DRAFT, published_at=None)
    client.force_login(turin_editor)

    client.post(reverse("workspace:practice_submit", kwargs={"pk": practice.pk}))

    latest = practice.history.latest()
    assert latest.status == PracticeStatus.IN_REVIEW
    assert latest.history_user == turin_editor


def test_action_plan_edits_are_recorded_too(client, coordinator):
    plan = ActionPlanFactory(summary="First summary")
    client.force_login(coordinator)
    form = admin_form_data(client.get(admin_url(ActionPlan, "change", plan.pk)))
    form["summary"] = "Second summary"

    client.post(admin_url(ActionPlan, "change", plan.pk), form)
    response = client.get(admin_url(ActionPlan, "history", plan.pk))

    latest = plan.history.latest()
    assert (latest.summary, latest.history_user) == ("Second summary", coordinator)
    assert "Second summary" in response.text


def test_staff_without_the_history_permission_cannot_read_it(client):
    practice = PracticeFactory()
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_practice"))
    TOTPAuthenticatorFactory(user=staff)
    client.force_login(staff)

    assert client.get(admin_url(Practice, "change", practice.pk)).status_code == 200
    assert client.get(admin_url(Practice, "history", practice.pk)).status_code == 403


def test_coordinators_may_read_but_not_edit_history(coordinator):
    assert coordinator.has_perm("toolkit.view_historicalpractice")
    assert coordinator.has_perm("exchanges.view_historicalactionplan")
    assert not coordinator.has_perm("toolkit.change_historicalpractice")
    assert not coordinator.has_perm("toolkit.delete_historicalpractice")
