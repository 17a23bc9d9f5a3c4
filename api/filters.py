"""The transfers' filters: transfers have no list page, so they get their own FilterSet.

The other endpoints reuse the list pages' FilterSets as they are.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from cities.models import Organisation, Project
from exchanges.models import StaffExchange, StudyVisit, Transfer, TransferStage
from reporting.figures import Scope, scoped_transfers
from toolkit.models import Practice


class TransferFilter(django_filters.FilterSet):
    practice = django_filters.ModelChoiceFilter(
        label=_("Practice"), queryset=Practice.objects.published(), to_field_name="slug"
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation taking it up"),
        queryset=Organisation.objects.all(),
        to_field_name="slug",
    )
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=TransferStage.choices)
    study_visit = django_filters.ModelChoiceFilter(
        label=_("Through the study visit"), queryset=StudyVisit.objects.all(), to_field_name="slug"
    )
    staff_exchange = django_filters.ModelChoiceFilter(
        label=_("Through the staff exchange"),
        queryset=StaffExchange.objects.all(),
        to_field_name="slug",
    )
    project = django_filters.ModelChoiceFilter(
        label=_("Project"),
        queryset=Project.objects.all(),
        to_field_name="slug",
        method="filter_project",
    )

    class Meta:
        model = Transfer
        fields = ["practice", "organisation", "stage", "study_visit", "staff_exchange", "project"]

    @extend_schema_field(OpenApiTypes.STR)  # a project's slug
    def filter_project(self, queryset, name, value):
        # The same rule as the report's figures: one definition of a project's transfers.
        return queryset.filter(pk__in=scoped_transfers(Scope(project=value)).values("pk"))
