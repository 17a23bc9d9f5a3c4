"""The demo's benchmarking criteria, example assessments, transfers and plan actions."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cities.models import Project
from demo import data
from exchanges.models import ActionStatus, PlanAction, Transfer
from toolkit.benchmarking import assessments_prefetch, practice_profiles
from toolkit.models import Assessment, BenchmarkCriterion, Practice, Score


@pytest.fixture
def demo(db):
    call_command("load_values_demo", stdout=StringIO())
    return Project.objects.get(slug="values")


def profile(slug: str):
    practice = Practice.objects.prefetch_related(assessments_prefetch()).get(slug=slug)
    [only] = practice_profiles(practice)
    return only


def test_demo_has_the_seven_values_criteria_with_descriptions(demo):
    criteria = list(BenchmarkCriterion.objects.filter(project=demo))

    assert [c.name for c in criteria] == [
        "Migrant participation",
        "Volunteer involvement",
        "City–organisation cooperation",  # noqa: RUF001 (the en dash is meant)
        "Evidence of results",
        "Sustainability",
        "Transferability",
        "Cost",
    ]
    assert [c.position for c in criteria] == list(range(1, 8))
    for criterion in criteria:
        assert criterion.description.endswith(".")
        assert criterion.description.count(". ") == 0  # one sentence
    assert (demo.benchmark_scale_max, demo.benchmark_threshold) == (5, Decimal("3.50"))


def test_demo_assessments_belong_to_example_practices_and_are_justified(demo):
    assert Assessment.objects.count() == len(data.ASSESSMENTS)
    assert not Assessment.objects.filter(practice__is_example=False).exists()
    assert Score.objects.count() == 7 * len(data.ASSESSMENTS)
    assert not Score.objects.filter(justification="").exists()
    assert not Score.objects.filter(value__gt=demo.benchmark_scale_max).exists()
    kinds = set(Assessment.objects.values_list("kind", flat=True))
    assert kinds == {"self", "peer"}


def test_demo_profiles_show_benchmarked_and_not(demo):
    sports = profile("sports-clubs-open-their-doors")
    walks = profile("welcome-walks-with-neighbourhood-hosts")
    tutors = profile("un-tutor-volontario-per-ogni-giovane")
    food_bank = profile("newcomers-at-the-food-bank")

    assert (sports.peer_average, sports.benchmarked) == (Decimal("3.86"), True)
    assert (walks.peer_average, walks.benchmarked) == (Decimal("3.29"), False)
    # Two peer reviews: only the later one (27/7) counts, not the first (21/7).
    assert (tutors.peer_average, tutors.benchmarked) == (Decimal("3.86"), True)
    assert food_bank.peer_average is None
    assert food_bank.self_average == Decimal("4.14")
    assert not food_bank.benchmarked


def test_demo_transfers_travel_through_example_visits_and_exchanges(demo):
    transfers = Transfer.objects.select_related("study_visit", "staff_exchange", "practice")

    assert transfers.count() == len(data.TRANSFERS)
    assert all(t.is_example and t.practice.is_example for t in transfers)
    assert all((t.study_visit is None) != (t.staff_exchange is None) for t in transfers)
    assert all((t.study_visit or t.staff_exchange).is_example for t in transfers)
    assert {t.stage for t in transfers} == {
        "considering",
        "adapting",
        "piloting",
        "adopted",
        "mainstreamed",
    }
    adopted = transfers.get(stage="adopted")
    with adopted.evidence_file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_demo_plan_actions_mix_statuses_and_inspirations(demo):
    actions = PlanAction.objects.select_related("plan")

    assert actions.count() == len(data.PLAN_ACTIONS)
    assert all(action.plan.is_example for action in actions)
    statuses = [action.status for action in actions]
    assert set(statuses) == set(ActionStatus.values)
    assert statuses.count(ActionStatus.DROPPED) == 1
    dropped = actions.get(status=ActionStatus.DROPPED)
    assert dropped.dropped_reason
    assert not actions.exclude(status=ActionStatus.DROPPED).exclude(dropped_reason="").exists()
    assert all(
        action.inspired_by_visits.exists()
        or action.inspired_by_practices.exists()
        or action.inspired_by_exchanges.exists()
        for action in actions
    )


def test_demo_closes_the_loop_visit_action_transfer(demo, client):
    """Nuremberg's visit inspired a Turin action, and the practice travelled through it."""
    action = PlanAction.objects.get(title="Name a contact person for sports clubs")
    transfer = Transfer.objects.get(organisation__slug="turin")

    assert action.inspired_by_visits.get() == transfer.study_visit
    assert list(action.inspired_by_practices.all()) == [transfer.practice]
    page = client.get(reverse("toolkit:detail", kwargs={"slug": transfer.practice.slug})).text
    assert "Where this practice travelled" in page
    assert transfer.study_visit.get_absolute_url() in page


def test_demo_learning_loop_loads_again_without_changes(demo):
    out = StringIO()

    call_command("load_values_demo", stdout=out)

    summary = out.getvalue()
    assert "7 benchmarking criteria" in summary
    assert f"{len(data.TRANSFERS)} transfers" in summary
    assert f"{len(data.PLAN_ACTIONS)} plan actions" in summary
    assert "Rows created: 0, rows updated: 0, link sets changed: 0." in summary


def test_demo_restores_an_edited_score_and_a_deleted_evidence_file(demo):
    score = Score.objects.filter(assessment__kind="peer").first()
    wanted = score.value
    Score.objects.filter(pk=score.pk).update(value=0)
    transfer = Transfer.objects.exclude(evidence_file="").get()
    transfer.evidence_file.storage.delete(transfer.evidence_file.name)

    out = StringIO()
    call_command("load_values_demo", stdout=out)

    score.refresh_from_db()
    transfer.refresh_from_db()
    assert score.value == wanted
    assert transfer.evidence_file.storage.exists(transfer.evidence_file.name)
    assert "rows updated: 2" in out.getvalue()
