"""Open data: read-only JSON of what the public pages show, and nothing more.

Every endpoint answers as an anonymous visitor would see the portal, whoever
asks: published practices only, public action plans only, public documents
only. Lists are filtered with the list pages' own FilterSets (the same query
parameters, the same meaning) and paginated with ``page`` and ``page_size``.

Built on Django REST framework, so that drf-spectacular describes the API from
this code (OpenAPI 3.1, ``/api/schema/``). No authentication and no session:
the same URL gives the same data to everyone, and a POST is a 405, not a CSRF
403. Every answer, errors included, carries ``Access-Control-Allow-Origin: *``.
"""

import json

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, QuerySet, Sum
from django.http import HttpResponse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import exceptions
from rest_framework.generics import ListAPIView
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.pagination import BasePagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from api import catalogue, serializers
from api.filters import TransferFilter
from cities.models import Project
from core.cache import cached_fragment
from core.models import Visibility
from exchanges.filters import ActionPlanFilter, StaffExchangeFilter, StudyVisitFilter
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
from reporting.figures import Figure, Scope, key_figures, report_figures
from reporting.forms import ReportFilterForm
from toolkit.filters import PracticeFilter
from toolkit.models import Practice, Resource

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
ALLOWED_METHODS = "GET, HEAD, OPTIONS"


