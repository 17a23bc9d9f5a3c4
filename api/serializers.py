"""The open data's shapes, one serializer per kind of item: the OpenAPI document is made
from these, so what the API writes and what it documents cannot drift apart.

The shapes are those the API has always had (they are public): a reference to another
record is ``{"slug", "name", "url"}``, URLs are absolute, dates are ISO 8601 and times
are written as Django's JSON encoder writes them (UTC, milliseconds, ``Z``).
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cities.models import Project
from exchanges.models import (
    HEAD_COUNT_ROLES,
    ActionPlan,
    ActionPlanVersion,
    PlanAction,
    StaffExchange,
    StudyVisit,
    Transfer,
    VisitDocument,
)
from toolkit.models import Practice, Resource


def absolute(serializer: serializers.Field, path: str) -> str:
    return serializer.context["request"].build_absolute_uri(path)


class AbsoluteURLField(serializers.URLField):
    """A path of the portal (``get_absolute_url``) written as an absolute URL."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: str) -> str:
        return absolute(self, value)


class DateTimeField(serializers.DateTimeField):
    # The JSON renderer's encoder (Django's) writes the time as it always has.
    def to_representation(self, value):
        return value


class OpenDataSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        **dict.fromkeys(
            [
                field
                for field, mapped in serializers.ModelSerializer.serializer_field_mapping.items()
                if mapped is serializers.DateTimeField
            ],
            DateTimeField,
        ),
    }


class RefSerializer(serializers.Serializer):
    """Another record: its slug, its name and its page."""

    slug = serializers.SlugField()
    name = serializers.CharField(source="__str__")
    url = AbsoluteURLField(source="get_absolute_url")


class NamedSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class ProjectSerializer(OpenDataSerializer):
    class Meta:
        model = Project
        fields = ["slug", "acronym", "name"]


