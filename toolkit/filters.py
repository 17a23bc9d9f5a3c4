"""The toolkit's search form: facets, full-text search and sorting in one FilterSet.

The list page, its CSV download and nothing else read it, so both always agree
on which practices match and in which order.

Facets are "disjunctive": the count beside an option is what the results would
be with that option added, so the counts of one facet ignore the facet's own
selection but honour all the others. Each facet costs one ``GROUP BY`` query,
however many options it has.
"""

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from cities.models import Cluster, Organisation
from core.content_language import columns_for_reader, first_text
from core.models import CONTENT_LANGUAGES
from toolkit.models import Practice, TargetGroup, VolunteeringModel
from toolkit.search import MAX_QUERY_LENGTH, search_practices


class SortOrder:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    TITLE = "title"
    CHOICES = [
        (RELEVANCE, _("Relevance")),
        (NEWEST, _("Newest first")),
        (TITLE, _("Title (A to Z)")),
    ]


class AnyTextMultipleField(forms.MultipleChoiceField):
    """Several free-text values, such as city names; an unknown city simply matches nothing."""

    def valid_value(self, value: str) -> bool:
        return len(value) <= 100

    def validate(self, value) -> None:
        super().validate(value)
        # As Django's own text fields say it: PostgreSQL cannot compare text holding NUL.
        for text in value:
            ProhibitNullCharactersValidator()(text)


class AnyTextMultipleFilter(django_filters.MultipleChoiceFilter):
    field_class = AnyTextMultipleField


# Facets with more options than this start folded.
OPEN_FACET_SIZE = 4
# What a volunteer narrows by first (what the practice is about, whom it is for): always open.
ALWAYS_OPEN_FACETS = ("cluster", "target_group")


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool

    @property
    def count_noun(self) -> str:
        # Here rather than {% blocktranslate count %} in the template: the city
        # facet alone has a hundred options, and the tag costs far more.
        return ngettext("practice", "practices", self.count)


@dataclass
class Facet:
    name: str
    legend: str
    options: list[FacetOption] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def has_selection(self) -> bool:
        return any(option.selected for option in self.options)

    @property
    def selected_count(self) -> int:
        return sum(option.selected for option in self.options)

    @property
    def starts_open(self) -> bool:
        """Short facets and those in use are open; long ones fold away, above all on phones."""
        return (
            self.name in ALWAYS_OPEN_FACETS
            or self.has_selection
            or bool(self.errors)
            or len(self.options) <= OPEN_FACET_SIZE
        )


class PracticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search the toolkit"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Words from the title, summary or description, for example “mentoring”."),
    )
    cluster = django_filters.ModelMultipleChoiceFilter(
        label=_("Cluster"),
        queryset=Cluster.objects.all(),
        to_field_name="slug",
        method="filter_cluster",
        widget=forms.CheckboxSelectMultiple,
    )
    target_group = django_filters.ModelMultipleChoiceFilter(
        label=_("Target group"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        method="filter_target_group",
        widget=forms.CheckboxSelectMultiple,
    )
    model = django_filters.MultipleChoiceFilter(
        label=_("Volunteering model"),
        choices=VolunteeringModel.choices,
        method="filter_in",
        widget=forms.CheckboxSelectMultiple,
    )
    country = django_filters.MultipleChoiceFilter(
        label=_("Country"),
        choices=countries,
        method="filter_in",
        widget=forms.CheckboxSelectMultiple,
    )
    city = AnyTextMultipleFilter(
        label=_("City"), method="filter_in", widget=forms.CheckboxSelectMultiple
    )
    language = django_filters.MultipleChoiceFilter(
        label=_("Language"),
        choices=CONTENT_LANGUAGES,
        method="filter_in",
        widget=forms.CheckboxSelectMultiple,
    )
    # Not a facet: the partner page links to its practices with ?organisation=<slug>.
    organisation = django_filters.ModelMultipleChoiceFilter(
        label=_("Partner organisation"),
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        method="filter_organisation",
        widget=forms.MultipleHiddenInput,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SortOrder.CHOICES,
        method="filter_nothing",
        empty_label=None,
    )

    # GET parameter → model field, for the facets filtered by value.
    FIELD_OF = {
        "model": "volunteering_model",
        "country": "origin_country",
        "city": "origin_city",
        "language": "language",
    }
    FACETS = ("cluster", "target_group", "model", "country", "city", "language")

    class Meta:
        model = Practice
        fields = [
            "q",
            "cluster",
            "target_group",
            "model",
            "country",
            "city",
            "language",
            "organisation",
            "sort",
        ]

    # Filtering -------------------------------------------------------------

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_practices(queryset, value)

    def filter_cluster(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if not value:  # an empty selection arrives as an empty QuerySet, not as []
            return queryset
        # EXISTS rather than a join: a practice in two chosen clusters is listed once.
        through = Practice.clusters.through.objects.filter(
            practice=OuterRef("pk"), cluster__in=value
        )
        return queryset.filter(Exists(through))

    def filter_target_group(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if not value:
            return queryset
        through = Practice.target_groups.through.objects.filter(
            practice=OuterRef("pk"), targetgroup__in=value
        )
        return queryset.filter(Exists(through))

    def filter_organisation(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(organisation__in=value) if value else queryset

    def filter_in(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        return queryset.filter(**{f"{self.FIELD_OF[name]}__in": value})

    def filter_nothing(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return self.sort_queryset(super().filter_queryset(queryset))

    # Sorting ---------------------------------------------------------------

    @property
    def valid_data(self) -> dict:
        """The values that passed validation (all of them when the form is valid)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return self.form.cleaned_data

    @property
    def search_text(self) -> str:
        return (self.valid_data.get("q") or "").strip()

    @property
    def sort_order(self) -> str:
        default = SortOrder.RELEVANCE if self.search_text else SortOrder.NEWEST
        chosen = self.valid_data.get("sort") or default
        if chosen == SortOrder.RELEVANCE and not self.search_text:
            return SortOrder.NEWEST
        return chosen

    def sort_queryset(self, queryset: QuerySet) -> QuerySet:
        order = self.sort_order
        if order == SortOrder.RELEVANCE:
            return queryset.order_by("-rank", "-published_at", "title")
        if order == SortOrder.TITLE:
            return queryset.order_by("title", "pk")
        return queryset.order_by("-published_at", "title")

    # Facets ----------------------------------------------------------------

    def queryset_without(self, name: str) -> QuerySet:
        """The results with every filter applied except ``name``, unordered."""
        queryset = self.queryset.all()
        for other, value in self.valid_data.items():
            if other not in (name, "sort"):
                queryset = self.filters[other].filter(queryset, value)
        return queryset.order_by()

    def selected(self, name: str) -> set[str]:
        values = self.valid_data.get(name) or []
        return {getattr(value, "slug", value) for value in values}

    def facets(self) -> list[Facet]:
        return [self.facet(name) for name in self.FACETS]

    def facet(self, name: str) -> Facet:
        selected = self.selected(name)
        rows = self._count_rows(name)
        options = {
            value: FacetOption(value, label, count, value in selected)
            for value, label, count in rows
            if value
        }
        # A chosen option stays visible (to be unchosen) even when nothing matches it.
        for value in selected - options.keys():
            options[value] = FacetOption(value, self._label(name, value), 0, True)
        return Facet(
            name=name,
            legend=str(self.filters[name].label),
            options=sorted(options.values(), key=lambda option: option.label.lower()),
            errors=list(self.form.errors.get(name, [])) if self.is_bound else [],
        )

    def _count_rows(self, name: str) -> list[tuple[str, str, int]]:
        queryset = self.queryset_without(name)
        # Names have a column per language (modeltranslation), which values()
        # across a relation does not pick: ask for the reader's and the default.
        if name == "cluster":
            names = [
                *columns_for_reader("short_name", "clusters__"),
                *columns_for_reader("name", "clusters__"),
            ]
            rows = (
                queryset.values("clusters__slug", *names)
                .annotate(count=Count("pk"))
                .values_list("clusters__slug", *names, "count")
            )
            return [(row[0], first_text(*row[1:-1]), row[-1]) for row in rows]
        if name == "target_group":
            names = columns_for_reader("name", "target_groups__")
            rows = (
                queryset.values("target_groups__slug", *names)
                .annotate(count=Count("pk"))
                .values_list("target_groups__slug", *names, "count")
            )
            return [(row[0], first_text(*row[1:-1]), row[-1]) for row in rows]
        column = self.FIELD_OF[name]
        rows = queryset.values(column).annotate(count=Count("pk")).values_list(column, "count")
        return [(value, self._label(name, value), count) for value, count in rows]

    def _label(self, name: str, value: str) -> str:
        if name == "model":
            return str(dict(VolunteeringModel.choices).get(value, value))
        if name == "country":
            return str(countries.name(value) or value)
        if name == "language":
            return str(dict(CONTENT_LANGUAGES).get(value, value))
        if name == "cluster":
            cluster = next(c for c in self.valid_data.get("cluster", []) if c.slug == value)
            return str(cluster)
        if name == "target_group":
            group = next(g for g in self.valid_data.get("target_group", []) if g.slug == value)
            return str(group)
        return value

    @property
    def organisations(self) -> list:
        return list(self.valid_data.get("organisation") or [])

    @property
    def has_selection(self) -> bool:
        return any(self.valid_data.get(name) for name in (*self.FACETS, "q", "organisation"))