class PageForm(forms.Form):
    page = forms.IntegerField(min_value=1, required=False)
    page_size = forms.IntegerField(min_value=1, required=False)

    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1

    def size(self) -> int:
        # Larger pages are not refused, only capped: a client asking for 1000 gets 100.
        return min(self.cleaned_data.get("page_size") or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


class BadParameters(exceptions.APIException):
    """A query parameter a form or a FilterSet refused: a 400 that says which and why."""

    status_code = 400

    def __init__(self, errors) -> None:
        self.errors = errors
        super().__init__(_("Some parameters could not be used."))


def exception_handler(exc, context) -> Response | None:
    if isinstance(exc, BadParameters):
        return Response({"detail": str(exc.detail), "errors": exc.errors.get_json_data()}, 400)
    return drf_exception_handler(exc, context)


class OpenDataRenderer(JSONRenderer):
    # Django's encoder writes times, decimals and lazy text as the API always has.
    encoder_class = DjangoJSONEncoder


class JSONOnly(BaseContentNegotiation):
    """JSON for every client, whatever it says it accepts: never a 406."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class OpenDataPagination(BasePagination):
    """``page`` and ``page_size`` as the API has always read them; a page past the end
    is a 404."""

    def paginate_queryset(self, queryset, request, view=None):
        paging = PageForm(request.query_params)
        if not paging.is_valid():
            raise BadParameters(paging.errors)
        self.request = request
        self.size = paging.size()
        self.number = paging.page_number()
        self.paginator = Paginator(queryset, self.size)
        if self.number > self.paginator.num_pages:
            raise exceptions.NotFound(_("There is no page %(number)d.") % {"number": self.number})
        self.page = self.paginator.page(self.number)
        return list(self.page.object_list)

    def get_paginated_response(self, data) -> Response:
        page = self.page
        return Response(
            {
                "count": self.paginator.count,
                "page": self.number,
                "page_size": self.size,
                "num_pages": self.paginator.num_pages,
                "next": self.page_url(page.next_page_number()) if page.has_next() else None,
                "previous": (
                    self.page_url(page.previous_page_number()) if page.has_previous() else None
                ),
                "results": data,
            }
        )

    def page_url(self, number: int) -> str:
        query = self.request.query_params.copy()
        query["page"] = number
        return self.request.build_absolute_uri(f"{self.request.path}?{query.urlencode()}")

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "description": str(_("The page number, from 1.")),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": str(page_size_help()),
                "schema": {"type": "integer", "minimum": 1},
            },
        ]

    def get_paginated_response_schema(self, schema: dict) -> dict:
        link = {"type": ["string", "null"], "format": "uri"}
        return {
            "type": "object",
            "required": ["count", "page", "page_size", "num_pages", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1},
                "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                "num_pages": {"type": "integer", "minimum": 1},
                "next": link,
                "previous": link,
                "results": schema,
            },
        }


def page_size_help() -> str:
    return _("Items per page: %(default)d unless given, at most %(max)d.") % {
        "default": DEFAULT_PAGE_SIZE,
        "max": MAX_PAGE_SIZE,
    }


class AnonymousFilterBackend(DjangoFilterBackend):
    """The list pages' FilterSets, with an anonymous visitor's choices; a refused
    value is a 400 with the FilterSet's errors per parameter."""

    def get_filterset_kwargs(self, request, queryset, view) -> dict:
        # request=None: the FilterSets' own choices are those of an anonymous visitor.
        return {**super().get_filterset_kwargs(request, queryset, view), "request": None}

    def filter_queryset(self, request, queryset, view) -> QuerySet:
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise BadParameters(filterset.errors)
        return filterset.qs


ERRORS = {
    400: OpenApiResponse(
        serializers.BadParametersSerializer, description=_("A parameter could not be used.")
    ),
    404: OpenApiResponse(serializers.ErrorSerializer, description=_("There is no such page.")),
}


class OpenDataView(APIView):
    """Anonymous, read-only, JSON only, open to every site, in one language."""

    http_method_names = ["get", "head", "options"]
    authentication_classes = []
    permission_classes = []
    renderer_classes = [OpenDataRenderer]
    parser_classes = []
    content_negotiation_class = JSONOnly

    def dispatch(self, request, *args, **kwargs):
        # One language for everyone, so the same URL always gives the same data.
        with translation.override(settings.LANGUAGE_CODE):
            return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Open data: any site may read it; no cookie is ever needed or used.
        response["Access-Control-Allow-Origin"] = "*"
        if request.method == "OPTIONS":  # a CORS preflight
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = request.headers.get(
                "Access-Control-Request-Headers", "Accept, Accept-Language"
            )
            response["Access-Control-Max-Age"] = "86400"
        return response


class ListEndpoint(OpenDataView, ListAPIView):
    """A paginated list filtered with a list page's FilterSet."""

    filter_backends = [AnonymousFilterBackend]
    pagination_class = OpenDataPagination


class NotFoundEndpoint(OpenDataView):
    """Any other address under /api/: a JSON 404, with the CORS header."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        raise exceptions.NotFound


@extend_schema(
    summary=_("Published practices"),
    description=_("Published practices with their clusters, target groups and public resources."),
    responses={200: serializers.PracticeSerializer(many=True), **ERRORS},
)
class PracticeListEndpoint(ListEndpoint):
    filterset_class = PracticeFilter
    serializer_class = serializers.PracticeSerializer

    def get_queryset(self):
        return (
            Practice.objects.published()
            .with_links()
            .prefetch_related(
                Prefetch(
                    "resources", queryset=Resource.objects.filter(visibility=Visibility.PUBLIC)
                )
            )
            .order_by("-published_at", "title")
        )


@extend_schema(
    summary=_("Study visits"),
    description=_("Study visits with their participants by role and their public documents."),
    responses={200: serializers.StudyVisitSerializer(many=True), **ERRORS},
)
class StudyVisitListEndpoint(ListEndpoint):
    filterset_class = StudyVisitFilter
    serializer_class = serializers.StudyVisitSerializer

    def get_queryset(self):
        return (
            StudyVisit.objects.for_lists()
            .select_related("project")
            .annotate(**{f"n_{role}": Sum(f"participations__{role}") for role in HEAD_COUNT_ROLES})
            .prefetch_related(
                Prefetch(
                    "documents",
                    queryset=VisitDocument.objects.filter(visibility=Visibility.PUBLIC),
                )
            )
            .order_by("-start_date", "title")
        )


@extend_schema(
    summary=_("Staff exchanges"),
    responses={200: serializers.StaffExchangeSerializer(many=True), **ERRORS},
)
class StaffExchangeListEndpoint(ListEndpoint):
    filterset_class = StaffExchangeFilter
    serializer_class = serializers.StaffExchangeSerializer

    def get_queryset(self):
        return (
            StaffExchange.objects.for_lists()
            .select_related("project")
            .order_by("-start_date", "title")
        )


@extend_schema(
    summary=_("Action plans"),
    description=_("Public, published action plans with their file versions and actions."),
    responses={200: serializers.ActionPlanSerializer(many=True), **ERRORS},
)
class ActionPlanListEndpoint(ListEndpoint):
    filterset_class = ActionPlanFilter
    serializer_class = serializers.ActionPlanSerializer

    def get_queryset(self):
        actions = PlanAction.objects.accepted().prefetch_related(
            Prefetch("inspired_by_practices", queryset=Practice.objects.published()),
            "inspired_by_visits",
            "inspired_by_exchanges",
        )
        return (
            ActionPlan.objects.public()
            .select_related("organisation", "project")
            .prefetch_related(
                Prefetch("versions", queryset=ActionPlanVersion.objects.order_by("-uploaded_at")),
                Prefetch("actions", queryset=actions),
            )
            .order_by("organisation__name", "title")
        )


@extend_schema(
    summary=_("Transfers"),
    description=_("Transfers of published practices to other organisations."),
    responses={200: serializers.TransferSerializer(many=True), **ERRORS},
)
class TransferListEndpoint(ListEndpoint):
    filterset_class = TransferFilter
    serializer_class = serializers.TransferSerializer

    def get_queryset(self):
        # A transfer of a practice that is not published is not shown anywhere public.
        return (
            Transfer.objects.public()
            .select_related("practice", "organisation", "study_visit", "staff_exchange")
            .order_by("-started_on", "pk")
        )


class FiguresEndpoint(OpenDataView):
    """The network's key figures, or a project's report figures for a period and a cluster."""

    @extend_schema(
        summary=_("Key figures"),
        description=_(
            "The network's key figures; with a project, the funder's report figures for a "
            "period and a cluster, each with its definition."
        ),
        parameters=[
            OpenApiParameter("project", OpenApiTypes.STR, description=_("A project's slug.")),
            OpenApiParameter(
                "start", OpenApiTypes.DATE, description=_("The first day counted (YYYY-MM-DD).")
            ),
            OpenApiParameter(
                "end", OpenApiTypes.DATE, description=_("The last day counted (YYYY-MM-DD).")
            ),
            OpenApiParameter("cluster", OpenApiTypes.STR, description=_("A cluster's slug.")),
        ],
        responses={200: serializers.FiguresSerializer, **ERRORS},
    )
    def get(self, request) -> Response:
        slug = request.query_params.get("project", "")
        if "\x00" in slug:  # PostgreSQL cannot compare text holding NUL
            message = str(_("Null characters are not allowed."))
            return Response(
                {
                    "detail": str(_("Some parameters could not be used.")),
                    "errors": {
                        "project": [{"message": message, "code": "null_characters_not_allowed"}]
                    },
                },
                status=400,
            )
        if not slug:
            return Response(
                {"project": None, "figures": [self.figure(f, None) for f in key_figures()]}
            )
        project = Project.objects.filter(slug=slug).first()
        if project is None:
            raise exceptions.NotFound(_("There is no such project."))
        form = ReportFilterForm(request.query_params, project=project)
        if not form.is_valid():
            raise BadParameters(form.errors)
        scope: Scope = form.scope()
        report = report_figures(scope, public=True)
        return Response(
            {
                "project": {
                    "slug": project.slug,
                    "acronym": project.acronym,
                    "name": project.name,
                    "url": request.build_absolute_uri(project.get_absolute_url()),
                    "start": scope.start,
                    "end": scope.end,
                    "cluster": scope.cluster.slug if scope.cluster else None,
                },
                "figures": [
                    self.figure(figure, section.key)
                    for section in report.sections
                    for figure in section.figures
                ],
            }
        )

    def figure(self, figure: Figure, section: str | None) -> dict:
        meaning = figure.meaning
        return {
            "key": figure.key,
            "section": section,
            "label": meaning.label,
            "value": figure.value,
            "target": figure.target,
            "detail": figure.detail,
            "unit": "EUR" if figure.is_money else None,
            "definition": meaning.text,
            "period_basis": meaning.period,
            "cluster_basis": meaning.cluster,
        }


class IndexEndpoint(OpenDataView):
    ENDPOINTS = {
        "practices": "api:practices",
        "study_visits": "api:visits",
        "staff_exchanges": "api:exchanges",
        "action_plans": "api:plans",
        "transfers": "api:transfers",
        "figures": "api:figures",
    }

    @extend_schema(
        summary=_("The endpoints"),
        description=_("Every endpoint's address and how lists are paginated."),
        responses={200: serializers.IndexSerializer},
    )
    def get(self, request) -> Response:
        return Response(
            {
                "endpoints": {
                    name: reverse(url_name, request=request)
                    for name, url_name in self.ENDPOINTS.items()
                },
                "pagination": {
                    "page": _("The page number, from 1."),
                    "page_size": page_size_help(),
                },
                "example": request.build_absolute_uri(
                    f"{reverse('api:practices')}?{urlencode({'language': 'en', 'page_size': 5})}"
                ),
            }
        )


class SchemaEndpoint(SpectacularJSONAPIView):
    """The OpenAPI 3.1 document, in English, open to every site."""

    # application/json first: a browser shows it instead of downloading it.
    renderer_classes = [OpenApiJsonRenderer2, OpenApiJsonRenderer]
    authentication_classes = []
    permission_classes = []

    # Made from the code alone, so made once per process: the same for every request.
    document: dict | None = None

    def dispatch(self, request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            response = super().dispatch(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs) -> Response:
        if SchemaEndpoint.document is None:
            SchemaEndpoint.document = self._get_schema_response(request).data
        return Response(SchemaEndpoint.document)


class YAMLSchemaEndpoint(SchemaEndpoint):
    renderer_classes = [OpenApiYamlRenderer, OpenApiYamlRenderer2]


class DocsView(TemplateView):
    """Swagger UI over the schema, from the portal's own static files (no other host,
    no inline script)."""

    template_name = "api/docs.html"


# --- The DCAT-AP catalogue and the whole datasets ------------------------------------


def endpoint_rows(endpoint: type[ListEndpoint]):
    def rows(request) -> list[dict]:
        view = endpoint(request=request, format_kwarg=None)
        return view.get_serializer(view.get_queryset(), many=True).data

    return rows


def figure_rows(request) -> list[dict]:
    return [FiguresEndpoint().figure(figure, None) for figure in key_figures()]


DATASETS = [
    catalogue.Dataset(
        key="practices",
        title=_("Practices"),
        description=_(
            "Published practices of including migrants and refugees through volunteering, "
            "with their clusters, target groups and public resources."
        ),
        api_url_name="api:practices",
        landing_url_name="toolkit:list",
        records=lambda: Practice.objects.published(),
        rows=endpoint_rows(PracticeListEndpoint),
    ),
    catalogue.Dataset(
        key="study-visits",
        title=_("Study visits"),
        description=_(
            "Study visits between partners: dates, host, cluster, participants by role and "
            "public documents."
        ),
        api_url_name="api:visits",
        landing_url_name="exchanges:visit_list",
        records=lambda: StudyVisit.objects.for_lists(),
        rows=endpoint_rows(StudyVisitListEndpoint),
    ),
    catalogue.Dataset(
        key="staff-exchanges",
        title=_("Staff exchanges"),
        description=_("Staff exchanges between partners, with their objectives and outcomes."),
        api_url_name="api:exchanges",
        landing_url_name="exchanges:exchange_list",
        records=lambda: StaffExchange.objects.for_lists(),
        rows=endpoint_rows(StaffExchangeListEndpoint),
    ),
    catalogue.Dataset(
        key="action-plans",
        title=_("Action plans"),
        description=_("Public action plans, their file versions and their accepted actions."),
        api_url_name="api:plans",
        landing_url_name="exchanges:plan_list",
        records=lambda: ActionPlan.objects.public(),
        rows=endpoint_rows(ActionPlanListEndpoint),
    ),
    catalogue.Dataset(
        key="transfers",
        title=_("Transfers"),
        description=_("Published practices taken up by other organisations, stage by stage."),
        api_url_name="api:transfers",
        landing_url_name="toolkit:list",
        records=lambda: Transfer.objects.public(),
        rows=endpoint_rows(TransferListEndpoint),
    ),
    catalogue.Dataset(
        key="key-figures",
        title=_("Key figures"),
        description=_(
            "The network's key figures beside the project's targets, each with its definition."
        ),
        api_url_name="api:figures",
        landing_url_name="home",
        records=lambda: None,
        rows=figure_rows,
    ),
]
DATASETS_BY_KEY = {dataset.key: dataset for dataset in DATASETS}


@extend_schema(exclude=True)
class CatalogueEndpoint(OpenDataView):
    """The DCAT-AP catalogue as JSON-LD, or as Turtle."""

    turtle = False

    def get(self, request) -> HttpResponse:
        def build() -> str:
            document = catalogue.catalogue(request, DATASETS)
            if self.turtle:
                return catalogue.turtle(document)
            return json.dumps(document, ensure_ascii=False, indent=2)

        body = cached_fragment(
            f"api-catalogue-{'ttl' if self.turtle else 'jsonld'}",
            build,
            request.build_absolute_uri("/"),
        )
        content_type = "text/turtle" if self.turtle else "application/ld+json"
        return HttpResponse(body, content_type=f"{content_type}; charset=utf-8")


@extend_schema(exclude=True)
class BulkEndpoint(OpenDataView):
    """One whole dataset as a JSON or CSV file."""

    def get(self, request, key: str, fmt: str) -> HttpResponse:
        dataset = DATASETS_BY_KEY.get(key)
        if dataset is None:
            raise exceptions.NotFound
        body = catalogue.bulk_file(request, dataset, fmt)
        content_type = catalogue.FORMATS[fmt][1]
        response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{key}.{fmt}"'
        return response
