"""The funder's report: who may read it, what it counts, and its CSV and PDF downloads."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Visibility
from exchanges.models import ActionStatus, ActivityStatus, PublicationStatus, TransferStage
from reporting.figures import DEFINITIONS, Scope, figures_by_key, key_figures, report_figures
from tests.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    ClusterFactory,
    OrganisationFactory,
    ParticipationFactory,
    PlanActionFactory,
    PracticeFactory,
    ProjectFactory,
    StaffExchangeFactory,
    StudyVisitFactory,
    TOTPAuthenticatorFactory,
    TransferFactory,
    UserFactory,
    VisitParticipationFactory,
    WorkingGroupFactory,
)
from tests.html_checks import assert_valid_page
from toolkit.models import AssessmentKind, PracticeStatus

pytestmark = [pytest.mark.django_db]


def report_url(name: str = "report", slug: str = "values") -> str:
    return reverse(f"reporting:{name}", kwargs={"slug": slug})


@pytest.fixture
def values(turin, bristol):
    """One project: two partners in one cluster, a visit each, plans, practices, transfers."""
    project = ProjectFactory(acronym="VALUES", slug="values", name="Volunteering for inclusion")
    ParticipationFactory(project=project, organisation=turin, eu_contribution=Decimal("24229.08"))
    ParticipationFactory(project=project, organisation=bristol, eu_contribution=None)
    cluster = ClusterFactory(project=project, slug="young-migrants", short_name="Young migrants")
    WorkingGroupFactory(cluster=cluster, members=[turin])
    visit = StudyVisitFactory(
        project=project,
        host=turin,
        cluster=cluster,
        title="Visit to Turin",
        start_date=dt.date(2019, 3, 12),
        end_date=dt.date(2019, 3, 14),
    )
    VisitParticipationFactory(visit=visit, organisation=bristol, city_staff=3, migrants=2)
    StudyVisitFactory(
        project=project,
        host=bristol,
        title="Visit to Bristol",
        start_date=dt.date(2020, 5, 4),
        end_date=dt.date(2020, 5, 6),
    )
    StudyVisitFactory(project=project, host=bristol, status=ActivityStatus.PLANNED)
    StaffExchangeFactory(project=project, sending=turin, hosting=bristol, staff_count=3)
    practice = PracticeFactory(title="Homework clubs", organisation=turin, clusters=[cluster])
    PracticeFactory(title="Secret draft", organisation=bristol, status=PracticeStatus.DRAFT)
    AssessmentFactory(practice=practice, project=project, kind=AssessmentKind.PEER)
    plan = ActionPlanFactory(organisation=turin, project=project, title="Turin plan")
    PlanActionFactory(plan=plan, status=ActionStatus.DONE)
    ActionPlanFactory(
        organisation=bristol,
        project=project,
        title="Bristol members plan",
        visibility=Visibility.MEMBERS,
    )
    ActionPlanFactory(
        organisation=bristol,
        project=project,
        title="Bristol draft",
        status=PublicationStatus.DRAFT,
        published_at=None,
    )
    TransferFactory(practice=practice, organisation=bristol, stage=TransferStage.ADOPTED)
    return project


# Who may read it ----------------------------------------------------------------------


def test_visitors_are_sent_to_sign_in(client, values):
    for name in ("report", "csv", "pdf"):
        response = client.get(report_url(name))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_people_who_are_not_coordinators_are_refused(client, values, member, turin_editor):
    staff_outside_the_group = UserFactory(email="staff@example.org", is_staff=True)
    TOTPAuthenticatorFactory(user=staff_outside_the_group)  # past the two-factor step
    for user in (member, turin_editor, staff_outside_the_group):
        client.force_login(user)
        for name in ("report", "csv", "pdf"):
            assert client.get(report_url(name)).status_code == 403
        assert client.get(reverse("reporting:index")).status_code == 403


def test_coordinators_and_superusers_read_the_report(client, values, coordinator, admin_user):
    for user in (coordinator, admin_user):
        client.force_login(user)
        response = client.get(report_url())
        assert response.status_code == 200
        assert "Report to the funder: VALUES" in response.content.decode()
    index = client.get(reverse("reporting:index")).content.decode()
    assert report_url() in index


def test_a_coordinator_without_two_factor_sets_it_up_first(client, values, db):
    user = UserFactory(email="new@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(user)

    response = client.get(report_url())

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


# What it shows ------------------------------------------------------------------------


def test_report_shows_targets_beside_figures_with_their_definitions(client, values, coordinator):
    client.force_login(coordinator)

    response = client.get(report_url())

    html = response.content.decode()
    figures = response.context["report"].figures
    assert figures["study_visits"].value == 2
    assert figures["study_visits"].target == 16
    assert figures["staff_exchanges"].value == 1
    assert figures["exchange_staff"].value == 3
    assert figures["participants_city_staff"].value == 3
    assert figures["participants_migrants"].value == 2
    assert figures["participants"].value == 3 + 1 + 1 + 2
    assert figures["practices_identified"].value == 2
    assert figures["practices_assessed"].value == 1
    assert figures["practices"].value == 1
    assert figures["action_plans"].value == 2
    assert figures["actions_done"].value == 1
    assert figures["transfers_adopted"].value == 1
    assert figures["eu_contribution"].value == Decimal("24229.08")
    for figure in figures.values():
        assert str(figure.definition) in html.replace("&#x27;", "'")
    assert "€24,229.08" in html
    assert "12% reached" in html  # 2 of 16 study visits
    assert "Bristol members plan" in html  # coordinators see every published plan
    assert "Bristol draft" not in html
    assert_valid_page(response)


def test_the_home_page_and_the_report_share_one_definition_per_figure(client, values, coordinator):
    client.force_login(coordinator)
    report = client.get(report_url()).context["report"].figures
    home = client.get(reverse("home"))

    for figure in home.context["figures"]:
        assert figure.definition == DEFINITIONS[figure.key].text
        assert report[figure.key].definition == figure.definition
        assert report[figure.key].label == figure.label
        assert str(figure.definition) in home.content.decode().replace("&#x27;", "'")


def test_key_figures_of_a_project_match_its_report(values):
    key = figures_by_key(key_figures(project=values))
    report = report_figures(Scope(project=values)).figures

    for name, figure in key.items():
        assert report[name].value == figure.value, name
        assert report[name].target == figure.target, name


def test_a_period_counts_only_what_falls_within_it(client, values, coordinator):
    client.force_login(coordinator)

    response = client.get(report_url(), {"start": "2019-01-01", "end": "2019-12-31"})

    figures = response.context["report"].figures
    assert figures["study_visits"].value == 1  # the 2020 visit is left out
    assert figures["participants"].value == 7
    html = response.content.decode()
    assert "From 1 January 2019 to 31 December 2019" in html
    assert "In the period: by start date." in html
    assert "Not split by period." in html


def test_a_cluster_counts_only_its_activities_partners_and_practices(client, values, coordinator):
    client.force_login(coordinator)

    response = client.get(report_url(), {"cluster": "young-migrants"})

    figures = response.context["report"].figures
    assert figures["study_visits"].value == 1
    assert figures["partners"].value == 1  # Turin, the working group's only member
    assert figures["practices_identified"].value == 1
    assert figures["action_plans"].value == 1  # Turin's
    assert figures["eu_contribution"].value == Decimal("24229.08")
    assert [row.organisation.slug for row in response.context["report"].contributions] == ["turin"]


BAD_INPUT = [
    {"start": "not a date"},
    {"end": "2019-02-30"},
    {"start": "2020-01-01", "end": "2019-01-01"},
    {"start": "99999-01-01"},
    {"cluster": "no-such-cluster"},
    {"cluster": ["young-migrants", "other"], "start": ["2019-01-01", "x"]},
    {"start": "\x00"},
]


@pytest.mark.parametrize("query", BAD_INPUT)
def test_bad_filter_input_is_explained_never_an_error(client, values, coordinator, query):
    client.force_login(coordinator)

    page = client.get(report_url(), query)
    summary = client.get(report_url("summary"), query)

    for response in (page, summary):
        assert response.status_code == 200
        assert response.context["report"] is None
        assert "Some filters could not be used" in response.content.decode()
    for name in ("csv", "pdf"):
        assert client.get(report_url(name), query).status_code == 400


def test_an_unknown_project_is_not_found(client, coordinator):
    client.force_login(coordinator)

    assert client.get(report_url(slug="nope")).status_code == 404
    assert client.get(report_url("summary", slug="nope")).status_code == 404


def test_a_cluster_of_another_project_is_refused(client, values, coordinator):
    ClusterFactory(slug="elsewhere")
    client.force_login(coordinator)

    response = client.get(report_url(), {"cluster": "elsewhere"})

    assert response.context["form"].errors["cluster"]


# The loop: visit → action → transfer -------------------------------------------------------


def test_the_loop_shows_everywhere_and_moves_the_counts_by_exactly_one(
    client, values, coordinator, turin, bristol
):
    """A visit inspires an action of Turin's plan; the practice it showed travels to Turin."""
    visit = StudyVisitFactory(project=values, host=bristol, title="Visit to Bristol's buddy scheme")
    practice = PracticeFactory(title="Bristol buddy scheme", organisation=bristol)
    plan = values.action_plans.get(title="Turin plan")
    client.force_login(coordinator)
    before = client.get(report_url()).context["report"].figures

    PlanActionFactory(
        plan=plan,
        title="Start a buddy scheme in Turin",
        status=ActionStatus.STARTED,
        inspired_by_visits=[visit],
    )
    TransferFactory(
        practice=practice, organisation=turin, study_visit=visit, stage=TransferStage.PILOTING
    )

    after = client.get(report_url()).context["report"].figures
    moved = {key: after[key].value - before[key].value for key in after}
    assert {key: n for key, n in moved.items() if n} == {
        "actions_started": 1,
        "actions": 1,
        "transfers_piloting": 1,
        "transfers": 1,
    }

    client.logout()
    visit_page = client.get(visit.get_absolute_url()).content.decode()
    assert "Start a buddy scheme in Turin" in visit_page
    assert practice.get_absolute_url() in visit_page
    assert turin.get_absolute_url() in visit_page
    plan_page = client.get(plan.get_absolute_url()).content.decode()
    assert "Start a buddy scheme in Turin" in plan_page
    assert visit.get_absolute_url() in plan_page
    assert practice.get_absolute_url() in plan_page
    practice_page = client.get(practice.get_absolute_url()).content.decode()
    assert turin.get_absolute_url() in practice_page
    partner_page = client.get(turin.get_absolute_url()).content.decode()
    assert practice.get_absolute_url() in partner_page


