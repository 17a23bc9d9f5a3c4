"""The network's figures, each with ONE definition used wherever it appears.

The home page and a project's page show the key figures (`key_figures()`);
the funder's report, its public summary, its CSV and PDF downloads and the
open-data JSON show the report's figures (`report_figures()`). Both read their
labels and one-line definitions from `DEFINITIONS`, so a figure means the same
thing everywhere.

Every figure is an aggregate, so the number of queries does not grow with the data.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cities.models import Cluster, Organisation, OrganisationKind, Participation, Project
from core.cache import cached_fragment, counts_token, every_app
from core.figures import Definition, Text
from exchanges.models import (
    HEAD_COUNT_ROLES,
    ActionPlan,
    ActionStatus,
    ActivityStatus,
    PlanAction,
    StaffExchange,
    StudyVisit,
    Transfer,
    TransferStage,
    VisitParticipation,
)
from exchanges.progress import ACTION_PROGRESS, ActionProgress
from toolkit.models import (
    Assessment,
    AssessmentKind,
    Practice,
    PracticeStatus,
    ProjectPracticeCount,
    PublishedFacetCount,
)

# The kinds of partner through which a city takes part.
CITY_KINDS = (OrganisationKind.CITY, OrganisationKind.PUBLIC_AGENCY)

# Shared wording of the period and cluster rules.
_BY_START = _("by start date")
_ACTIVITY_CLUSTER = _("activities of the cluster")
_PARTNER_CLUSTER = _("partners in one of the cluster's working groups")
_PRACTICE_CLUSTER = _("practices filed under the cluster")
_PLAN_CLUSTER = _("plans of partners in one of the cluster's working groups")


def _participants(role: Text) -> Definition:
    return Definition(
        role,
        _(
            "People recorded on the participation lists of completed study visits in this "
            "role; someone who came to two visits counts twice."
        ),
        period=_BY_START,
        cluster=_ACTIVITY_CLUSTER,
    )


def _transfers(stage: Text) -> Definition:
    return Definition(
        stage,
        _("Records of an organisation taking up a practice whose latest stage is this one."),
        period=_("by the date the transfer started"),
        cluster=_("practices filed under the cluster, or taken up through its activities"),
    )


def _actions(status: Text, text: Text) -> Definition:
    # Not split by period: the portal keeps an action's current status, not when it changed.
    return Definition(status, text, cluster=_PLAN_CLUSTER)


DEFINITIONS: dict[str, Definition] = {
    "action_progress": ACTION_PROGRESS,
    "partners": Definition(
        _("Partners"),
        _(
            "Organisations in the network: city administrations, public agencies "
            "and volunteering organisations."
        ),
        cluster=_PARTNER_CLUSTER,
    ),
    # The projects' targets count the cities taking part (the source's "15 città europee
    # coinvolte"): a city takes part through its administration or one of its agencies
    # (Madrid through its employment agency). Networks and volunteering organisations are
    # partners, but the city they are based in does not take part because of them.
    "cities": Definition(
        _("Cities taking part"),
        _(
            "Different cities taking part through their city administration or one of its "
            "public agencies; networks and volunteering organisations count as partners, "
            "not as cities."
        ),
        cluster=_PARTNER_CLUSTER,
    ),
    "countries": Definition(
        _("Countries"),
        _("Different countries in which the partners are based."),
        cluster=_PARTNER_CLUSTER,
    ),
    "clusters": Definition(
        _("Thematic clusters"),
        _("Thematic clusters in which the partners exchange knowledge."),
    ),
    "study_visits": Definition(
        _("Study visits completed"),
        _(
            "Study visits held and marked completed; planned visits are counted apart, "
            "cancelled ones not at all."
        ),
        period=_BY_START,
        cluster=_ACTIVITY_CLUSTER,
    ),
    "staff_exchanges": Definition(
        _("Staff exchanges completed"),
        _(
            "Staff exchanges held and marked completed; planned exchanges are counted apart, "
            "cancelled ones not at all."
        ),
        period=_BY_START,
        cluster=_ACTIVITY_CLUSTER,
    ),
    "exchange_staff": Definition(
        _("Staff on completed exchanges"),
        _("People sent on staff exchanges marked completed, as recorded for each exchange."),
        period=_BY_START,
        cluster=_ACTIVITY_CLUSTER,
    ),
    "participants": Definition(
        _("Participants in study visits, all roles"),
        _(
            "People recorded on the participation lists of completed study visits, whatever "
            "their role; someone who came to two visits counts twice."
        ),
        period=_BY_START,
        cluster=_ACTIVITY_CLUSTER,
    ),
    "participants_city_staff": _participants(_("City staff")),
    "participants_volunteering_staff": _participants(_("Volunteering organisation staff")),
    "participants_volunteers": _participants(_("Volunteers")),
    "participants_migrants": _participants(_("Migrants")),
    "practices_identified": Definition(
        _("Practices identified"),
        _("Practices recorded on the portal, whatever their status: drafts, in review, published."),
        period=_("by the date the practice was recorded"),
        cluster=_PRACTICE_CLUSTER,
    ),
    "practices_assessed": Definition(
        _("Practices assessed"),
        _(
            "Practices with at least one self-assessment or peer review scored against "
            "the project's benchmarking criteria."
        ),
        period=_("by the date of the assessment"),
        cluster=_PRACTICE_CLUSTER,
    ),
    "practices": Definition(
        _("Published practices"),
        _("Practices published in the toolkit; drafts and practices in review are left out."),
        period=_("by publication date"),
        cluster=_PRACTICE_CLUSTER,
    ),
    "action_plans": Definition(
        _("Action plans published"),
        _(
            "Local action plans published on the portal, public or for members only; "
            "drafts are left out."
        ),
        period=_("by publication date"),
        cluster=_PLAN_CLUSTER,
    ),
    "actions": _actions(
        _("Actions in published plans"),
        _("Actions of published action plans, whatever their status."),
    ),
    "actions_planned": _actions(
        _("Actions planned"),
        _("Actions of published action plans that have not started yet."),
    ),
    "actions_started": _actions(
        _("Actions started"),
        _("Actions of published action plans under way: started and not yet done."),
    ),
    "actions_done": _actions(
        _("Actions done"),
        _("Actions of published action plans marked done."),
    ),
    "actions_dropped": _actions(
        _("Actions dropped"),
        _("Actions of published action plans given up, each with the reason recorded."),
    ),
    "transfers": Definition(
        _("Transfers, all stages"),
        _("Records of an organisation taking up a practice, at any stage from considering on."),
        period=_("by the date the transfer started"),
        cluster=_("practices filed under the cluster, or taken up through its activities"),
    ),
    **{f"transfers_{stage.value}": _transfers(stage.label) for stage in TransferStage},
    "eu_contribution": Definition(
        _("EU contribution (sum of known contributions)"),
        _(
            "Sum of the EU contributions recorded for the partners' participations, in euros; "
            "amounts not yet known are left out."
        ),
        cluster=_PARTNER_CLUSTER,
    ),
}

# What the public figures leave out, said on the pages and in the data that show them.
PUBLIC_SCOPE = _(
    "These figures count only what the public may see: published practices, action plans "
    "open to everyone and their actions, and transfers of published practices."
)
# What belongs to a project, said once on every page that shows a project's figures.
PROJECT_SCOPE = _(
    "A project's figures count its own study visits and staff exchanges, its partners and "
    "their action plans, practices of its partners or filed under its clusters, and "
    "transfers to its partners or through its activities."
)


@dataclass(frozen=True)
class Figure:
    key: str
    value: int | Decimal
    target: int | None = None
    detail: str = ""
    is_money: bool = False

    @property
    def meaning(self) -> Definition:
        return DEFINITIONS[self.key]

    @property
    def label(self) -> Text:
        return self.meaning.label

    @property
    def definition(self) -> Text:
        return self.meaning.text

    @property
    def share_of_target(self) -> int | None:
        """The value as a whole percentage of the target, when there is a target."""
        if not self.target:
            return None
        return int(self.value * 100 // self.target)


@dataclass(frozen=True)
class Scope:
    """Which records a set of figures counts: one project or all, a period, a cluster."""

    project: Project | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    cluster: Cluster | None = None

    @property
    def has_period(self) -> bool:
        return bool(self.start or self.end)

    def period(self, lookup: str) -> Q:
        """``lookup`` (a date, or ``…__date`` for a date-time) falls within the period."""
        condition = Q()
        if self.start:
            condition &= Q(**{f"{lookup}__gte": self.start})
        if self.end:
            condition &= Q(**{f"{lookup}__lte": self.end})
        return condition


# Which records each figure counts ---------------------------------------------------


def scoped_organisations(scope: Scope) -> QuerySet:
    organisations = Organisation.objects.all()
    if scope.project:
        organisations = organisations.in_project(scope.project)
    if scope.cluster:
        organisations = organisations.filter(
            Q(pk__in=Organisation.objects.filter(working_groups__cluster=scope.cluster))
            | Q(pk__in=Organisation.objects.filter(led_working_groups__cluster=scope.cluster))
        )
    return organisations


def _activities(queryset: QuerySet, scope: Scope) -> QuerySet:
    if scope.project:
        queryset = queryset.filter(project=scope.project)
    if scope.cluster:
        queryset = queryset.filter(cluster=scope.cluster)
    return queryset.filter(scope.period("start_date"))


def scoped_visits(scope: Scope) -> QuerySet:
    return _activities(StudyVisit.objects.all(), scope)


def scoped_exchanges(scope: Scope) -> QuerySet:
    return _activities(StaffExchange.objects.all(), scope)


def _practice_in_clusters(**cluster_lookup) -> Exists:
    return Exists(
        Practice.clusters.through.objects.filter(practice=OuterRef("pk"), **cluster_lookup)
    )


def scoped_practices(scope: Scope) -> QuerySet:
    """Practices of the scope, whatever their status; not narrowed by period."""
    practices = Practice.objects.all()
    if scope.project:
        practices = practices.filter(
            Q(organisation__in=Organisation.objects.in_project(scope.project))
            | _practice_in_clusters(cluster__project=scope.project)
        )
    if scope.cluster:
        practices = practices.filter(_practice_in_clusters(cluster=scope.cluster))
    return practices


def published_practice_count(scope: Scope) -> int:
    """How many published practices ``scope`` counts, whatever their date.

    Read where PostgreSQL keeps the number (the whole network's in the toolkit's
    ``PublishedFacetCount``, a project's in ``ProjectPracticeCount``), so that it costs
    the same with ten times the practices; counted otherwise (a cluster, SQLite).
    """
    stored = None
    if connection.vendor == "postgresql" and not scope.cluster:
        if scope.project:
            stored = ProjectPracticeCount.objects.filter(project=scope.project).values_list(
                "published", flat=True
            )
        else:
            stored = PublishedFacetCount.objects.filter(
                facet=PublishedFacetCount.TOTAL, value=""
            ).values_list("count", flat=True)
    found = list(stored[:1]) if stored is not None else []
    return found[0] if found else scoped_practices(scope).published().count()


def scoped_plans(scope: Scope) -> QuerySet:
    """Published plans of the scope; not narrowed by period."""
    plans = ActionPlan.objects.published()
    if scope.project:
        plans = plans.filter(project=scope.project)
    if scope.cluster:
        plans = plans.filter(organisation__in=scoped_organisations(Scope(cluster=scope.cluster)))
    return plans


def scoped_transfers(scope: Scope) -> QuerySet:
    transfers = Transfer.objects.all()
    if scope.project:
        transfers = transfers.filter(
            Q(organisation__in=Organisation.objects.in_project(scope.project))
            | Q(study_visit__project=scope.project)
            | Q(staff_exchange__project=scope.project)
        )
    if scope.cluster:
        in_cluster = Practice.clusters.through.objects.filter(
            practice=OuterRef("practice"), cluster=scope.cluster
        )
        transfers = transfers.filter(
            Exists(in_cluster)
            | Q(study_visit__cluster=scope.cluster)
            | Q(staff_exchange__cluster=scope.cluster)
        )
    return transfers.filter(scope.period("started_on"))


def scoped_participations(scope: Scope) -> QuerySet:
    participations = Participation.objects.all()
    if scope.project:
        participations = participations.filter(project=scope.project)
    if scope.cluster:
        participations = participations.filter(
            organisation__in=scoped_organisations(Scope(cluster=scope.cluster))
        )
    return participations


# Figures ---------------------------------------------------------------------------


def _activity_counts(queryset: QuerySet, **more) -> dict:
    return queryset.aggregate(
        completed=Count("pk", filter=Q(status=ActivityStatus.COMPLETED)),
        planned=Count("pk", filter=Q(status=ActivityStatus.PLANNED)),
        **more,
    )


def _planned_detail(planned: int) -> str:
    return ngettext("%(count)d planned", "%(count)d planned", planned) % {"count": planned}


def _targets(scope: Scope) -> dict[str, int | None]:
    if scope.project is None:
        # The network's targets are the sum of its projects' (one query).
        return Project.objects.aggregate(
            cities=Sum("target_cities"),
            clusters=Sum("target_clusters"),
            study_visits=Sum("target_study_visits"),
            staff_exchanges=Sum("target_staff_exchanges"),
        )
    project = scope.project
    return {
        "cities": project.target_cities,
        "clusters": project.target_clusters,
        "study_visits": project.target_study_visits,
        "staff_exchanges": project.target_staff_exchanges,
    }


def _partner_counts(scope: Scope) -> dict:
    counts = scoped_organisations(scope).aggregate(
        partners=Count("pk", distinct=True),
        cities=Count("city", distinct=True, filter=Q(kind__in=CITY_KINDS)),
        countries=Count("country", distinct=True),
    )
    clusters = Cluster.objects.all()
    if scope.project:
        clusters = clusters.filter(project=scope.project)
    return {**counts, "clusters": clusters.count()}


def _partner_figures(counts: dict, targets: dict) -> list[Figure]:
    return [
        Figure("partners", counts["partners"]),
        Figure("cities", counts["cities"], targets["cities"]),
        Figure("countries", counts["countries"]),
        Figure("clusters", counts["clusters"], targets["clusters"]),
    ]


def _money_counts(scope: Scope) -> dict:
    return scoped_participations(scope).aggregate(
        total=Sum("eu_contribution"), known=Count("eu_contribution"), all=Count("pk")
    )


def _money_figure(money: dict) -> Figure:
    known_detail = ngettext(
        "%(known)d of %(all)d amount known",
        "%(known)d of %(all)d amounts known",
        money["all"],
    ) % {"known": money["known"], "all": money["all"]}
    # Cents always: SQLite's SUM forgets the column's scale.
    total = (money["total"] or Decimal(0)).quantize(Decimal("0.01"))
    return Figure("eu_contribution", total, detail=known_detail, is_money=True)


def figures_dependencies() -> list[str]:
    """The tokens of what the figures count: every watched app, but of the practices
    only what they are counted by (``counts_token``): an edit of a practice's texts
    leaves the figures as they were."""
    app = Practice._meta.app_label
    return [*(name for name in every_app() if name != app), counts_token(app)]


def key_figures(project: Project | None = None) -> list[Figure]:
    """The key figures of the whole network, or of one project when given.

    Counted once per version of what each counts (``core.cache``): the partners' and
    money's figures while no partner, project or cluster changes, the activities' while
    no visit or exchange does, the practices' while no practice is added, deleted,
    published, unpublished or moved to another partner or cluster (``counts_token``).
    Such a change counts the practices again, and nothing else; an edit of a
    practice's texts, nothing.
    """
    scope = Scope(project=project)
    vary = project.pk if project else "network"
    network = cached_fragment(
        "figures-network",
        lambda: {
            "targets": _targets(scope),
            "partners": _partner_counts(scope),
            "money": _money_counts(scope),
        },
        vary,
        depends_on=("cities",),
    )
    activities = cached_fragment(
        "figures-activities",
        lambda: {
            "visits": _activity_counts(scoped_visits(scope)),
            "exchanges": _activity_counts(scoped_exchanges(scope)),
        },
        vary,
        depends_on=("exchanges", "cities"),
    )
    published = cached_fragment(
        "figures-practices",
        lambda: published_practice_count(scope),
        vary,
        depends_on=(counts_token(Practice._meta.app_label), "cities"),
    )
    targets, visits, exchanges = network["targets"], activities["visits"], activities["exchanges"]
    return [
        *_partner_figures(network["partners"], targets),
        Figure(
            "study_visits",
            visits["completed"],
            targets["study_visits"],
            detail=_planned_detail(visits["planned"]),
        ),
        Figure(
            "staff_exchanges",
            exchanges["completed"],
            targets["staff_exchanges"],
            detail=_planned_detail(exchanges["planned"]),
        ),
        Figure("practices", published),
        _money_figure(network["money"]),
    ]


def figures_by_key(figures: list[Figure]) -> dict[str, Figure]:
    return {figure.key: figure for figure in figures}


# The funder's report -----------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    key: str
    title: Text
    figures: list[Figure]


@dataclass(frozen=True)
class Contribution:
    organisation: Organisation
    role: str
    amount: Decimal | None


@dataclass(frozen=True)
class Report:
    scope: Scope
    sections: list[Section]
    contributions: list[Contribution] = field(default_factory=list)

    @property
    def figures(self) -> dict[str, Figure]:
        return {figure.key: figure for section in self.sections for figure in section.figures}


def _activity_section(scope: Scope, targets: dict) -> Section:
    visits = _activity_counts(scoped_visits(scope))
    exchanges = _activity_counts(
        scoped_exchanges(scope),
        staff=Sum("staff_count", filter=Q(status=ActivityStatus.COMPLETED)),
    )
    return Section(
        "activities",
        _("Study visits and staff exchanges"),
        [
            Figure(
                "study_visits",
                visits["completed"],
                targets["study_visits"],
                detail=_planned_detail(visits["planned"]),
            ),
            Figure(
                "staff_exchanges",
                exchanges["completed"],
                targets["staff_exchanges"],
                detail=_planned_detail(exchanges["planned"]),
            ),
            Figure("exchange_staff", exchanges["staff"] or 0),
        ],
    )


def _participant_section(scope: Scope) -> Section:
    totals = VisitParticipation.objects.filter(
        visit__in=scoped_visits(scope).completed()
    ).aggregate(**{role: Sum(role) for role in HEAD_COUNT_ROLES})
    by_role = [Figure(f"participants_{role}", totals[role] or 0) for role in HEAD_COUNT_ROLES]
    return Section(
        "participants",
        _("Participants in study visits, by role"),
        [*by_role, Figure("participants", sum(figure.value for figure in by_role))],
    )


def _practice_section(scope: Scope, *, public: bool) -> Section:
    # IN (a list PostgreSQL hashes once), not EXISTS (one probe per practice).
    assessments = Assessment.objects.filter(scope.period("assessed_on"))
    if scope.project:
        assessments = assessments.filter(project=scope.project)
    assessed = Q(pk__in=assessments.values("practice_id"))
    peer_reviewed = Q(pk__in=assessments.filter(kind=AssessmentKind.PEER).values("practice_id"))
    practices = scoped_practices(scope)
    if public and not scope.has_period:
        # The assessed among the published, found from the assessments (a few); the
        # published, where PostgreSQL keeps their number: neither reads every practice.
        counts = (
            practices.published()
            .filter(assessed)
            .aggregate(assessed=Count("pk"), peer_reviewed=Count("pk", filter=peer_reviewed))
        )
        counts["published"] = published_practice_count(scope)
    else:
        if public:
            practices = practices.published()
        counts = practices.aggregate(
            identified=Count("pk", filter=scope.period("created_at__date")),
            assessed=Count("pk", filter=assessed),
            peer_reviewed=Count("pk", filter=peer_reviewed),
            published=Count(
                "pk",
                filter=Q(status=PracticeStatus.PUBLISHED) & scope.period("published_at__date"),
            ),
        )
    peer_detail = ngettext(
        "%(count)d peer-reviewed", "%(count)d peer-reviewed", counts["peer_reviewed"]
    ) % {"count": counts["peer_reviewed"]}
    figures = [
        Figure("practices_assessed", counts["assessed"], detail=peer_detail),
        Figure("practices", counts["published"]),
    ]
    if not public:  # drafts and practices in review are nobody else's business
        figures.insert(0, Figure("practices_identified", counts["identified"]))
    return Section("practices", _("Practices"), figures)


def _plan_section(scope: Scope, *, public: bool) -> Section:
    plans = scoped_plans(scope)
    if public:
        plans = plans.public()
    actions = PlanAction.objects.accepted().filter(plan__in=plans)
    plans = plans.filter(scope.period("published_at__date")).count()
    by_status = dict(actions.order_by().values_list("status").annotate(n=Count("pk")))
    statuses = [
        Figure(f"actions_{status.value}", by_status.get(status.value, 0)) for status in ActionStatus
    ]
    return Section(
        "plans",
        _("Action plans and their actions"),
        [
            Figure("action_plans", plans),
            *statuses,
            Figure("actions", sum(figure.value for figure in statuses)),
        ],
    )


def _transfer_section(scope: Scope, *, public: bool) -> Section:
    transfers = scoped_transfers(scope)
    if public:
        transfers = transfers.public()
    by_stage = dict(transfers.order_by().values_list("stage").annotate(n=Count("pk")))
    stages = [
        Figure(f"transfers_{stage.value}", by_stage.get(stage.value, 0)) for stage in TransferStage
    ]
    return Section(
        "transfers",
        _("Transfers of practices, by stage"),
        [*stages, Figure("transfers", sum(figure.value for figure in stages))],
    )


def _contributions(scope: Scope) -> list[Contribution]:
    rows = (
        scoped_participations(scope)
        .select_related("organisation")
        .order_by("role", "organisation__name")
    )
    return [
        Contribution(row.organisation, row.get_role_display(), row.eu_contribution) for row in rows
    ]


def report_figures(scope: Scope, *, public: bool = False) -> Report:
    """Every figure of the funder's report for ``scope``, in a constant number of queries.

    ``public``: the figures anyone may read (the summary page, the open data). They count
    only what the public sees (``PUBLIC_SCOPE``) and leave the contributions out.
    """
    vary = (
        scope.project.pk if scope.project else None,
        scope.start,
        scope.end,
        scope.cluster.pk if scope.cluster else None,
        public,
    )

    def network() -> dict:
        return {"targets": _targets(scope), "partners": _partner_counts(scope)}

    def activities(targets: dict) -> list[Section]:
        return [
            _activity_section(scope, targets),
            _participant_section(scope),
            _plan_section(scope, public=public),
        ]

    def practices() -> list[Section]:
        # Transfers are of practices: which are public, and which are in a cluster.
        return [_practice_section(scope, public=public), _transfer_section(scope, public=public)]

    # Each part counted once per version of what it counts, as the key figures are: an
    # edit of a practice counts the practices again, not the partners or the visits.
    counted = cached_fragment("report-network", network, *vary, depends_on=("cities",))
    targets = counted["targets"]
    activity, participants, plans = cached_fragment(
        "report-activities", lambda: activities(targets), *vary, depends_on=("exchanges", "cities")
    )
    practice_figures, transfers = cached_fragment(
        "report-practices", practices, *vary, depends_on=("toolkit", "exchanges", "cities")
    )
    money = cached_fragment(
        "report-money", lambda: _money_counts(scope), *vary, depends_on=("cities",)
    )
    sections = [
        Section("network", _("The partnership"), _partner_figures(counted["partners"], targets)),
        activity,
        participants,
        practice_figures,
        plans,
        transfers,
        Section("funding", _("EU contribution"), [_money_figure(money)]),
    ]
    return Report(
        scope=scope,
        sections=sections,
        contributions=[] if public else _contributions(scope),
    )


# Progress of action plans --------------------------------------------------------------


def plan_progress(scope: Scope) -> list[tuple[ActionPlan, ActionProgress]]:
    """Every published plan of the scope with its actions' progress, in one query."""
    plans = (
        scoped_plans(scope)
        .select_related("organisation")
        .annotate(
            **{
                f"n_{status.value}": Count("actions", filter=Q(actions__status=status.value))
                for status in ActionStatus
            }
        )
        .order_by("organisation__name", "title")
    )
    return [
        (
            plan,
            ActionProgress(
                **{status.value: getattr(plan, f"n_{status.value}") for status in ActionStatus}
            ),
        )
        for plan in plans
    ]