class ResourceSerializer(OpenDataSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Resource
        fields = ["title", "url", "language"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, resource: Resource) -> str:
        if resource.is_link:
            return resource.url
        return absolute(
            self,
            reverse(
                "toolkit:resource_download",
                kwargs={"slug": resource.practice.slug, "pk": resource.pk},
            ),
        )


class PracticeSerializer(OpenDataSerializer):
    url = AbsoluteURLField(source="get_absolute_url")
    origin_country = serializers.CharField(source="origin_country.code")
    organisation = RefSerializer(allow_null=True)
    clusters = RefSerializer(many=True)
    target_groups = NamedSerializer(many=True)
    resources = ResourceSerializer(many=True)

    class Meta:
        model = Practice
        fields = [
            "slug",
            "title",
            "url",
            "summary",
            "origin_city",
            "origin_country",
            "organisation",
            "clusters",
            "target_groups",
            "volunteering_model",
            "language",
            "published_at",
            "is_example",
            "resources",
        ]


ParticipantsSerializer = type(
    "ParticipantsSerializer",
    (serializers.Serializer,),
    {
        **{role: serializers.IntegerField(min_value=0) for role in HEAD_COUNT_ROLES},
        "total": serializers.IntegerField(min_value=0),
    },
)


class VisitDocumentSerializer(OpenDataSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = VisitDocument
        fields = ["title", "language", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, document: VisitDocument) -> str:
        return absolute(
            self,
            reverse(
                "exchanges:document_download",
                kwargs={"slug": document.visit.slug, "pk": document.pk},
            ),
        )


class StudyVisitSerializer(OpenDataSerializer):
    url = AbsoluteURLField(source="get_absolute_url")
    project = ProjectSerializer()
    host = RefSerializer()
    cluster = RefSerializer(allow_null=True)
    participants = serializers.SerializerMethodField()
    documents = VisitDocumentSerializer(many=True)

    class Meta:
        model = StudyVisit
        fields = [
            "slug",
            "title",
            "url",
            "summary",
            "project",
            "host",
            "cluster",
            "start_date",
            "end_date",
            "status",
            "participants",
            "documents",
            "is_example",
        ]

    @extend_schema_field(ParticipantsSerializer)
    def get_participants(self, visit: StudyVisit) -> dict:
        # Counted by the list's annotation (one query for the page, not one per visit).
        counts = {role: getattr(visit, f"n_{role}") or 0 for role in HEAD_COUNT_ROLES}
        return {**counts, "total": sum(counts.values())}


class StaffExchangeSerializer(OpenDataSerializer):
    url = AbsoluteURLField(source="get_absolute_url")
    project = ProjectSerializer()
    sending = RefSerializer()
    hosting = RefSerializer()
    cluster = RefSerializer(allow_null=True)

    class Meta:
        model = StaffExchange
        fields = [
            "slug",
            "title",
            "url",
            "project",
            "kind",
            "sending",
            "hosting",
            "cluster",
            "start_date",
            "end_date",
            "staff_count",
            "status",
            "objectives",
            "outcomes",
            "is_example",
        ]


class PlanVersionSerializer(OpenDataSerializer):
    label = serializers.CharField(source="version_label")
    url = serializers.SerializerMethodField()

    class Meta:
        model = ActionPlanVersion
        fields = ["label", "uploaded_at", "size", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, version: ActionPlanVersion) -> str:
        return absolute(
            self,
            reverse(
                "exchanges:plan_download", kwargs={"slug": version.plan.slug, "pk": version.pk}
            ),
        )


class InspiredBySerializer(serializers.Serializer):
    practices = RefSerializer(source="inspired_by_practices", many=True)
    study_visits = RefSerializer(source="inspired_by_visits", many=True)
    staff_exchanges = RefSerializer(source="inspired_by_exchanges", many=True)


class PlanActionSerializer(OpenDataSerializer):
    inspired_by = InspiredBySerializer(source="*")

    class Meta:
        model = PlanAction
        fields = [
            "title",
            "description",
            "owner",
            "deadline",
            "status",
            "dropped_reason",
            "inspired_by",
        ]


class ActionPlanSerializer(OpenDataSerializer):
    url = AbsoluteURLField(source="get_absolute_url")
    organisation = RefSerializer()
    project = ProjectSerializer()
    versions = PlanVersionSerializer(many=True)
    actions = PlanActionSerializer(many=True)

    class Meta:
        model = ActionPlan
        fields = [
            "slug",
            "title",
            "url",
            "summary",
            "organisation",
            "project",
            "language",
            "published_at",
            "versions",
            "actions",
            "is_example",
        ]


class TransferSerializer(OpenDataSerializer):
    practice = RefSerializer()
    organisation = RefSerializer()
    study_visit = RefSerializer(allow_null=True)
    staff_exchange = RefSerializer(allow_null=True)
    evidence_file = serializers.SerializerMethodField()

    class Meta:
        model = Transfer
        fields = [
            "practice",
            "organisation",
            "stage",
            "started_on",
            "stage_reached_on",
            "study_visit",
            "staff_exchange",
            "evidence_url",
            "evidence_file",
            "notes",
            "is_example",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_evidence_file(self, transfer: Transfer) -> str | None:
        if not transfer.evidence_file:
            return None
        return absolute(
            self,
            reverse(
                "exchanges:transfer_evidence",
                kwargs={"slug": transfer.practice.slug, "pk": transfer.pk},
            ),
        )


# What the figures and the index answer: written by their views, described here.


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string", "format": "decimal"}]})
class FigureValueField(serializers.Field):
    pass


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    section = serializers.CharField(allow_null=True)
    label = serializers.CharField()
    value = FigureValueField(help_text="A count, or an amount of money as a decimal string.")
    target = serializers.IntegerField(allow_null=True)
    detail = serializers.CharField(allow_blank=True)
    unit = serializers.ChoiceField(choices=["EUR"], allow_null=True)
    definition = serializers.CharField()
    period_basis = serializers.CharField(allow_null=True)
    cluster_basis = serializers.CharField(allow_null=True)


class FiguresProjectSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    acronym = serializers.CharField()
    name = serializers.CharField()
    url = serializers.URLField()
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    cluster = serializers.SlugField(allow_null=True)


class FiguresSerializer(serializers.Serializer):
    project = FiguresProjectSerializer(allow_null=True)
    figures = FigureSerializer(many=True)


class EndpointsSerializer(serializers.Serializer):
    practices = serializers.URLField()
    study_visits = serializers.URLField()
    staff_exchanges = serializers.URLField()
    action_plans = serializers.URLField()
    transfers = serializers.URLField()
    figures = serializers.URLField()


class PaginationHelpSerializer(serializers.Serializer):
    page = serializers.CharField()
    page_size = serializers.CharField()


class IndexSerializer(serializers.Serializer):
    endpoints = EndpointsSerializer()
    pagination = PaginationHelpSerializer()
    example = serializers.URLField()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class ParameterErrorSerializer(serializers.Serializer):
    message = serializers.CharField()
    code = serializers.CharField()


class BadParametersSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=ParameterErrorSerializer(many=True),
        help_text="For each parameter that could not be used, why.",
    )
