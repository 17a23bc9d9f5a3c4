"""The network's key figures, each with its definition, beside the project's targets.

The home page shows them; the funder's report can reuse `key_figures()` as is.
Every figure is an aggregate, so the number of queries does not grow with the data.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cities.models import Cluster, Organisation, Participation, Project
from exchanges.models import ActivityStatus, StaffExchange, StudyVisit
from toolkit.models import Practice


@dataclass(frozen=True)
class Figure:
    key: str
    label: str | Promise
    value: int | Decimal
    definition: str | Promise
    target: int | None = None
    detail: str = ""
    is_money: bool = False


DEFINITIONS = {
    "partners": _(
        "Organisations in the network: city administrations, public agencies "
        "and volunteering organisations."
    ),
    "cities": _("Different cities in which the partners are based."),
    "countries": _("Different countries in which the partners are based."),
    "clusters": _("Thematic clusters in which the partners exchange knowledge."),
    "study_visits": _(
        "Study visits held and marked completed; planned visits are counted apart, "
        "cancelled ones not at all."
    ),
    "staff_exchanges": _(
        "Staff exchanges held and marked completed; planned exchanges are counted apart, "
        "cancelled ones not at all."
    ),
    "practices": _(
        "Practices published in the toolkit; drafts and practices in review are left out."
    ),
    "eu_contribution": _(
        "Sum of the EU contributions recorded for the partners' participations, in euros; "
        "amounts not yet known are left out."
    ),
}


def _activity_counts(queryset) -> dict[str, int]:
    return queryset.aggregate(
        completed=Count("pk", filter=Q(status=ActivityStatus.COMPLETED)),
        planned=Count("pk", filter=Q(status=ActivityStatus.PLANNED)),
    )


def _planned_detail(planned: int) -> str:
    return ngettext("%(count)d planned", "%(count)d planned", planned) % {"count": planned}


def key_figures(project: Project | None = None) -> list[Figure]:
    """The key figures of the whole network, or of one project when given."""
    organisations = Organisation.objects.all()
    clusters = Cluster.objects.all()
    visits = StudyVisit.objects.all()
    exchanges = StaffExchange.objects.all()
    practices = Practice.objects.published()
    participations = Participation.objects.all()
    if project is None:
        targets = Project.objects.aggregate(
            cities=Sum("target_cities"),
            clusters=Sum("target_clusters"),
            study_visits=Sum("target_study_visits"),
            staff_exchanges=Sum("target_staff_exchanges"),
        )
    else:
        organisations = organisations.in_project(project)
        clusters = clusters.filter(project=project)
        visits = visits.filter(project=project)
        exchanges = exchanges.filter(project=project)
        practices = practices.filter(organisation__participations__project=project)
        participations = participations.filter(project=project)
        targets = {
            "cities": project.target_cities,
            "clusters": project.target_clusters,
            "study_visits": project.target_study_visits,
            "staff_exchanges": project.target_staff_exchanges,
        }

    partners = organisations.aggregate(
        partners=Count("pk", distinct=True),
        cities=Count("city", distinct=True),
        countries=Count("country", distinct=True),
    )
    visit_counts = _activity_counts(visits)
    exchange_counts = _activity_counts(exchanges)
    money = participations.aggregate(
        total=Sum("eu_contribution"),
        known=Count("eu_contribution"),
        all=Count("pk"),
    )
    known_detail = ngettext(
        "%(known)d of %(all)d amount known",
        "%(known)d of %(all)d amounts known",
        money["all"],
    ) % {"known": money["known"], "all": money["all"]}

    return [
        Figure("partners", _("Partners"), partners["partners"], DEFINITIONS["partners"]),
        Figure("cities", _("Cities"), partners["cities"], DEFINITIONS["cities"], targets["cities"]),
        Figure("countries", _("Countries"), partners["countries"], DEFINITIONS["countries"]),
        Figure(
            "clusters",
            _("Thematic clusters"),
            clusters.count(),
            DEFINITIONS["clusters"],
            targets["clusters"],
        ),
        Figure(
            "study_visits",
            _("Study visits completed"),
            visit_counts["completed"],
            DEFINITIONS["study_visits"],
            targets["study_visits"],
            detail=_planned_detail(visit_counts["planned"]),
        ),
        Figure(
            "staff_exchanges",
            _("Staff exchanges completed"),
            exchange_counts["completed"],
            DEFINITIONS["staff_exchanges"],
            targets["staff_exchanges"],
            detail=_planned_detail(exchange_counts["planned"]),
        ),
        Figure(
            "practices",
            _("Published practices"),
            practices.distinct().count(),
            DEFINITIONS["practices"],
        ),
        Figure(
            "eu_contribution",
            _("EU contribution (sum of known contributions)"),
            money["total"] or Decimal(0),
            DEFINITIONS["eu_contribution"],
            detail=known_detail,
            is_money=True,
        ),
    ]


def figures_by_key(figures: list[Figure]) -> dict[str, Figure]:
    return {figure.key: figure for figure in figures}
