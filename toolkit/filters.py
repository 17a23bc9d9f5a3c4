"""The toolkit's search form: facets, full-text search and sorting in one FilterSet.

The list page, its CSV download and nothing else read it, so both always agree
on which practices match and in which order.

Facets are "disjunctive": the count beside an option is what the results would
be with that option added, so the counts of one facet ignore the facet's own
selection but honour all the others. All facets are counted in one query,
however many facets and options there are: the practices matching the search
and every other filter are found once (a ``WITH`` of their ids, facet values
and, for each facet in use, whether the practice satisfies it), and each
facet's counts are a ``GROUP BY`` over that set, keeping the rows that satisfy
every facet but its own. The search itself runs once for the counts, not once
per facet. The same query counts the results (the rows satisfying every facet),
so the list page needs no ``COUNT(*)`` of its own, and returns the page's ids in
the list's order (``want_page``): a search is run and ranked once per page view.

When nothing but a facet's own selection narrows the practices (no search,
no other facet, as on the toolkit's first page for every facet), its counts are
those of every published practice, which PostgreSQL keeps in
``PublishedFacetCount`` as practices change: one small table is read instead of
every practice, however many there are.
"""

from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import and_, or_

import django_filters
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db import connection
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries
from modeltranslation.manager import rewrite_lookup_key

from cities.models import Cluster, Organisation
from core.content_language import columns_for_reader
from core.countries import country_name
from core.forms_renderer import without_forbidden_characters
from core.models import CONTENT_LANGUAGES
from toolkit.models import (
    Practice,
    PracticeSearchVectors,
    PracticeStatus,
    PublishedFacetCount,
    TargetGroup,
    VolunteeringModel,
)
from toolkit.search import (
    MAX_QUERY_LENGTH,
    reads_search_rows,
    search_practices,
    uses_full_text_search,
)


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
        method="filter_condition",
        widget=forms.CheckboxSelectMultiple,
    )
    target_group = django_filters.ModelMultipleChoiceFilter(
        label=_("Target group"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        method="filter_condition",
        widget=forms.CheckboxSelectMultiple,
    )
    model = django_filters.MultipleChoiceFilter(
        label=_("Volunteering model"),
        choices=VolunteeringModel.choices,
        method="filter_condition",
        widget=forms.CheckboxSelectMultiple,
    )
    country = django_filters.MultipleChoiceFilter(
        label=_("Country"),
        choices=countries,
        method="filter_condition",
        widget=forms.CheckboxSelectMultiple,
    )
    city = AnyTextMultipleFilter(
        label=_("City"), method="filter_condition", widget=forms.CheckboxSelectMultiple
    )
    language = django_filters.MultipleChoiceFilter(
        label=_("Language"),
        choices=CONTENT_LANGUAGES,
        method="filter_condition",
        widget=forms.CheckboxSelectMultiple,
    )
    # Not a facet: the partner page links to its practices with ?organisation=<slug>.
    organisation = django_filters.ModelMultipleChoiceFilter(
        label=_("Partner organisation"),
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        method="filter_condition",
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
    # Facets counted through a many-to-many relation: facet → field of Practice.
    RELATED_FACETS = {"cluster": "clusters", "target_group": "target_groups"}
    # Where PostgreSQL keeps each practice's ids of them (PracticeSearchVectors).
    KEPT_IDS = {"cluster": "cluster_ids", "target_group": "target_group_ids"}

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

    def __init__(self, *args, all_published: bool = False, **kwargs) -> None:
        """``all_published``: the queryset is every published practice, so the stored
        counts (``PublishedFacetCount``) are its counts when nothing is chosen."""
        super().__init__(*args, **kwargs)
        self.all_published = all_published
        # (offset, size) of the results a list page shows: see want_page().
        self._page_window: tuple[int, int] | None = None
        self._page_found = False
        self._narrowed: QuerySet | None = None

    # Filtering -------------------------------------------------------------

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_practices(queryset, value)

    def filter_condition(self, queryset: QuerySet, name: str, value: list) -> QuerySet:
        # ``value``: what the facet's field cleaned, a list (slugs' rows, codes or names).
        condition = self.condition(name, value, search_rows=reads_search_rows(queryset))
        return queryset if condition is None else queryset.filter(condition)

    def condition(self, name: str, value, *, search_rows: bool = False) -> Q | None:
        """What a practice must satisfy for filter ``name`` set to ``value``; None: anything.

        The same condition filters the results and, in the facet counts, says
        which practices satisfy each facet. ``search_rows``: said of the practices'
        search rows (``PracticeSearchVectors``, which have the same fields' names).
        """
        if not value:  # an empty selection arrives as an empty QuerySet, not as []
            return None
        if name in self.KEPT_IDS and self._searches_kept_ids:
            ids = [option.pk for option in value]
            path = "" if search_rows else "search_vectors__"
            return Q(**{f"{path}{self.KEPT_IDS[name]}__overlaps": ids})
        # EXISTS rather than a join: a practice in two chosen clusters is listed once.
        if name == "cluster":
            through = Practice.clusters.through.objects.filter(
                practice=OuterRef("pk"), cluster__in=value
            )
            return Q(Exists(through))
        if name == "target_group":
            through = Practice.target_groups.through.objects.filter(
                practice=OuterRef("pk"), targetgroup__in=value
            )
            return Q(Exists(through))
        if name == "organisation":
            return Q(organisation__in=value)
        return Q(**{f"{self.FIELD_OF[name]}__in": value})

    @property
    def _searches_kept_ids(self) -> bool:
        """Whether a chosen cluster or target group is checked on the ids PostgreSQL keeps
        beside each practice's vectors: when a search reads those rows anyway. (Without a
        search, the links of the chosen options are fewer than the rows of every
        practice's vectors.)"""
        return uses_full_text_search() and bool(self.search_text)

    def filter_nothing(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        """``queryset`` (``self.queryset``, as ``qs`` passes it) narrowed by every filter.

        The search and the filters that are not facets are applied once, for the
        results and for the facets' query (``matching()``).
        """
        queryset = self.narrowed()
        for name in self.FACETS:
            if name in self.form.cleaned_data:
                queryset = self.filters[name].filter(queryset, self.form.cleaned_data[name])
        return self.sort_queryset(queryset)

    def narrowed(self) -> QuerySet:
        """The practices matching every filter but the facets (the search among them)."""
        if self._narrowed is None:
            self._narrowed = self._narrow(self.queryset.all())
        return self._narrowed.all()

    def _narrow(self, queryset: QuerySet) -> QuerySet:
        for name, value in self.valid_data.items():
            if name not in (*self.FACETS, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def _counts_search_rows(self) -> bool:
        """Whether the facets count the matches from their search rows alone: a search on
        PostgreSQL among every published practice. (Otherwise, or without a search, the
        practices' rows are read: the rows of every practice, or those of the chosen
        options' links, are what a list without a search reads anyway.)"""
        return self.all_published and self._searches_kept_ids

    def _matching_rows(self) -> QuerySet:
        """``narrowed()``, or the same practices' search rows (``_counts_search_rows``)."""
        if self._counts_search_rows:
            return self._narrow(
                PracticeSearchVectors.objects.filter(status=PracticeStatus.PUBLISHED)
            )
        return self.narrowed()

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
        # Shown in the title and above the results: without characters HTML forbids.
        return without_forbidden_characters(self.valid_data.get("q") or "").strip()

    @property
    def sort_order(self) -> str:
        default = SortOrder.RELEVANCE if self.search_text else SortOrder.NEWEST
        chosen = self.valid_data.get("sort") or default
        if chosen == SortOrder.RELEVANCE and not self.search_text:
            return SortOrder.NEWEST
        return chosen

    def sort_keys(self) -> tuple[str, ...]:
        # The id last: practices alike in every other key keep one order from page to page.
        order = self.sort_order
        if order == SortOrder.RELEVANCE:
            return ("-rank", "-published_at", "title", "pk")
        if order == SortOrder.TITLE:
            return ("title", "pk")
        return ("-published_at", "title", "pk")

    def sort_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by(*self.sort_keys())

    # Facets ----------------------------------------------------------------

    def matching(self) -> QuerySet:
        """The practices matching every filter but the facets, unordered, as rows of values.

        Each row holds the practice's id, its value for each facet counted by
        value, and ``in_<facet>``, whether it satisfies the facet, for each facet
        with a selection. A practice failing two chosen facets counts in none, and is
        left out. With a search on PostgreSQL among every published practice, the rows
        are the matches' search rows (``_counts_search_rows``).
        """
        queryset = self._matching_rows()
        search_rows = reads_search_rows(queryset)
        flags = {}
        for name in self.FACETS:
            condition = self.condition(name, self.valid_data.get(name), search_rows=search_rows)
            if condition is not None:
                flags[f"in_{name}"] = ExpressionWrapper(condition, output_field=BooleanField())
        # With a page wanted, the sort keys too (the search's rank among them).
        keys = [column for column, _descending in self._sort_columns() if column != "pk"]
        sort_columns = keys if self._page_window else []
        # The ids of each practice's clusters and target groups, where PostgreSQL keeps them
        # (the search rows' own fields: named alike).
        kept_ids = (
            {
                f"{name}_ids": F(f"search_vectors__{column}")
                for name, column in self.KEPT_IDS.items()
            }
            if uses_full_text_search() and not search_rows
            else {}
        )
        kept_fields = list(self.KEPT_IDS.values()) if search_rows else []
        queryset = queryset.annotate(**flags)
        if len(flags) > 1:
            # A practice failing two facets counts in no facet: left out where it is read
            # (at scale, a search's matches before they are joined to their practices).
            queryset = queryset.filter(
                reduce(
                    or_,
                    (
                        reduce(and_, (Q(**{other: True}) for other in flags if other != flag))
                        for flag in flags
                    ),
                )
            )
        return queryset.order_by().values(
            "pk", *self.FIELD_OF.values(), *flags, *sort_columns, *kept_fields, **kept_ids
        )

    def selected(self, name: str) -> set[str]:
        values = self.valid_data.get(name) or []
        return {getattr(value, "slug", value) for value in values}

    def facets(self) -> list[Facet]:
        rows = {name: [] for name in self.FACETS}
        for name, value, label, count in self._counts:
            if name in rows:
                rows[name].append((value, label, count))
        return [self.facet(name, rows[name]) for name in self.FACETS]

    @property
    def count(self) -> int:
        """How many practices match every filter, counted in the facets' query."""
        return next(
            (count for name, _value, _label, count in self._counts if name == self.TOTAL), 0
        )

    def facet(self, name: str, rows: list[tuple[str, str | None, int]]) -> Facet:
        selected = self.selected(name)
        options = {
            value: FacetOption(
                value,
                self._label(name, value) if label is None else label,
                count,
                value in selected,
            )
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

    # The name of the row that counts the results among the facets' rows.
    TOTAL = PublishedFacetCount.TOTAL
    # The name of the rows holding the wanted page's results: (PAGE, None, position, id).
    PAGE = "page"
    # A list page further than this is looked up on its own (and is empty in practice).
    MAX_PAGE_OFFSET = 1_000_000

    def want_page(self, offset: int, size: int) -> None:
        """Ask the facets' query for the ``size`` results from ``offset`` too.

        Where it finds the matches anyway (a search, a facet chosen), the page's
        ids come from the same set, sorted there: the search runs once for the
        counts, the total and the page. Call before the counts are read; then
        ``page_ids``.
        """
        if 0 <= offset <= self.MAX_PAGE_OFFSET:
            self._page_window = (offset, size)

    @property
    def page_ids(self) -> list[int] | None:
        """The wanted page's practice ids in order, or None when the facets' query did not
        find them (nothing but stored counts read, or no page wanted)."""
        rows = [(int(label), pk) for name, _value, label, pk in self._counts if name == self.PAGE]
        return [pk for _position, pk in sorted(rows)] if self._page_found else None

    @property
    def counts_are_stored(self) -> bool:
        """Whether every count is read from ``PublishedFacetCount``: every published
        practice is listed, nothing chosen narrows them (the toolkit's plain list)."""
        return self._stored_counts_apply and all(
            self.condition(name, self.valid_data.get(name)) is None for name in self.FACETS
        )

    @property
    def counted(self) -> bool:
        """Whether the counts were read (``page_ids`` then needs no query of its own)."""
        return "_counts" in self.__dict__

    @cached_property
    def _counts(self) -> list[tuple[str, str | None, str | None, int]]:
        return self._count_rows()

    @property
    def _stored_counts_apply(self) -> bool:
        """Whether ``PublishedFacetCount`` holds the counts of a facet none of the others
        narrows: the queryset is every published practice and no search or other
        filter than the facets narrows it."""
        narrowing = (name for name in self.filters if name not in (*self.FACETS, "sort"))
        return (
            self.all_published
            and uses_full_text_search()
            and not any(self.valid_data.get(name) for name in narrowing)
        )

    def _count_rows(self) -> list[tuple[str, str | None, str | None, int]]:
        """``(facet, value, label, count)`` for every option of every facet, in one query,
        and ``(TOTAL, None, None, count)``: the practices satisfying every facet.

        A facet's counts ignore its own selection: when nothing else narrows the
        practices, they are the stored counts of every published practice, read
        instead of counted (on the toolkit's first page, every facet's).
        """
        matching = self.matching()
        flags = [f"in_{name}" for name in self.FACETS if f"in_{name}" in matching.query.annotations]
        stored = self._stored_counts_apply
        # The columns are read by the names values() gives them: pk, the fields, the flags.
        sql, params = matching.query.sql_with_params()
        counts, count_params = [], []
        for name in self.FACETS:
            others = [flag for flag in flags if flag != f"in_{name}"]
            if stored and not others:
                counts.append(self._stored_facet_sql(name))
                count_params += [name, name]
                continue
            where = f"WHERE {' AND '.join(f'matching.{flag}' for flag in others)}" if others else ""
            if name in self.RELATED_FACETS and uses_full_text_search():
                counts.append(self._kept_ids_facet_sql(name, where))
                count_params.append(name)
                continue
            if name in self.RELATED_FACETS:
                value, label, joins = self._related_facet_sql(name)
                group = f"{value}, {label}"
            else:
                value, label, joins = f"matching.{self.FIELD_OF[name]}", "NULL", ""
                group = value
            # Only names from the models and this class go into the text; values are params.
            counts.append(
                f"SELECT %s, {value}, {label}, COUNT(*) FROM matching {joins} {where} "  # noqa: S608
                f"GROUP BY {group}"
            )
            count_params.append(name)
        # Every count is stored exactly when nothing but at most one facet narrows the list.
        reads_matching = not (stored and not flags)
        where = f"WHERE {' AND '.join(f'matching.{flag}' for flag in flags)}" if flags else ""
        if reads_matching:
            counts.append(f"SELECT %s, NULL, NULL, COUNT(*) FROM matching {where}")  # noqa: S608
            count_params.append(self.TOTAL)
        else:
            counts.append(self._stored_facet_sql(self.TOTAL))
            count_params += [self.TOTAL, self.TOTAL]
        # The page where the matches are found anyway: from stored counts alone, the list's
        # own query (an index read in order, stopping after a page) is quicker.
        self._page_found = bool(self._page_window) and reads_matching
        if self._page_found:
            page_sql, page_params = self._page_sql(where)
            counts.append(page_sql)
            count_params += page_params
        # ``matching`` is used once per facet: PostgreSQL computes it once (a CTE used
        # more than once is materialised), so the search runs once for all the counts;
        # not at all when every count is stored.
        sql = f"WITH matching AS ({sql}) " + " UNION ALL ".join(counts)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *count_params])
            return cursor.fetchall()

    def _sort_columns(self) -> list[tuple[str, bool]]:
        """The sort keys as the columns ``order_by`` reads (a translated title: the
        reader's language's column) and whether each is descending."""
        return [
            (rewrite_lookup_key(Practice, key.lstrip("-")), key.startswith("-"))
            for key in self.sort_keys()
        ]

    def _page_sql(self, where: str) -> tuple[str, list]:
        """The rows of the wanted page, numbered in the list's order (the order of a
        UNION's rows is not the order of its parts)."""
        sort = self._sort_columns()
        order = ", ".join(f"page.{column} {'DESC' if desc else 'ASC'}" for column, desc in sort)
        columns = ", ".join(f"matching.{column}" for column, _descending in sort)
        offset, size = self._page_window
        # Only names from the models and this class go into the text; values are params.
        sql = (
            f"SELECT %s, NULL, CAST(ROW_NUMBER() OVER (ORDER BY {order}) AS VARCHAR(20)), "  # noqa: S608
            f"page.pk FROM (SELECT {columns} FROM matching {where} "
            f"ORDER BY {order.replace('page.', 'matching.')} LIMIT %s OFFSET %s) page"
        )
        return sql, [self.PAGE, size, offset]

    def _stored_facet_sql(self, name: str) -> str:
        """The rows of facet ``name`` (or of ``TOTAL``) from ``PublishedFacetCount``, whose
        two parameters are the name. Clusters and target groups are stored by id: their
        slugs and names are joined here, so renaming one changes no count."""
        quote = connection.ops.quote_name
        table = quote(PublishedFacetCount._meta.db_table)
        if name in self.RELATED_FACETS:
            option_table, option_pk, label = self._option_sql(name, "facet_option")
            value = f"facet_option.{quote('slug')}"
            joins = (
                f"JOIN {option_table} facet_option "
                f"ON CAST(facet_option.{option_pk} AS TEXT) = stored.value"
            )
        else:
            value, label, joins = "stored.value", "NULL", ""
        # Only names from the models and this class go into the text.
        return (
            f"SELECT %s, {value}, {label}, stored.count FROM {table} stored {joins} "  # noqa: S608
            f"WHERE stored.facet = %s AND stored.count > 0"
        )

    def _kept_ids_facet_sql(self, name: str, where: str) -> str:
        """The rows of related facet ``name`` counted from the ids PostgreSQL keeps beside
        each practice (``matching()``): each option counted by id, then named, without
        joining the matches to their links. One parameter, the name."""
        quote = connection.ops.quote_name
        option_table, option_pk, label = self._option_sql(name, "facet_option")
        # Only names from the models and this class go into the text.
        return (
            f"SELECT %s, facet_option.{quote('slug')}, {label}, counted.count FROM ("  # noqa: S608
            f"SELECT ids.option_id, COUNT(*) AS count FROM (SELECT unnest(matching.{name}_ids) "
            f"AS option_id FROM matching {where}) ids GROUP BY ids.option_id) counted "
            f"JOIN {option_table} facet_option ON facet_option.{option_pk} = counted.option_id"
        )

    def _related_facet_sql(self, name: str) -> tuple[str, str, str]:
        """The option's slug, its name in the reader's language and the joins reaching it."""
        quote = connection.ops.quote_name
        relation = Practice._meta.get_field(self.RELATED_FACETS[name])
        link_table = quote(relation.remote_field.through._meta.db_table)
        link_practice = quote(relation.m2m_column_name())
        link_option = quote(relation.m2m_reverse_name())
        option_table, option_pk, label = self._option_sql(name, "facet_option")
        joins = (
            f"JOIN {link_table} facet_link ON facet_link.{link_practice} = matching.pk "
            f"JOIN {option_table} facet_option "
            f"ON facet_option.{option_pk} = facet_link.{link_option}"
        )
        return f"facet_option.{quote('slug')}", label, joins

    def _option_sql(self, name: str, alias: str) -> tuple[str, str, str]:
        """The table of a related facet's options, its key, and the name of option ``alias``
        in the reader's language."""
        quote = connection.ops.quote_name
        option = Practice._meta.get_field(self.RELATED_FACETS[name]).related_model
        # modeltranslation gives the names a column per language: the reader's, else the default.
        names = [
            *(columns_for_reader("short_name") if name == "cluster" else []),
            *columns_for_reader("name"),
        ]
        label = ", ".join(f"NULLIF({alias}.{quote(column)}, '')" for column in names)
        return quote(option._meta.db_table), quote(option._meta.pk.column), f"COALESCE({label}, '')"

    def _label(self, name: str, value: str) -> str:
        if name == "model":
            return str(dict(VolunteeringModel.choices).get(value, value))
        if name == "country":
            return country_name(value)
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