# The demo data, counted independently ------------------------------------------------------


def test_report_figures_on_the_demo_data_match_plain_counts(client, coordinator):
    from django.core.management import call_command

    from cities.models import Cluster, Participation, Project
    from exchanges.models import ActionPlan, PlanAction, StaffExchange, StudyVisit, Transfer
    from toolkit.models import Assessment, Practice

    call_command("load_values_demo", stdout=io.StringIO())
    project = Project.objects.get(slug="values")
    client.force_login(coordinator)

    figures = client.get(report_url()).context["report"].figures

    partners = {p.organisation for p in Participation.objects.filter(project=project)}
    visits = [v for v in StudyVisit.objects.all() if v.project_id == project.pk]
    completed = [v for v in visits if v.status == "completed"]
    exchanges = [e for e in StaffExchange.objects.all() if e.project_id == project.pk]
    done_exchanges = [e for e in exchanges if e.status == "completed"]
    practices = [
        p
        for p in Practice.objects.all()
        if p.organisation in partners or any(c.project_id == project.pk for c in p.clusters.all())
    ]
    assessed = {a.practice_id for a in Assessment.objects.filter(project=project)}
    plans = [p for p in ActionPlan.objects.filter(project=project) if p.status == "published"]
    actions = [a for a in PlanAction.objects.all() if a.plan in plans]
    transfers = [
        t
        for t in Transfer.objects.all()
        if t.organisation in partners
        or (t.study_visit and t.study_visit.project_id == project.pk)
        or (t.staff_exchange and t.staff_exchange.project_id == project.pk)
    ]
    roles = ("city_staff", "volunteering_staff", "volunteers", "migrants")
    people = {
        role: sum(getattr(row, role) for v in completed for row in v.participations.all())
        for role in roles
    }
    expected = {
        "partners": len(partners),
        "cities": len({o.city for o in partners if o.kind in ("city", "agency")}),
        "countries": len({o.country.code for o in partners}),
        "clusters": Cluster.objects.filter(project=project).count(),
        "study_visits": len(completed),
        "staff_exchanges": len(done_exchanges),
        "exchange_staff": sum(e.staff_count for e in done_exchanges),
        **{f"participants_{role}": people[role] for role in roles},
        "participants": sum(people.values()),
        "practices_identified": len(practices),
        "practices_assessed": len([p for p in practices if p.pk in assessed]),
        "practices": len([p for p in practices if p.status == "published"]),
        "action_plans": len(plans),
        **{f"actions_{s}": len([a for a in actions if a.status == s]) for s in ActionStatus},
        "actions": len(actions),
        **{f"transfers_{s}": len([t for t in transfers if t.stage == s]) for s in TransferStage},
        "transfers": len(transfers),
        "eu_contribution": sum(
            (p.eu_contribution for p in Participation.objects.filter(project=project)
             if p.eu_contribution is not None),
            Decimal(0),
        ),
    }  # fmt: skip
    assert {key: figures[key].value for key in expected} == expected
    assert figures["study_visits"].target == project.target_study_visits
    assert figures["staff_exchanges"].target == project.target_staff_exchanges
    assert expected["study_visits"] > 0
    assert expected["partners"] > 0


