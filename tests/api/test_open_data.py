"""Open data: JSON of what the public pages show, filtered and paginated like the pages."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Visibility
from exchanges.models import ActionStatus, PublicationStatus, TransferStage
from reporting.figures import Scope, report_figures
from tests.factories import (
    ActionPlanFactory,
    ActionPlanVersionFactory,
    ClusterFactory,
    ParticipationFactory,
    PlanActionFactory,
    PracticeFactory,
    ProjectFactory,
    ResourceFactory,
    StaffExchangeFactory,
    StudyVisitFactory,
    TransferFactory,
    VisitDocumentFactory,
    VisitParticipationFactory,
)
from toolkit.models import PracticeStatus

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]

ENDPOINTS = ["api:practices", "api:visits", "api:exchanges", "api:plans", "api:transfers"]


def get(client, name: str, **params) -> tuple[int, dict]:
    response = client.get(reverse(name), params)
    assert response["Content-Type"] == "application/json"
    return response.status_code, json.loads(response.content)


@pytest.fixture
def hidden_and_public(turin, bristol):
    """For every kind of record, one the public may see and one it may not."""
    project = ProjectFactory(slug="values")
    public_practice = PracticeFactory(title="Public practice", slug="public-practice")
    ResourceFactory(
        practice=public_practice, title="Public guide", url="https://example.org/g", file=""
    )
    ResourceFactory(
        practice=public_practice,
        title="Members guide",
        url="https://example.org/m",
        file="",
        visibility=Visibility.MEMBERS,
    )
    for status in (PracticeStatus.DRAFT, PracticeStatus.IN_REVIEW):
        hidden = PracticeFactory(title=f"Hidden {status}", status=status, published_at=None)
        TransferFactory(practice=hidden, organisation=turin)
    visit = StudyVisitFactory(project=project, title="Public visit", host=turin)
    VisitDocumentFactory(visit=visit, title="Public agenda")
    VisitDocumentFactory(visit=visit, title="Members notes", visibility=Visibility.MEMBERS)
    public_plan = ActionPlanFactory(organisation=turin, project=project, title="Public plan")
    ActionPlanVersionFactory(plan=public_plan, version_label="1.0")
    PlanActionFactory(
        plan=public_plan,
        title="Public action",
        inspired_by_visits=[visit],
        inspired_by_practices=[public_practice, hidden],
    )
    ActionPlanFactory(
        organisation=bristol, project=project, title="Members plan", visibility=Visibility.MEMBERS
    )
    ActionPlanFactory(
        organisation=bristol,
        project=project,
        title="Draft plan",
        status=PublicationStatus.DRAFT,
        published_at=None,
    )
    TransferFactory(practice=public_practice, organisation=bristol, study_visit=visit)
    return project


@pytest.mark.parametrize("signed_in", [False, True])
def test_json_never_shows_drafts_or_members_only_items(
    client, member, hidden_and_public, signed_in
):
    if signed_in:
        # Open data is the same for everyone: a member's session changes nothing.
        client.force_login(member)
    dumps = {name: get(client, name)[1] for name in ENDPOINTS}
    text = json.dumps(dumps)

    for secret in (
        "Hidden draft",
        "Hidden in_review",
        "Members guide",
        "Members notes",
        "Members plan",
        "Draft plan",
    ):
        assert secret not in text
    assert [p["title"] for p in dumps["api:practices"]["results"]] == ["Public practice"]
    assert [r["title"] for r in dumps["api:practices"]["results"][0]["resources"]] == [
        "Public guide"
    ]
    assert [d["title"] for d in dumps["api:visits"]["results"][0]["documents"]] == ["Public agenda"]
    plans = dumps["api:plans"]["results"]
    assert [p["title"] for p in plans] == ["Public plan"]
    action = plans[0]["actions"][0]
    assert action["title"] == "Public action"
    assert [p["slug"] for p in action["inspired_by"]["practices"]] == ["public-practice"]
    assert plans[0]["versions"][0]["url"].endswith("/download/")
    transfers = dumps["api:transfers"]["results"]
    assert [t["practice"]["slug"] for t in transfers] == ["public-practice"]
    assert transfers[0]["study_visit"]["name"] == "Public visit"


def test_lists_paginate_with_links_and_a_capped_page_size(client, db):
    project = ProjectFactory()
    for day in range(1, 26):
        StudyVisitFactory(
            project=project,
            title=f"Visit {day:02}",
            start_date=dt.date(2019, 1, day),
            end_date=dt.date(2019, 1, day),
        )

    status, first = get(client, "api:visits", page_size=10)
    assert status == 200
    assert (first["count"], first["num_pages"], first["page"]) == (25, 3, 1)
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/study-visits/?page_size=10&page=2"
    assert [v["title"] for v in first["results"]][:2] == ["Visit 25", "Visit 24"]

    _, last = get(client, "api:visits", page_size=10, page=3)
    assert len(last["results"]) == 5
    assert last["next"] is None
    assert last["previous"] == "http://testserver/api/study-visits/?page_size=10&page=2"

    _, capped = get(client, "api:visits", page_size=1000)
    assert capped["page_size"] == 100
    assert len(capped["results"]) == 25

    _, default = get(client, "api:visits")
    assert default["page_size"] == 20


@pytest.mark.parametrize(
    "params",
    [{"page": "0"}, {"page": "two"}, {"page_size": "-5"}, {"page_size": "1e9"}],
)
def test_bad_paging_is_a_400_with_the_reason(client, db, params):
    status, body = get(client, "api:visits", **params)

    assert status == 400
    assert set(body["errors"]) <= {"page", "page_size"}


def test_a_page_past_the_end_is_a_404(client, db):
    StudyVisitFactory()

    status, body = get(client, "api:visits", page=2)

    assert status == 404
    assert "page 2" in body["detail"]


def test_lists_take_the_pages_filters(client, turin, bristol):
    cluster = ClusterFactory(slug="young-migrants")
    StudyVisitFactory(title="In the cluster", cluster=cluster, host=turin)
    StudyVisitFactory(title="Elsewhere", host=bristol)
    StaffExchangeFactory(title="City to city", kind="city_city")
    StaffExchangeFactory(title="Mixed", kind="mixed")
    PracticeFactory(title="Mentoring in Turin", language="it")
    PracticeFactory(title="Mentoring in Bristol", language="en")

    assert [
        v["title"] for v in get(client, "api:visits", cluster="young-migrants")[1]["results"]
    ] == ["In the cluster"]
    assert [v["title"] for v in get(client, "api:visits", host="bristol")[1]["results"]] == [
        "Elsewhere"
    ]
    assert [e["title"] for e in get(client, "api:exchanges", kind="mixed")[1]["results"]] == [
        "Mixed"
    ]
    assert [p["title"] for p in get(client, "api:practices", language="it")[1]["results"]] == [
        "Mentoring in Turin"
    ]
    sorted_by_title = get(client, "api:practices", sort="title")[1]["results"]
    assert [p["title"] for p in sorted_by_title] == ["Mentoring in Bristol", "Mentoring in Turin"]


def test_plan_filters_offer_only_public_plans_organisations(client, turin, bristol):
    ActionPlanFactory(organisation=turin, title="Public plan")
    ActionPlanFactory(organisation=bristol, visibility=Visibility.MEMBERS)

    status, body = get(client, "api:plans", organisation="bristol")

    # Bristol has no public plan: the filter does not know it, as on the page.
    assert status == 400
    assert "organisation" in body["errors"]
    assert get(client, "api:plans", organisation="turin")[1]["count"] == 1


def test_transfers_filter_by_stage_practice_and_project(client, turin, bristol):
    project = ProjectFactory(slug="values")
    ParticipationFactory(project=project, organisation=turin)
    practice = PracticeFactory(slug="buddy-scheme")
    TransferFactory(practice=practice, organisation=turin, stage=TransferStage.ADOPTED)
    TransferFactory(organisation=bristol, stage=TransferStage.PILOTING)

    def orgs(**params) -> list[str]:
        return [
            t["organisation"]["slug"] for t in get(client, "api:transfers", **params)[1]["results"]
        ]

    assert orgs(stage="adopted") == ["turin"]
    assert orgs(practice="buddy-scheme") == ["turin"]
    assert orgs(project="values") == ["turin"]
    assert sorted(orgs()) == ["bristol", "turin"]


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("api:visits", {"cluster": "nope"}),
        ("api:visits", {"year": "1066"}),
        ("api:visits", {"status": "<script>"}),
        ("api:exchanges", {"kind": "x" * 5000}),
        ("api:practices", {"q": "x" * 500}),
        ("api:practices", {"country": "ZZ"}),
        ("api:transfers", {"stage": "famous"}),
        ("api:figures", {"project": "values", "start": "yesterday"}),
        ("api:figures", {"project": "values", "start": "2020-01-01", "end": "2019-01-01"}),
    ],
)
def test_bad_filters_are_a_400_never_an_error(client, db, name, params):
    ProjectFactory(slug="values")

    status, body = get(client, name, **params)

    assert status == 400
    assert body["errors"]


def test_json_is_open_to_other_sites_and_read_only(client, db):
    response = client.get(reverse("api:practices"))
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.post(reverse("api:practices")).status_code == 405


def test_index_lists_every_endpoint(client, db):
    _, body = get(client, "api:index")

    assert set(body["endpoints"]) == {
        "practices",
        "study_visits",
        "staff_exchanges",
        "action_plans",
        "transfers",
        "figures",
    }


def test_figures_are_the_report_figures_with_their_definitions(client, turin):
    project = ProjectFactory(slug="values", acronym="VALUES")
    ParticipationFactory(project=project, organisation=turin)
    visit = StudyVisitFactory(project=project, start_date=dt.date(2019, 3, 1))
    VisitParticipationFactory(visit=visit, organisation=turin)
    StudyVisitFactory(project=project, start_date=dt.date(2021, 3, 1), end_date=dt.date(2021, 3, 2))
    plan = ActionPlanFactory(project=project, organisation=turin)
    PlanActionFactory(plan=plan, status=ActionStatus.DONE)

    status, body = get(client, "api:figures", project="values", end="2019-12-31")

    assert status == 200
    assert body["project"]["acronym"] == "VALUES"
    assert body["project"]["end"] == "2019-12-31"
    figures = {f["key"]: f for f in body["figures"]}
    report = report_figures(Scope(project=project, end=dt.date(2019, 12, 31)), public=True).figures
    assert {key: f["value"] for key, f in figures.items() if key != "eu_contribution"} == {
        key: figure.value for key, figure in report.items() if key != "eu_contribution"
    }
    assert figures["study_visits"]["value"] == 1
    assert figures["study_visits"]["target"] == 16
    assert figures["study_visits"]["period_basis"] == "by start date"
    assert figures["eu_contribution"]["unit"] == "EUR"
    assert figures["eu_contribution"]["value"] == "1000.00"
    assert all(f["definition"] for f in body["figures"])

    _, network = get(client, "api:figures")
    assert network["project"] is None
    assert {f["key"] for f in network["figures"]} >= {"partners", "study_visits", "practices"}
    assert get(client, "api:figures", project="nope")[0] == 404


def _grow(count: int) -> None:
    project = ProjectFactory(slug="values")
    for _ in range(count):
        practice = PracticeFactory(clusters=[ClusterFactory(project=project)])
        ResourceFactory(practice=practice, url="https://example.org/", file="")
        visit = StudyVisitFactory(project=project)
        VisitDocumentFactory(visit=visit)
        VisitParticipationFactory(visit=visit)
        StaffExchangeFactory(project=project)
        plan = ActionPlanFactory(project=project)
        ActionPlanVersionFactory(plan=plan)
        PlanActionFactory(plan=plan, inspired_by_visits=[visit], inspired_by_practices=[practice])
        TransferFactory(practice=practice, study_visit=visit)


@pytest.mark.parametrize("name", [*ENDPOINTS, "api:figures"])
def test_query_count_does_not_grow_with_the_data(client, db, name):
    def queries(count: int) -> int:
        _grow(count)
        with CaptureQueriesContext(connection) as captured:
            status, _ = get(client, name, project="values")
        assert status == 200
        return len(captured)

    assert queries(1) == queries(9)
