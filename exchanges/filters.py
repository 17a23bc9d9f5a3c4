"""Filters of the public lists of study visits, staff exchanges and action plans.

Every filter reads a GET parameter, so a filtered list has a shareable URL. A
value the form does not know (an unknown slug, a year without visits) makes the
form invalid: the view then shows the form's message and no results, never an
error page.
"""

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from cities.models import Cluster, Organisation, Project
from core.content_language import ContentLanguageSelect
from core.models import CONTENT_LANGUAGES
from exchanges.models import (
    ActionPlan,
    ActivityStatus,
    StaffExchange,
    StaffExchangeKind,
    StudyVisit,
)


def _years(model) -> list[tuple[str, str]]:
    years = model.objects.dates("start_date", "year", order="DESC")
    return [(str(day.year), str(day.year)) for day in years]


def _visit_years() -> list[tuple[str, str]]:
    return _years(StudyVisit)


def _exchange_years() -> list[tuple[str, str]]:
    return _years(StaffExchange)


def _organisations_with_plans(request) -> QuerySet:
    # Only organisations with a plan this visitor may see: no hint of members-only plans.
    plans = ActionPlan.objects.visible_to(request.user) if request else ActionPlan.objects.public()
    return Organisation.objects.filter(action_plans__in=plans).distinct()


class StudyVisitFilter(django_filters.FilterSet):
    cluster = django_filters.ModelChoiceFilter(
        label=_("Cluster"),
        queryset=Cluster.objects.all(),
        to_field_name="slug",
        empty_label=_("All clusters"),
        widget=ContentLanguageSelect(label_field="short_name"),
    )
    host = django_filters.ModelChoiceFilter(
        label=_("Host"),
        # EXISTS, not a join made distinct: one probe of the host index per organisation.
        queryset=Organisation.objects.filter(
            Exists(StudyVisit.objects.filter(host=OuterRef("pk")))
        ),
        to_field_name="slug",
        empty_label=_("All hosts"),
        widget=ContentLanguageSelect(label_field="name"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        choices=_visit_years,
        method="filter_year",
        empty_label=_("All years"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActivityStatus.choices, empty_label=_("Any status")
    )
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        method="filter_when",
        empty_label=_("Upcoming and past"),
    )

    class Meta:
        model = StudyVisit
        fields = ["cluster", "host", "year", "status", "when"]

    def filter_year(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(start_date__year=int(value))

    def filter_when(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "upcoming":
            # The next visit first.
            return queryset.upcoming().order_by("start_date", "title")
        return queryset.past()


class StaffExchangeFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=StaffExchangeKind.choices, empty_label=_("All kinds")
    )
    cluster = django_filters.ModelChoiceFilter(
        label=_("Cluster"),
        queryset=Cluster.objects.all(),
        to_field_name="slug",
        empty_label=_("All clusters"),
        widget=ContentLanguageSelect(label_field="short_name"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        choices=_exchange_years,
        method="filter_year",
        empty_label=_("All years"),
    )

    class Meta:
        model = StaffExchange
        fields = ["kind", "cluster", "year"]

    def filter_year(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(start_date__year=int(value))


class ActionPlanFilter(django_filters.FilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("City or organisation"),
        queryset=_organisations_with_plans,
        to_field_name="slug",
        empty_label=_("All cities and organisations"),
        widget=ContentLanguageSelect(label_field="name"),
    )
    project = django_filters.ModelChoiceFilter(
        label=_("Project"),
        queryset=Project.objects.all(),
        to_field_name="slug",
        empty_label=_("All projects"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=CONTENT_LANGUAGES, empty_label=_("All languages")
    )

    class Meta:
        model = ActionPlan
        fields = ["organisation", "project", "language"]
