"""Filters of the public lists of study visits, staff exchanges and action plans.

Every filter reads a GET parameter, so a filtered list has a shareable URL. A
value the form does not know (an unknown slug, a year without visits) makes the
form invalid: the view then shows the form's message and no results, never an
error page.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from cities.models import Cluster, Organisation, Project
from core.cache import cached_fragment, model_token
from core.content_language import ContentLanguageSelect, shown_html
from core.models import CONTENT_LANGUAGES
from exchanges.models import (
    ActionPlan,
    ActivityStatus,
    StaffExchange,
    StaffExchangeKind,
    StudyVisit,
)


def _years(model) -> list[tuple[str, str]]:
    """The years that have a row, newest first: asked again only after a row of ``model``
    changed (its model token), not at every list, calendar and CSV that shows the choice."""

    def build() -> list[tuple[str, str]]:
        years = model.objects.dates("start_date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    return cached_fragment(f"years-{model_token(model)}", build, depends_on=[model_token(model)])


def _visit_years() -> list[tuple[str, str]]:
    return _years(StudyVisit)


def _exchange_years() -> list[tuple[str, str]]:
    return _years(StaffExchange)


def _organisations_with_plans(request) -> QuerySet:
    # Only organisations with a plan this visitor may see: no hint of members-only plans.
    plans = ActionPlan.objects.visible_to(request.user) if request else ActionPlan.objects.public()
    return Organisation.objects.filter(action_plans__in=plans).distinct().for_choices()


@extend_schema_field(OpenApiTypes.STR)  # in the API too: each value is a partner's slug
class PartnersFilter(django_filters.ModelMultipleChoiceFilter):
    pass


def partners_linked(label: str, **kwargs) -> PartnersFilter:
    """Partners chosen by a partner page's link (?<name>=<slug>): not a select of the form,
    but kept in it as hidden fields when the visitor changes the other filters."""
    return PartnersFilter(
        label=label,
        queryset=Organisation.objects.for_choices(),
        to_field_name="slug",
        widget=forms.MultipleHiddenInput,
        **kwargs,
    )


class OrganisationsNamedMixin:
    """For a filter that a partner's page links to, not shown in the form (?<name>=<slug>)."""

    def organisations_named(self, name: str) -> SafeString:
        """Their names, each with its ``lang``, for the list's "Study visits joined by …"."""
        if not self.is_bound or not self.is_valid():
            return SafeString("")
        chosen = self.form.cleaned_data.get(name) or []
        return format_html_join(", ", "{}", ((shown_html(org, "name"),) for org in chosen))


class StudyVisitFilter(OrganisationsNamedMixin, django_filters.FilterSet):
    cluster = django_filters.ModelChoiceFilter(
        label=_("Cluster"),
        queryset=Cluster.objects.for_choices(),
        to_field_name="slug",
        empty_label=_("All clusters"),
        widget=ContentLanguageSelect(label_field="short_name"),
    )
    host = django_filters.ModelChoiceFilter(
        label=_("Host"),
        # EXISTS, not a join made distinct: one probe of the host index per organisation.
        queryset=Organisation.objects.filter(
            Exists(StudyVisit.objects.filter(host=OuterRef("pk")))
        ).for_choices(),
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
    # Not in the form: a partner's page links to the visits it joined (?participant=<slug>).
    participant = partners_linked(_("Participant"), field_name="participants__slug")

    class Meta:
        model = StudyVisit
        fields = ["cluster", "host", "year", "status", "when", "participant"]

    @property
    def participants(self) -> SafeString:
        return self.organisations_named("participant")

    def filter_year(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(start_date__year=int(value))

    def filter_when(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "upcoming":
            # The next visit first.
            return queryset.upcoming().order_by("start_date", "title")
        return queryset.past()


class StaffExchangeFilter(OrganisationsNamedMixin, django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=StaffExchangeKind.choices, empty_label=_("All kinds")
    )
    cluster = django_filters.ModelChoiceFilter(
        label=_("Cluster"),
        queryset=Cluster.objects.for_choices(),
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
    # Not in the form: a partner's page links to its exchanges, sent or hosted
    # (?organisation=<slug>).
    organisation = partners_linked(_("Partner organisation"), method="filter_organisation")

    class Meta:
        model = StaffExchange
        fields = ["kind", "cluster", "year", "organisation"]

    @property
    def organisations(self) -> SafeString:
        return self.organisations_named("organisation")

    def filter_organisation(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(Q(sending__in=value) | Q(hosting__in=value))

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
