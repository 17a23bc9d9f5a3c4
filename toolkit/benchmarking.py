"""Benchmarking profiles: what a practice scored, criterion by criterion, per project.

The rules, in one place (the practice page, the compare page and the reports
use them all):

- Criteria, scale and threshold belong to a project, so a practice has one
  profile per project in which it was assessed.
- The *latest peer review* is every peer review of the practice recorded on
  the most recent date: one reviewer usually, a panel sometimes. Each
  criterion shows the average of their scores; older peer reviews no longer
  count.
- The practice is *benchmarked* when the average over the criteria of those
  per-criterion averages, rounded to two decimals, reaches the project's
  threshold.
- The latest self-assessment is shown beside it, never mixed into the peer
  figures and never counted towards the badge.

Everything is computed in Python from prefetched rows (``assessments_prefetch``),
so a page shows any number of profiles in a fixed number of queries.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Exists, OuterRef, Prefetch

from cities.models import Organisation, Project
from toolkit.models import (
    Assessment,
    AssessmentKind,
    BenchmarkCriterion,
    PeerReviewer,
    Practice,
    PracticeStatus,
    Score,
)
from values_portal.users.roles import is_coordinator

TWO_PLACES = Decimal("0.01")


def rounded(value: Fraction) -> Decimal:
    """``Fraction(27, 7)`` → ``Decimal("3.86")``: half up, as people round by hand."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def mean(values: Iterable[Fraction | int]) -> Fraction | None:
    values = list(values)
    if not values:
        return None
    return Fraction(sum(values)) / len(values)


def assessments_prefetch(lookup: str = "assessments") -> Prefetch:
    """Everything ``practice_profiles`` reads: three queries whatever the number of rows."""
    return Prefetch(
        lookup,
        queryset=Assessment.objects.select_related("project").prefetch_related(
            Prefetch("scores", queryset=Score.objects.select_related("criterion")),
            "project__benchmark_criteria",
        ),
    )


@dataclass(frozen=True)
class CriterionScores:
    """One criterion of a profile: the peer figure and the self figure, side by side."""

    criterion: BenchmarkCriterion
    peer: Decimal | None  # average of the latest peer review's scores; None: not scored
    self_assessed: int | None  # the latest self-assessment's score
    peer_justifications: tuple[str, ...] = ()
    self_justification: str = ""


@dataclass(frozen=True)
class Profile:
    practice: Practice
    project: Project
    rows: tuple[CriterionScores, ...]
    peer_reviews: tuple[Assessment, ...]  # the latest peer review: all on its date
    self_assessment: Assessment | None
    peer_average: Decimal | None
    self_average: Decimal | None

    @property
    def scale_max(self) -> int:
        return self.project.benchmark_scale_max

    @property
    def threshold(self) -> Decimal:
        return self.project.benchmark_threshold

    @property
    def peer_reviewed_on(self):
        return self.peer_reviews[0].assessed_on if self.peer_reviews else None

    @property
    def benchmarked(self) -> bool:
        return self.peer_average is not None and self.peer_average >= self.threshold

    @property
    def has_self_assessment(self) -> bool:
        return self.self_assessment is not None

    def row_for(self, criterion: BenchmarkCriterion) -> CriterionScores | None:
        return next((row for row in self.rows if row.criterion.pk == criterion.pk), None)


def _newest_first(assessment: Assessment) -> tuple:
    return (assessment.assessed_on, assessment.created_at, assessment.pk)


def _profile(practice: Practice, project: Project, assessments: list[Assessment]) -> Profile:
    criteria = list(project.benchmark_criteria.all())
    peers = sorted(
        (a for a in assessments if a.kind == AssessmentKind.PEER), key=_newest_first, reverse=True
    )
    latest_peers = tuple(a for a in peers if a.assessed_on == peers[0].assessed_on) if peers else ()
    selves = sorted(
        (a for a in assessments if a.kind == AssessmentKind.SELF), key=_newest_first, reverse=True
    )
    latest_self = selves[0] if selves else None

    # A score counts only on a criterion of the assessment's own project.
    wanted = {criterion.pk for criterion in criteria}
    peer_scores: dict[int, list[Score]] = defaultdict(list)
    for review in latest_peers:
        for score in review.scores.all():
            if score.criterion_id in wanted:
                peer_scores[score.criterion_id].append(score)
    self_scores: dict[int, Score] = {}
    if latest_self is not None:
        self_scores = {
            score.criterion_id: score
            for score in latest_self.scores.all()
            if score.criterion_id in wanted
        }

    rows = []
    peer_means: list[Fraction] = []
    for criterion in criteria:
        scores = peer_scores.get(criterion.pk, [])
        exact = mean(score.value for score in scores)
        if exact is not None:
            peer_means.append(exact)
        own = self_scores.get(criterion.pk)
        rows.append(
            CriterionScores(
                criterion=criterion,
                peer=rounded(exact) if exact is not None else None,
                self_assessed=own.value if own else None,
                peer_justifications=tuple(score.justification for score in scores),
                self_justification=own.justification if own else "",
            )
        )
    peer_average = mean(peer_means)
    self_average = mean(score.value for score in self_scores.values())
    return Profile(
        practice=practice,
        project=project,
        rows=tuple(rows),
        peer_reviews=latest_peers,
        self_assessment=latest_self,
        peer_average=rounded(peer_average) if peer_average is not None else None,
        self_average=rounded(self_average) if self_average is not None else None,
    )


