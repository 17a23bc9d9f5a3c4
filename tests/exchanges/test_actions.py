"""Actions of action plans on the public pages, the admin's inline, and the lists' CSV files."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from import_export.forms import SelectableFieldsExportForm

from core.models import Visibility
from exchanges.admin import PlanActionResource
from exchanges.models import ActionStatus, PublicationStatus, TransferStage
from tests.factories import (
    ActionPlanFactory,
    ClusterFactory,
    PlanActionFactory,
    PracticeFactory,
    ProjectFactory,
    StaffExchangeFactory,
    StudyVisitFactory,
    TransferFactory,
)
from tests.html_checks import assert_valid_page
from toolkit.models import PracticeStatus

pytestmark = pytest.mark.django_db


def rows(response) -> list[list[str]]:
    text = b"".join(response).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def plan(turin):
    return ActionPlanFactory(organisation=turin, title="Turin plan", slug="turin-plan")


def test_plan_page_shows_its_actions_with_progress_and_what_inspired_them(client, plan, bristol):
    visit = StudyVisitFactory(project=plan.project, title="Visit to Bristol", host=bristol)
    exchange = StaffExchangeFactory(project=plan.project, title="Exchange with Bristol")
    practice = PracticeFactory(title="Buddy scheme")
    draft = PracticeFactory(
        title="Unpublished idea", status=PracticeStatus.DRAFT, published_at=None
    )
    PlanActionFactory(
        plan=plan,
        title="Recruit buddies",
        status=ActionStatus.DONE,
        position=1,
        inspired_by_visits=[visit],
        inspired_by_practices=[practice, draft],
    )
    started = PlanActionFactory(plan=plan, title="Train volunteers", status=ActionStatus.STARTED)
    started.inspired_by_exchanges.set([exchange])
    PlanActionFactory(plan=plan, title="Open a desk", status=ActionStatus.PLANNED)
    PlanActionFactory(
        plan=plan,
        title="Print leaflets",
        status=ActionStatus.DROPPED,
        dropped_reason="Nobody reads leaflets any more.",
    )

    response = client.get(plan.get_absolute_url())

    html = response.content.decode()
    assert "1 of 3 actions done (33%)" in html
    assert '<progress class="plan-progress__bar" max="3" value="1"' in html
    for title in ("Recruit buddies", "Train volunteers", "Open a desk", "Print leaflets"):
        assert title in html
    assert "Nobody reads leaflets any more." in html
    assert f'href="{visit.get_absolute_url()}"' in html
    assert f'href="{exchange.get_absolute_url()}"' in html
    assert f'href="{practice.get_absolute_url()}"' in html
    assert "Unpublished idea" not in html
    assert 'class="status status--dropped"' in html
    progress = response.context["progress"]
    assert (progress.planned, progress.started, progress.done, progress.dropped) == (1, 1, 1, 1)
    assert_valid_page(response)


def test_plan_page_without_actions_says_so(client, plan):
    html = client.get(plan.get_absolute_url()).content.decode()

    assert "have not been recorded on the portal yet" in html
    assert "<progress" not in html


@pytest.mark.parametrize("count", [1, 10])
def test_plan_page_query_count_does_not_grow_with_actions(
    client, plan, django_assert_max_num_queries, count
):
    visit = StudyVisitFactory(project=plan.project)
    practice = PracticeFactory()
    for _ in range(count):
        PlanActionFactory(plan=plan, inspired_by_visits=[visit], inspired_by_practices=[practice])
        TransferFactory(organisation=plan.organisation, study_visit=visit)

    with django_assert_max_num_queries(13):
        response = client.get(plan.get_absolute_url())

    assert len(response.context["plan"].actions.all()) == count


def test_visit_page_shows_the_actions_it_inspired_and_the_practices_that_travelled(
    client, member, plan, bristol, turin
):
    visit = StudyVisitFactory(project=plan.project, host=bristol, title="Visit to Bristol")
    PlanActionFactory(plan=plan, title="Recruit buddies", inspired_by_visits=[visit])
    secret = ActionPlanFactory(organisation=turin, visibility=Visibility.MEMBERS)
    PlanActionFactory(plan=secret, title="Members-only action", inspired_by_visits=[visit])
    draft = ActionPlanFactory(organisation=turin, status=PublicationStatus.DRAFT, published_at=None)
    PlanActionFactory(plan=draft, title="Draft action", inspired_by_visits=[visit])
    TransferFactory(
        practice=PracticeFactory(title="Buddy scheme"),
        organisation=turin,
        study_visit=visit,
        stage=TransferStage.PILOTING,
    )
    TransferFactory(
        practice=PracticeFactory(
            title="Hidden draft", status=PracticeStatus.DRAFT, published_at=None
        ),
        organisation=turin,
        study_visit=visit,
    )

    response = client.get(visit.get_absolute_url())

    html = response.content.decode()
    assert "Actions it inspired" in html
    assert "Recruit buddies" in html
    assert f"{plan.get_absolute_url()}#action-" in html
    assert "Members-only action" not in html
    assert "Draft action" not in html
    assert "Practices that travelled through this visit" in html
    assert "Buddy scheme" in html
    assert "Piloting" in html
    assert "Hidden draft" not in html
    assert_valid_page(response)

    client.force_login(member)
    html = client.get(visit.get_absolute_url()).content.decode()
    assert "Members-only action" in html
    assert "Draft action" not in html


def test_exchange_page_shows_the_actions_it_inspired_and_the_practices_that_travelled(
    client, plan, bristol, turin
):
    exchange = StaffExchangeFactory(project=plan.project, sending=turin, hosting=bristol)
    PlanActionFactory(plan=plan, title="Open a volunteer desk", inspired_by_exchanges=[exchange])
    secret = ActionPlanFactory(organisation=turin, visibility=Visibility.MEMBERS)
    PlanActionFactory(plan=secret, title="Members-only action", inspired_by_exchanges=[exchange])
    TransferFactory(
        practice=PracticeFactory(title="Volunteer desk"),
        organisation=turin,
        staff_exchange=exchange,
        stage=TransferStage.ADOPTED,
    )
    TransferFactory(
        practice=PracticeFactory(
            title="Hidden draft", status=PracticeStatus.DRAFT, published_at=None
        ),
        organisation=turin,
        staff_exchange=exchange,
    )

    response = client.get(exchange.get_absolute_url())

    html = response.content.decode()
    assert "Actions it inspired" in html
    assert "Open a volunteer desk" in html
    assert "Members-only action" not in html
    assert "Practices that travelled through this exchange" in html
    assert "Volunteer desk" in html
    assert "Adopted" in html
    assert "Hidden draft" not in html
    assert_valid_page(response)


def test_admin_edits_actions_inline_with_autocomplete(admin_client, plan):
    PlanActionFactory(plan=plan, title="Recruit buddies")

    response = admin_client.get(reverse("admin:exchanges_actionplan_change", args=[plan.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Recruit buddies" in html
    for name in ("inspired_by_practices", "inspired_by_visits", "inspired_by_exchanges"):
        assert f'name="actions-0-{name}"' in html
    assert html.count("admin-autocomplete") >= 3


def test_admin_refuses_a_dropped_action_without_reason(admin_client, plan):
    url = reverse("admin:exchanges_actionplan_change", args=[plan.pk])
    data = {
        "title": plan.title,
        "slug": plan.slug,
        "organisation": plan.organisation_id,
        "project": plan.project_id,
        "summary": plan.summary,
        "language": "en",
        "visibility": "public",
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-0-title": "Print leaflets",
        "actions-0-position": "0",
        "actions-0-status": "dropped",
        "actions-0-dropped_reason": "",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert plan.actions.count() == 0
    data["actions-0-dropped_reason"] = "Nobody reads leaflets."
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert plan.actions.get().dropped_reason == "Nobody reads leaflets."


# CSV downloads of the lists -----------------------------------------------------------


def test_visit_csv_follows_the_list_filters(client, bristol):
    cluster = ClusterFactory(slug="young-migrants")
    StudyVisitFactory(title="In the cluster", cluster=cluster, host=bristol)
    StudyVisitFactory(title="Elsewhere")

    response = client.get(reverse("exchanges:visit_csv"), {"cluster": "young-migrants"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    table = rows(response)
    assert table[0][0] == "Title"
    assert [row[0] for row in table[1:]] == ["In the cluster"]
    assert table[1][4] == "City of Bristol"


def test_visit_list_links_to_its_csv_with_the_same_filters(client):
    html = client.get(reverse("exchanges:visit_list"), {"status": "completed"}).content.decode()

    assert f'href="{reverse("exchanges:visit_csv")}?status=completed"' in html


def test_csv_with_a_refused_filter_has_the_header_only(client):
    StudyVisitFactory()

    table = rows(client.get(reverse("exchanges:visit_csv"), {"cluster": "no-such-cluster"}))

    assert len(table) == 1


def test_exchange_csv_lists_the_exchanges(client, turin, bristol):
    StaffExchangeFactory(title="=HYPERLINK(evil)", sending=turin, hosting=bristol)

    table = rows(client.get(reverse("exchanges:exchange_csv")))

    assert table[1][0] == "'=HYPERLINK(evil)"
    assert table[1][2:4] == ["City of Turin", "City of Bristol"]


def test_plan_csv_leaves_out_drafts_and_members_only_plans_for_visitors(client, member, turin):
    public = ActionPlanFactory(organisation=turin, title="Public plan")
    PlanActionFactory(plan=public, status=ActionStatus.DONE)
    PlanActionFactory(plan=public, status=ActionStatus.PLANNED)
    ActionPlanFactory(organisation=turin, title="Members plan", visibility=Visibility.MEMBERS)
    ActionPlanFactory(
        organisation=turin, title="Draft plan", status=PublicationStatus.DRAFT, published_at=None
    )

    table = rows(client.get(reverse("exchanges:plan_csv")))

    assert [row[0] for row in table[1:]] == ["Public plan"]
    assert table[1][7:9] == ["2", "1"]
    client.force_login(member)
    titles = [row[0] for row in rows(client.get(reverse("exchanges:plan_csv")))[1:]]
    assert titles == ["Members plan", "Public plan"]


def test_partner_csv_follows_the_directory_filters(client, turin, bristol):
    table = rows(client.get(reverse("network:partner_csv"), {"country": "GB"}))

    assert [row[0] for row in table[1:]] == ["City of Bristol"]
    assert table[1][-1].endswith(bristol.get_absolute_url())
    html = client.get(reverse("network:partner_list"), {"country": "GB"}).content.decode()
    assert f'href="{reverse("network:partner_csv")}?country=GB"' in html


@pytest.mark.parametrize(
    "url_name",
    ["exchanges:visit_csv", "exchanges:exchange_csv", "exchanges:plan_csv", "network:partner_csv"],
)
def test_list_csv_query_count_does_not_grow(client, url_name):
    project = ProjectFactory(slug="values")

    def grow(count: int) -> int:
        for _ in range(count):
            StudyVisitFactory(project=project)
            StaffExchangeFactory(project=project)
            PlanActionFactory(plan=ActionPlanFactory(project=project))
        with CaptureQueriesContext(connection) as queries:
            table = rows(client.get(reverse(url_name)))
        assert len(table) > count
        return len(queries)

    assert grow(1) == grow(9)


def test_coordinators_follow_every_action_in_the_admin(client, coordinator, plan):
    action = PlanActionFactory(plan=plan, title="Open a volunteering desk")
    client.force_login(coordinator)

    changelist = client.get(reverse("admin:exchanges_planaction_changelist"), {"status": "planned"})
    change = client.get(reverse("admin:exchanges_planaction_change", args=[action.pk]))
    data = {"format": "0", "resource": "0"}
    for field in PlanActionResource().get_export_order():
        data[SelectableFieldsExportForm.create_boolean_field_name(PlanActionResource, field)] = "on"
    export = client.post(reverse("admin:exchanges_planaction_export"), data)

    assert "Open a volunteering desk" in changelist.text
    assert changelist.context["cl"].result_count == 1
    assert "Open a volunteering desk" in change.text
    assert export["Content-Type"].startswith("text/csv")
    row = next(csv.DictReader(io.StringIO(export.content.decode())))
    assert (row["title"], row["plan"], row["status"]) == (
        "Open a volunteering desk",
        "Turin plan",
        "planned",
    )
