from collections import Counter

import django_filters
from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cities.models import Organisation, OrganisationKind
from core.countries import country_name


class PartnerFilter(django_filters.FilterSet):
    """The partner directory's facets: country and kind, each option with its count.

    A count says how many partners the option would show together with the
    other facet's current choice, so a visitor never picks an empty result.
    """

    country = django_filters.MultipleChoiceFilter(
        label=_("Country"), widget=forms.CheckboxSelectMultiple
    )
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind of organisation"),
        choices=OrganisationKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = ["country", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One grouped query gives both the options and their counts.
        pairs = Counter(
            {
                (row["country"], row["kind"]): row["n"]
                for row in Organisation.objects.order_by()
                .values("country", "kind")
                .annotate(n=Count("pk"))
            }
        )
        present = sorted({country for country, _kind in pairs}, key=country_name)
        chosen_countries = set(self._chosen("country")) & set(present)
        chosen_kinds = set(self._chosen("kind")) & set(OrganisationKind.values)

        self.country_counts = Counter()
        self.kind_counts = Counter()
        for (country, kind), n in pairs.items():
            if not chosen_kinds or kind in chosen_kinds:
                self.country_counts[country] += n
            if not chosen_countries or country in chosen_countries:
                self.kind_counts[kind] += n

        self.filters["country"].extra["choices"] = [
            (code, f"{country_name(code)} ({self.country_counts[code]})") for code in present
        ]
        self.filters["kind"].extra["choices"] = [
            (value, f"{label} ({self.kind_counts[value]})")
            for value, label in OrganisationKind.choices
        ]

    def _chosen(self, name: str) -> list[str]:
        if not self.data:
            return []
        if hasattr(self.data, "getlist"):
            return self.data.getlist(name)
        value = self.data.get(name)
        return value if isinstance(value, list) else [value]

    @property
    def is_filtered(self) -> bool:
        return any(self._chosen(name) for name in self.filters)