def practice_profiles(practice: Practice) -> list[Profile]:
    """One profile per project in which ``practice`` was assessed, by project acronym.

    Reads ``practice.assessments.all()``: prefetch it with ``assessments_prefetch()``.
    """
    by_project: dict[int, list[Assessment]] = defaultdict(list)
    projects: dict[int, Project] = {}
    for assessment in practice.assessments.all():
        by_project[assessment.project_id].append(assessment)
        projects.setdefault(assessment.project_id, assessment.project)
    profiles = [
        _profile(practice, projects[pk], assessments) for pk, assessments in by_project.items()
    ]
    return sorted(profiles, key=lambda profile: (profile.project.acronym, profile.project.pk))


def is_benchmarked(profiles: Iterable[Profile]) -> bool:
    return any(profile.benchmarked for profile in profiles)


# --- Comparing practices -----------------------------------------------------------

COMPARE_MIN = 2
COMPARE_MAX = 4


@dataclass(frozen=True)
class Comparison:
    """Practices side by side on one project's criteria; a cell is None when not assessed."""

    project: Project
    practices: tuple[Practice, ...]
    profiles: tuple[Profile | None, ...]
    rows: tuple[tuple[BenchmarkCriterion, tuple[CriterionScores | None, ...]], ...]

    @property
    def has_self_assessments(self) -> bool:
        return any(profile and profile.has_self_assessment for profile in self.profiles)


def compare(practices: Sequence[Practice]) -> list[Comparison]:
    """One comparison per project in which at least one of ``practices`` was assessed."""
    profiles = {practice.pk: practice_profiles(practice) for practice in practices}
    projects: dict[int, Project] = {}
    for own in profiles.values():
        for profile in own:
            projects.setdefault(profile.project.pk, profile.project)
    comparisons = []
    for project in sorted(projects.values(), key=lambda p: (p.acronym, p.pk)):
        row_profiles = tuple(
            next((p for p in profiles[practice.pk] if p.project.pk == project.pk), None)
            for practice in practices
        )
        rows = tuple(
            (
                criterion,
                tuple(profile.row_for(criterion) if profile else None for profile in row_profiles),
            )
            for criterion in project.benchmark_criteria.all()
        )
        comparisons.append(
            Comparison(
                project=project, practices=tuple(practices), profiles=row_profiles, rows=rows
            )
        )
    return comparisons


def assessed_practices():
    """Published practices with at least one assessment: the compare page offers these."""
    return Practice.objects.published().filter(
        Exists(Assessment.objects.filter(practice=OuterRef("pk")))
    )


# --- Who may assess what -----------------------------------------------------------

# Peer reviewers assess practices that are ready to be seen outside their organisation.
PEER_REVIEWABLE = (PracticeStatus.IN_REVIEW, PracticeStatus.PUBLISHED)


def assessment_options(user, practice: Practice) -> dict[Project, list[AssessmentKind]]:
    """The projects in which ``user`` may assess ``practice``, and the kinds they may record.

    Coordinators record both kinds in every project. Appointed peer reviewers record
    peer reviews in their projects, except of their own organisation's practices.
    Editors of the practice's organisation record self-assessments in the projects
    their organisation takes part in.
    """
    if not user.is_authenticated or not user.is_active:
        return {}
    if is_coordinator(user):
        return {
            project: [AssessmentKind.PEER, AssessmentKind.SELF]
            for project in Project.objects.order_by("acronym")
        }
    options: dict[Project, list[AssessmentKind]] = {}
    own = (
        practice.organisation_id is not None
        and Organisation.objects.editable_by(user).filter(pk=practice.organisation_id).exists()
    )
    if practice.status in PEER_REVIEWABLE and not own:
        reviewing = Project.objects.filter(
            Exists(PeerReviewer.objects.filter(project=OuterRef("pk"), user=user))
        )
        for project in reviewing.order_by("acronym"):
            options[project] = [AssessmentKind.PEER]
    if own:
        for project in Project.objects.filter(
            participations__organisation_id=practice.organisation_id
        ).order_by("acronym"):
            options.setdefault(project, []).append(AssessmentKind.SELF)
    return dict(sorted(options.items(), key=lambda item: (item[0].acronym, item[0].pk)))
