"""Partner editors keep their own plan's actions up to date, and nobody else's."""

import pytest
from django.urls import reverse

from exchanges.models import ActionStatus, PlanAction
from tests.factories import (
    ActionPlanFactory,
    PlanActionFactory,
    PracticeFactory,
    StaffExchangeFactory,
    StudyVisitFactory,
)
from tests.html_checks import assert_valid_page
from toolkit.models import PracticeStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def turin_plan(turin):
    return ActionPlanFactory(organisation=turin, title="Turin plan")


@pytest.fixture
def action(turin_plan):
    return PlanActionFactory(plan=turin_plan, title="Recruit buddies")


def test_editor_sees_the_plan_actions_and_the_link_from_the_organisation_page(
    client, turin, turin_editor, turin_plan, action
):
    client.force_login(turin_editor)

    organisation = client.get(reverse("workspace:organisation", kwargs={"slug": "turin"}))
    page = client.get(reverse("workspace:plan_actions", kwargs={"pk": turin_plan.pk}))

    assert reverse("workspace:plan_actions", kwargs={"pk": turin_plan.pk}) in (
        organisation.content.decode()
    )
    html = page.content.decode()
    assert "Recruit buddies" in html
    assert reverse("workspace:plan_action_status", kwargs={"pk": action.pk}) in html
    assert "0 of 1 action done (0%)" in html
    assert_valid_page(page)


def test_editor_adds_an_action_with_what_inspired_it(client, turin_editor, turin_plan):
    visit = StudyVisitFactory(project=turin_plan.project, title="Visit to Bristol")
    exchange = StaffExchangeFactory(project=turin_plan.project)
    practice = PracticeFactory(title="Buddy scheme")
    client.force_login(turin_editor)

    response = client.post(
        reverse("workspace:plan_action_create", kwargs={"pk": turin_plan.pk}),
        {
            "title": "Start a buddy scheme",
            "description": "Pair newcomers with volunteers.",
            "owner": "Youth services",
            "deadline": "2020-06-30",
            "status": "started",
            "dropped_reason": "ignored unless dropped",
            "position": "1",
            "inspired_by_practices": [practice.pk],
            "inspired_by_visits": [visit.pk],
            "inspired_by_exchanges": [exchange.pk],
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:plan_actions", kwargs={"pk": turin_plan.pk})
    action = turin_plan.actions.get()
    assert action.title == "Start a buddy scheme"
    assert action.status == ActionStatus.STARTED
    assert action.dropped_reason == ""
    assert list(action.inspired_by_visits.all()) == [visit]
    assert list(action.inspired_by_practices.all()) == [practice]
    assert list(action.inspired_by_exchanges.all()) == [exchange]


def test_form_offers_only_published_practices_and_the_plan_project_activities(
    client, turin_editor, turin_plan
):
    own = StudyVisitFactory(project=turin_plan.project, title="Visit of the project")
    StudyVisitFactory(title="Visit of another project")
    PracticeFactory(title="Published practice")
    draft = PracticeFactory(title="Draft practice", status=PracticeStatus.DRAFT, published_at=None)
    client.force_login(turin_editor)
    url = reverse("workspace:plan_action_create", kwargs={"pk": turin_plan.pk})

    form = client.get(url).context["form"]

    assert list(form.fields["inspired_by_visits"].queryset) == [own]
    assert [p.title for p in form.fields["inspired_by_practices"].queryset] == [
        "Published practice"
    ]
    response = client.post(
        url,
        {
            "title": "Sneaky",
            "status": "planned",
            "position": "1",
            "inspired_by_practices": [draft.pk],
        },
    )
    assert response.status_code == 200
    assert "inspired_by_practices" in response.context["form"].errors
    assert not PlanAction.objects.exists()


def test_editor_edits_an_action(client, turin_editor, action):
    client.force_login(turin_editor)

    response = client.post(
        reverse("workspace:plan_action_update", kwargs={"pk": action.pk}),
        {"title": "Recruit forty buddies", "status": "planned", "position": "2"},
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Recruit forty buddies"
    assert action.position == 2


def test_dropping_an_action_needs_a_reason(client, turin_editor, action):
    client.force_login(turin_editor)
    url = reverse("workspace:plan_action_status", kwargs={"pk": action.pk})

    refused = client.post(url, {"status": "dropped", "dropped_reason": "  "})

    assert refused.status_code == 200
    assert "Say why the action was dropped." in refused.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED
    assert_valid_page(refused)

    client.post(url, {"status": "dropped", "dropped_reason": "No volunteers this year."})
    action.refresh_from_db()
    assert (action.status, action.dropped_reason) == ("dropped", "No volunteers this year.")

    client.post(url, {"status": "started", "dropped_reason": "No volunteers this year."})
    action.refresh_from_db()
    assert (action.status, action.dropped_reason) == ("started", "")


def test_status_change_shows_on_the_public_plan_page(client, turin_editor, turin_plan, action):
    client.force_login(turin_editor)

    client.post(
        reverse("workspace:plan_action_status", kwargs={"pk": action.pk}), {"status": "done"}
    )

    client.logout()
    html = client.get(turin_plan.get_absolute_url()).content.decode()
    assert "1 of 1 action done (100%)" in html


@pytest.mark.parametrize(
    ("url_name", "method"),
    [
        ("workspace:plan_actions", "get"),
        ("workspace:plan_action_create", "get"),
        ("workspace:plan_action_create", "post"),
    ],
)
def test_another_organisation_plan_is_not_found(
    client, bristol_editor, turin_plan, url_name, method
):
    client.force_login(bristol_editor)

    response = getattr(client, method)(
        reverse(url_name, kwargs={"pk": turin_plan.pk}), {"title": "Hijack", "status": "planned"}
    )

    assert response.status_code == 404
    assert not turin_plan.actions.exists()


@pytest.mark.parametrize(
    "url_name", ["workspace:plan_action_update", "workspace:plan_action_status"]
)
def test_another_organisation_action_is_not_found(client, bristol_editor, action, url_name):
    client.force_login(bristol_editor)
    url = reverse(url_name, kwargs={"pk": action.pk})

    assert client.get(url).status_code == 404
    response = client.post(url, {"title": "Hijack", "status": "dropped", "dropped_reason": "x"})

    assert response.status_code == 404
    action.refresh_from_db()
    assert (action.title, action.status) == ("Recruit buddies", "planned")


def test_a_member_who_is_not_an_editor_is_not_found(client, member, turin, action):
    from cities.models import MembershipRole
    from tests.factories import MembershipFactory

    MembershipFactory(user=member, organisation=turin, role=MembershipRole.MEMBER)
    client.force_login(member)

    response = client.get(reverse("workspace:plan_action_status", kwargs={"pk": action.pk}))

    assert response.status_code == 404


def test_visitors_are_sent_to_sign_in(client, turin_plan, action):
    for url in (
        reverse("workspace:plan_actions", kwargs={"pk": turin_plan.pk}),
        reverse("workspace:plan_action_create", kwargs={"pk": turin_plan.pk}),
        reverse("workspace:plan_action_status", kwargs={"pk": action.pk}),
    ):
        response = client.post(url, {"status": "done"})
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED
