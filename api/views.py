"""Open data: read-only JSON of what the public pages show, and nothing more.

Every endpoint answers as an anonymous visitor would see the portal, whoever
asks: published practices only, public action plans only, public documents
only. Lists are filtered with the list pages' own FilterSets (the same query
parameters, the same meaning) and paginated with ``page`` and ``page_size``.
"""

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet, Sum
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View

from api.filters import TransferFilter
from cities.models import Organisation, Project
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


class PageForm(forms.Form):
    page = forms.IntegerField(min_value=1, required=False)
    page_size = forms.IntegerField(min_value=1, required=False)

    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1

    def size(self) -> int:
        # Larger pages are not refused, only capped: a client asking for 1000 gets 100.
        return min(self.cleaned_data.get("page_size") or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def json_response(data: dict, *, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Open data: any site may read it; no cookie is ever needed or used.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def errors_response(errors) -> JsonResponse:
    return json_response(
        {"detail": str(_("Some parameters could not be used.")), "errors": errors.get_json_data()},
        status=400,
    )


class JSONView(View):
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        # One language for everyone, so the same URL always gives the same data.
        with translation.override(settings.LANGUAGE_CODE):
            return super().dispatch(request, *args, **kwargs)

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)


def _ref(obj, url: str, **more) -> dict:
    return {"slug": obj.slug, "name": str(obj), "url": url, **more}


class ListEndpoint(JSONView):
    """A paginated list filtered with a FilterSet; ``serialise()`` writes one item."""

    filterset_class: type
    serialise: Callable

    def get_queryset(self) -> QuerySet:
        raise NotImplementedError

    def get(self, request: HttpRequest) -> JsonResponse:
        paging = PageForm(request.GET)
        # request=None: the FilterSets' own choices are those of an anonymous visitor.
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset(), request=None)
        if not filterset.is_valid():
            return errors_response(filterset.errors)
        if not paging.is_valid():
            return errors_response(paging.errors)
        paginator = Paginator(filterset.qs, paging.size())
        number = paging.page_number()
        if number > paginator.num_pages:
            return json_response(
                {"detail": str(_("There is no page %(number)d.") % {"number": number})},
                status=404,
            )
        page = paginator.page(number)
        return json_response(
            {
                "count": paginator.count,
                "page": number,
                "page_size": paging.size(),
                "num_pages": paginator.num_pages,
                "next": self.page_url(page.next_page_number()) if page.has_next() else None,
                "previous": (
                    self.page_url(page.previous_page_number()) if page.has_previous() else None
                ),
                "results": [self.serialise(item) for item in page.object_list],
            }
        )

    def page_url(self, number: int) -> str:
        query = self.request.GET.copy()
        query["page"] = number
        return self.absolute(f"{self.request.path}?{query.urlencode()}")

    def organisation(self, organisation: Organisation | None) -> dict | None:
        if organisation is None:
            return None
        return _ref(organisation, self.absolute(organisation.get_absolute_url()))

    def cluster(self, cluster) -> dict | None:
        if cluster is None:
            return None
        return _ref(cluster, self.absolute(cluster.get_absolute_url()))

    def project(self, project: Project) -> dict:
        return {"slug": project.slug, "acronym": project.acronym, "name": project.name}


class PracticeListEndpoint(ListEndpoint):
    filterset_class = PracticeFilter

    def get_queryset(self):
        return (
            Practice.objects.published()
            .for_cards()
            .prefetch_related(
                Prefetch(
                    "resources", queryset=Resource.objects.filter(visibility=Visibility.PUBLIC)
                )
            )
            .order_by("-published_at", "title")
        )

    def serialise(self, practice: Practice) -> dict:
        return {
            "slug": practice.slug,
            "title": practice.title,
            "url": self.absolute(practice.get_absolute_url()),
            "summary": practice.summary,
            "origin_city": practice.origin_city,
            "origin_country": practice.origin_country.code,
            "organisation": self.organisation(practice.organisation),
            "clusters": [self.cluster(cluster) for cluster in practice.clusters.all()],
            "target_groups": [
                {"slug": group.slug, "name": group.name} for group in practice.target_groups.all()
            ],
            "volunteering_model": practice.volunteering_model,
            "language": practice.language,
            "published_at": practice.published_at,
            "is_example": practice.is_example,
            "resources": [
                self.resource(practice, resource) for resource in practice.resources.all()
            ],
        }

    def resource(self, practice: Practice, resource: Resource) -> dict:
        if resource.is_link:
            url = resource.url
        else:
            url = self.absolute(
                reverse(
                    "toolkit:resource_download", kwargs={"slug": practice.slug, "pk": resource.pk}
                )
            )
        return {"title": resource.title, "url": url, "language": resource.language}


class StudyVisitListEndpoint(ListEndpoint):
    filterset_class = StudyVisitFilter

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

    def serialise(self, visit: StudyVisit) -> dict:
        participants = {role: getattr(visit, f"n_{role}") or 0 for role in HEAD_COUNT_ROLES}
        return {
            "slug": visit.slug,
            "title": visit.title,
            "url": self.absolute(visit.get_absolute_url()),
            "summary": visit.summary,
            "project": self.project(visit.project),
            "host": self.organisation(visit.host),
            "cluster": self.cluster(visit.cluster),
            "start_date": visit.start_date,
            "end_date": visit.end_date,
            "status": visit.status,
            "participants": {**participants, "total": sum(participants.values())},
            "documents": [
                {
                    "title": document.title,
                    "language": document.language,
                    "url": self.absolute(
                        reverse(
                            "exchanges:document_download",
                            kwargs={"slug": visit.slug, "pk": document.pk},
                        )
                    ),
                }
                for document in visit.documents.all()
            ],
            "is_example": visit.is_example,
        }


class StaffExchangeListEndpoint(ListEndpoint):
    filterset_class = StaffExchangeFilter

    def get_queryset(self):
        return (
            StaffExchange.objects.for_lists()
            .select_related("project")
            .order_by("-start_date", "title")
        )

    def serialise(self, exchange: StaffExchange) -> dict:
        return {
            "slug": exchange.slug,
            "title": exchange.title,
            "url": self.absolute(exchange.get_absolute_url()),
            "project": self.project(exchange.project),
            "kind": exchange.kind,
            "sending": self.organisation(exchange.sending),
            "hosting": self.organisation(exchange.hosting),
            "cluster": self.cluster(exchange.cluster),
            "start_date": exchange.start_date,
            "end_date": exchange.end_date,
            "staff_count": exchange.staff_count,
            "status": exchange.status,
            "objectives": exchange.objectives,
            "outcomes": exchange.outcomes,
            "is_example": exchange.is_example,
        }


class ActionPlanListEndpoint(ListEndpoint):
    filterset_class = ActionPlanFilter

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

    def serialise(self, plan: ActionPlan) -> dict:
        return {
            "slug": plan.slug,
            "title": plan.title,
            "url": self.absolute(plan.get_absolute_url()),
            "summary": plan.summary,
            "organisation": self.organisation(plan.organisation),
            "project": self.project(plan.project),
            "language": plan.language,
            "published_at": plan.published_at,
            "versions": [
                {
                    "label": version.version_label,
                    "uploaded_at": version.uploaded_at,
                    "size": version.size,
                    "url": self.absolute(
                        reverse(
                            "exchanges:plan_download", kwargs={"slug": plan.slug, "pk": version.pk}
                        )
                    ),
                }
                for version in plan.versions.all()
            ],
            "actions": [self.action(action) for action in plan.actions.all()],
            "is_example": plan.is_example,
        }

    def action(self, action: PlanAction) -> dict:
        return {
            "title": action.title,
            "description": action.description,
            "owner": action.owner,
            "deadline": action.deadline,
            "status": action.status,
            "dropped_reason": action.dropped_reason,
            "inspired_by": {
                "practices": [
                    _ref(practice, self.absolute(practice.get_absolute_url()))
                    for practice in action.inspired_by_practices.all()
                ],
                "study_visits": [
                    _ref(visit, self.absolute(visit.get_absolute_url()))
                    for visit in action.inspired_by_visits.all()
                ],
                "staff_exchanges": [
                    _ref(exchange, self.absolute(exchange.get_absolute_url()))
                    for exchange in action.inspired_by_exchanges.all()
                ],
            },
        }


