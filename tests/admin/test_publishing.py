import datetime as dt

import pytest
from django.contrib.auth.models import Permission

from exchanges.models import ActionPlan, PublicationStatus
from tests.admin.cases import admin_url
from tests.factories import (
    ActionPlanFactory,
    PracticeFactory,
    TOTPAuthenticatorFactory,
    UserFactory,
)
from toolkit.models import Practice, PracticeStatus
from toolkit.services import practice_publish

pytestmark = pytest.mark.django_db


def run_action(client, model, action: str, objects) -> list[str]:
    response = client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
        follow=True,
    )
    assert response.redirect_chain[-1][1] == 302
    return [str(message) for message in response.context["messages"]]


def offered_actions(response) -> set[str]:
    action_form = response.context["action_form"]
    return set(dict(action_form.fields["action"].choices)) if action_form else set()


def test_publish_action_publishes_draft_practices(client, coordinator):
    drafts = PracticeFactory.create_batch(2, status=PracticeStatus.DRAFT, published_at=None)
    client.force_login(coordinator)

    messages = run_action(client, Practice, "publish", drafts)

    for practice in drafts:
        practice.refresh_from_db()
        assert practice.status == PracticeStatus.PUBLISHED
        assert practice.published_at is not None
    assert messages == ["2 practices were published."]


def test_unpublish_action_returns_a_practice_to_draft(client, coordinator):
    practice = PracticeFactory(status=PracticeStatus.PUBLISHED)
    client.force_login(coordinator)

    messages = run_action(client, Practice, "unpublish", [practice])

    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT
    assert messages == ["1 practice was returned to draft."]


def test_republishing_keeps_the_first_publication_date(coordinator):
    first = dt.datetime(2020, 5, 1, 9, 0, tzinfo=dt.UTC)
    practice = PracticeFactory(status=PracticeStatus.DRAFT, published_at=first)

    practice_publish(practice=practice, by=coordinator)

    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.published_at == first


def test_publish_actions_for_action_plans(client, coordinator):
    plan = ActionPlanFactory(status=PublicationStatus.DRAFT, published_at=None)
    client.force_login(coordinator)

    published = run_action(client, ActionPlan, "publish", [plan])
    plan.refresh_from_db()
    assert (plan.status, plan.published_at is not None) == (PublicationStatus.PUBLISHED, True)

    unpublished = run_action(client, ActionPlan, "unpublish", [plan])
    plan.refresh_from_db()
    assert plan.status == PublicationStatus.DRAFT

    assert published == ["1 action plan was published."]
    assert unpublished == ["1 action plan was returned to draft."]


@pytest.fixture
def practice_editor_without_publish(db):
    """Staff who may edit practices but not publish them."""
    user = UserFactory(email="reviewer@example.org", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="toolkit", codename__in=["view_practice", "change_practice"]
        )
    )
    TOTPAuthenticatorFactory(user=user)  # staff reach the admin only with two-factor set up
    return user


def test_publish_actions_are_hidden_without_the_permission(
    client, coordinator, practice_editor_without_publish
):
    PracticeFactory()
    url = admin_url(Practice, "changelist")

    client.force_login(coordinator)
    coordinator_actions = offered_actions(client.get(url))
    client.force_login(practice_editor_without_publish)
    response = client.get(url)

    assert response.status_code == 200
    assert {"publish", "unpublish"} <= coordinator_actions
    assert not {"publish", "unpublish"} & offered_actions(response)
    assert "Publish selected practices" not in response.text


def test_publish_action_cannot_be_posted_without_the_permission(
    client, practice_editor_without_publish
):
    draft = PracticeFactory(status=PracticeStatus.DRAFT, published_at=None)
    client.force_login(practice_editor_without_publish)

    client.post(
        admin_url(Practice, "changelist"), {"action": "publish", "_selected_action": [draft.pk]}
    )

    draft.refresh_from_db()
    assert draft.status == PracticeStatus.DRAFT


def test_change_form_does_not_offer_the_status(client, coordinator):
    practice = PracticeFactory(status=PracticeStatus.DRAFT, published_at=None)
    client.force_login(coordinator)

    response = client.get(admin_url(Practice, "change", practice.pk))

    assert 'name="status"' not in response.text
    assert 'name="published_at' not in response.text