# Downloads ---------------------------------------------------------------------------------


def test_csv_has_every_figure_with_its_definition_and_the_scope(client, values, coordinator):
    client.force_login(coordinator)

    response = client.get(report_url("csv"), {"start": "2019-01-01", "cluster": "young-migrants"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'filename="values-report-from-2019-01-01-young-migrants.csv"'
        in response["Content-Disposition"]
    )
    table = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    header, body = table[0], table[1:]
    assert header[:6] == ["Section", "Figure", "Value", "Target", "Detail", "Definition"]
    by_label = {row[1]: row for row in body}
    visits = by_label["Study visits completed"]
    assert visits[2:4] == ["1", "16"]
    assert visits[5] == str(DEFINITIONS["study_visits"].text)
    assert visits[8:12] == ["VALUES", "2019-01-01", "", "Young migrants"]
    assert by_label["City of Turin (Partner)"][2] == "24229.08"
    assert len(body) == len(report_figures(Scope(project=values)).figures) + 1


def test_pdf_is_a_valid_document_holding_the_figures(client, values, coordinator):
    import pypdf

    client.force_login(coordinator)

    response = client.get(report_url("pdf"))

    assert response["Content-Type"] == "application/pdf"
    assert 'filename="values-report.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Report to the funder: VALUES" in text
    assert "Study visits completed 2 1 planned 16 12% reached" in text
    assert "Action plans published 2" in text
    assert "€24,229.08" in text
    assert "Turin plan" in text
    assert "Co-funded by the European Union" in text


# Public summary ----------------------------------------------------------------------------


def test_public_summary_shows_the_figures_without_partner_or_plan_detail(client, values):
    response = client.get(report_url("summary"))

    assert response.status_code == 200
    html = response.content.decode()
    figures = response.context["report"].figures
    assert figures["study_visits"].value == 2
    assert "VALUES in figures" in html
    assert str(DEFINITIONS["practices_assessed"].text) in html.replace("&#x27;", "'")
    assert "Bristol members plan" not in html
    assert "EU contribution by partner" not in html
    assert reverse("api:figures") + "?project=values" in html
    assert report_url("csv") not in html
    assert_valid_page(response)


def test_public_summary_is_shared_and_follows_a_newly_published_practice_at_once(
    client, values, turin, django_assert_num_queries
):
    client.get(report_url("summary"))
    with django_assert_num_queries(0):  # the next visitor gets the stored page
        client.get(report_url("summary"))

    practice = PracticeFactory(organisation=turin, status=PracticeStatus.DRAFT, published_at=None)
    practice.status = PracticeStatus.PUBLISHED
    practice.published_at = practice.created_at
    practice.save()

    response = client.get(report_url("summary"))
    assert response.context["report"].figures["practices"].value == 2


# Query counts ------------------------------------------------------------------------------


def _grow(project, count: int) -> None:
    for _ in range(count):
        partner = OrganisationFactory()
        ParticipationFactory(project=project, organisation=partner)
        cluster = ClusterFactory(project=project)
        WorkingGroupFactory(cluster=cluster, members=[partner])
        visit = StudyVisitFactory(project=project, host=partner, cluster=cluster)
        VisitParticipationFactory(visit=visit, organisation=partner)
        StaffExchangeFactory(project=project, sending=partner, cluster=cluster)
        practice = PracticeFactory(organisation=partner, clusters=[cluster])
        AssessmentFactory(practice=practice, project=project)
        plan = ActionPlanFactory(project=project, organisation=partner)
        PlanActionFactory(plan=plan, inspired_by_visits=[visit])
        TransferFactory(practice=practice, organisation=partner, study_visit=visit)


@pytest.mark.parametrize("name", ["report", "summary", "csv"])
def test_report_query_count_does_not_grow(client, coordinator, name):
    project = ProjectFactory(slug="values")
    client.force_login(coordinator)

    def queries(count: int) -> int:
        _grow(project, count)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(report_url(name), {"start": "2000-01-01"})
        assert response.status_code == 200
        return len(captured)

    assert queries(1) == queries(9)


def test_public_figures_count_only_what_the_public_may_see(turin):
    project = ProjectFactory(acronym="OPEN", slug="open")
    ParticipationFactory(project=project, organisation=turin)
    published = PracticeFactory(organisation=turin, status=PracticeStatus.PUBLISHED)
    draft = PracticeFactory(organisation=turin, status=PracticeStatus.DRAFT)
    AssessmentFactory(practice=draft, project=project)
    open_plan = ActionPlanFactory(
        organisation=turin, project=project, status=PublicationStatus.PUBLISHED
    )
    ActionPlanFactory(
        organisation=turin,
        project=project,
        status=PublicationStatus.PUBLISHED,
        visibility=Visibility.MEMBERS,
    )
    PlanActionFactory(plan=open_plan)
    TransferFactory(practice=published, organisation=turin)
    TransferFactory(practice=draft, organisation=turin)

    private = report_figures(Scope(project=project)).figures
    public = report_figures(Scope(project=project), public=True).figures

    assert private["practices_identified"].value == 2
    assert "practices_identified" not in public
    assert (private["practices_assessed"].value, public["practices_assessed"].value) == (1, 0)
    assert (private["action_plans"].value, public["action_plans"].value) == (2, 1)
    assert public["actions"].value == 1
    assert (private["transfers"].value, public["transfers"].value) == (2, 1)


def test_the_public_summary_says_what_it_counts(client, values):
    html = client.get(reverse("reporting:summary", kwargs={"slug": "values"})).text

    assert "count only what the public may see" in html