class TransferListEndpoint(ListEndpoint):
    filterset_class = TransferFilter

    def get_queryset(self):
        # A transfer of a practice that is not published is not shown anywhere public.
        return (
            Transfer.objects.public()
            .select_related("practice", "organisation", "study_visit", "staff_exchange")
            .order_by("-started_on", "pk")
        )

    def serialise(self, transfer: Transfer) -> dict:
        visit, exchange = transfer.study_visit, transfer.staff_exchange
        return {
            "practice": _ref(
                transfer.practice, self.absolute(transfer.practice.get_absolute_url())
            ),
            "organisation": self.organisation(transfer.organisation),
            "stage": transfer.stage,
            "started_on": transfer.started_on,
            "stage_reached_on": transfer.stage_reached_on,
            "study_visit": _ref(visit, self.absolute(visit.get_absolute_url())) if visit else None,
            "staff_exchange": (
                _ref(exchange, self.absolute(exchange.get_absolute_url())) if exchange else None
            ),
            "evidence_url": transfer.evidence_url,
            "evidence_file": (
                self.absolute(
                    reverse(
                        "exchanges:transfer_evidence",
                        kwargs={"slug": transfer.practice.slug, "pk": transfer.pk},
                    )
                )
                if transfer.evidence_file
                else None
            ),
            "notes": transfer.notes,
            "is_example": transfer.is_example,
        }


class FiguresEndpoint(JSONView):
    """The network's key figures, or a project's report figures for a period and a cluster."""

    def get(self, request: HttpRequest) -> JsonResponse:
        slug = request.GET.get("project", "")
        if "\x00" in slug:  # PostgreSQL cannot compare text holding NUL
            message = str(_("Null characters are not allowed."))
            return json_response(
                {
                    "detail": str(_("Some parameters could not be used.")),
                    "errors": {
                        "project": [{"message": message, "code": "null_characters_not_allowed"}]
                    },
                },
                status=400,
            )
        if not slug:
            return json_response(
                {"project": None, "figures": [self.figure(f, None) for f in key_figures()]}
            )
        project = Project.objects.filter(slug=slug).first()
        if project is None:
            return json_response({"detail": str(_("There is no such project."))}, status=404)
        form = ReportFilterForm(request.GET, project=project)
        if not form.is_valid():
            return errors_response(form.errors)
        scope: Scope = form.scope()
        report = report_figures(scope, public=True)
        return json_response(
            {
                "project": {
                    **self.project_ref(project),
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

    def project_ref(self, project: Project) -> dict:
        return {
            "slug": project.slug,
            "acronym": project.acronym,
            "name": project.name,
            "url": self.absolute(project.get_absolute_url()),
        }

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


class IndexEndpoint(JSONView):
    ENDPOINTS = {
        "practices": "api:practices",
        "study_visits": "api:visits",
        "staff_exchanges": "api:exchanges",
        "action_plans": "api:plans",
        "transfers": "api:transfers",
        "figures": "api:figures",
    }

    def get(self, request: HttpRequest) -> JsonResponse:
        return json_response(
            {
                "endpoints": {
                    name: self.absolute(reverse(url_name))
                    for name, url_name in self.ENDPOINTS.items()
                },
                "pagination": {
                    "page": str(_("The page number, from 1.")),
                    "page_size": str(
                        _("Items per page: %(default)d unless given, at most %(max)d.")
                        % {"default": DEFAULT_PAGE_SIZE, "max": MAX_PAGE_SIZE}
                    ),
                },
                "example": self.absolute(
                    f"{reverse('api:practices')}?{urlencode({'language': 'en', 'page_size': 5})}"
                ),
            }
        )
