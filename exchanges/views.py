from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, resolve_url
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView
from django_filters.views import FilterView

from exchanges.feeds import study_visit_calendar
from exchanges.filters import ActionPlanFilter, StaffExchangeFilter, StudyVisitFilter
from exchanges.models import (
    ActionPlan,
    ActionPlanVersion,
    StaffExchange,
    StudyVisit,
    VisitDocument,
    VisitParticipation,
)
from values_portal.db import Visibility
from values_portal.downloads import fallback_name, safe_filename, serve_file

PAGE_SIZE = 20
HEAD_COUNTS = ("city_staff", "volunteering_staff", "volunteers", "migrants")


def login_url(request: HttpRequest) -> str:
    return f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"


def home_crumb() -> tuple[str, str]:
    return (_("Home"), reverse("home"))


# Study visits ------------------------------------------------------------------


class StudyVisitListView(FilterView):
    filterset_class = StudyVisitFilter
    template_name = "exchanges/studyvisit_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return StudyVisit.objects.for_lists()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[home_crumb(), (_("Study visits"), None)], **kwargs
        )


class StudyVisitCalendarView(View):
    """The list's visits as an ``.ics`` file; the list's filters apply, pagination does not."""

    def get(self, request: HttpRequest) -> HttpResponse:
        filterset = StudyVisitFilter(
            request.GET or None, queryset=StudyVisit.objects.for_lists(), request=request
        )
        visits = filterset.qs if filterset.is_valid() or not filterset.is_bound else []
        body = study_visit_calendar(
            visits, request=request, name=str(_("VALUES Portal: study visits"))
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="study-visits.ics"'
        return response


class StudyVisitDetailView(DetailView):
    template_name = "exchanges/studyvisit_detail.html"
    context_object_name = "visit"

    def get_queryset(self):
        user = self.request.user
        return StudyVisit.objects.select_related(
            "host", "cluster", "project", "working_group"
        ).prefetch_related(
            Prefetch(
                "participations",
                queryset=VisitParticipation.objects.select_related("organisation"),
            ),
            Prefetch("documents", queryset=VisitDocument.objects.visible_to(user)),
            Prefetch(
                "action_plans",
                queryset=ActionPlan.objects.visible_to(user).select_related("organisation"),
            ),
        )

    def get_context_data(self, **kwargs):
        visit = self.object
        participations = list(visit.participations.all())
        totals = {role: sum(getattr(row, role) for row in participations) for role in HEAD_COUNTS}
        totals["total"] = sum(totals.values())
        hidden_documents = 0
        if not self.request.user.is_authenticated:
            hidden_documents = VisitDocument.objects.filter(
                visit=visit, visibility=Visibility.MEMBERS
            ).count()
        return super().get_context_data(
            participations=participations,
            totals=totals,
            hidden_documents=hidden_documents,
            login_url=login_url(self.request),
            breadcrumbs=[
                home_crumb(),
                (_("Study visits"), reverse("exchanges:visit_list")),
                (visit.title, None),
            ],
            **kwargs,
        )


class VisitDocumentDownloadView(View):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        document = get_object_or_404(VisitDocument, pk=pk, visit__slug=slug)
        if document.visibility != Visibility.PUBLIC and not request.user.is_authenticated:
            # The document is listed on the visit's public page, so asking to sign in leaks nothing.
            return redirect_to_login(request.get_full_path())
        return serve_file(
            document.file,
            filename=safe_filename(
                document.original_filename, fallback_name(f"{slug}-document", document.file)
            ),
        )


# Staff exchanges ---------------------------------------------------------------


class StaffExchangeListView(FilterView):
    filterset_class = StaffExchangeFilter
    template_name = "exchanges/staffexchange_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return StaffExchange.objects.for_lists()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[home_crumb(), (_("Staff exchanges"), None)], **kwargs
        )


class StaffExchangeDetailView(DetailView):
    template_name = "exchanges/staffexchange_detail.html"
    context_object_name = "exchange"

    def get_queryset(self):
        return (
            StaffExchange.objects.for_lists()
            .select_related("project")
            .prefetch_related(
                Prefetch(
                    "action_plans",
                    queryset=ActionPlan.objects.visible_to(self.request.user).select_related(
                        "organisation"
                    ),
                )
            )
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[
                home_crumb(),
                (_("Staff exchanges"), reverse("exchanges:exchange_list")),
                (self.object.title, None),
            ],
            **kwargs,
        )


# Action plans ------------------------------------------------------------------


class ActionPlanListView(FilterView):
    filterset_class = ActionPlanFilter
    template_name = "exchanges/actionplan_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return (
            ActionPlan.objects.visible_to(self.request.user)
            .select_related("organisation", "project")
            .annotate(version_count=Count("versions"))
            .order_by("organisation__name", "title")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[home_crumb(), (_("Action plans"), None)], **kwargs
        )


class ActionPlanDetailView(DetailView):
    """A plan the visitor may see; drafts, and members-only plans for anonymous visitors, 404."""

    template_name = "exchanges/actionplan_detail.html"
    context_object_name = "plan"

    def get_queryset(self):
        return (
            ActionPlan.objects.visible_to(self.request.user)
            .select_related("organisation", "project")
            .prefetch_related(
                Prefetch("versions", queryset=ActionPlanVersion.objects.order_by("-uploaded_at")),
                Prefetch("study_visits", queryset=StudyVisit.objects.for_lists()),
                Prefetch("staff_exchanges", queryset=StaffExchange.objects.for_lists()),
            )
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[
                home_crumb(),
                (_("Action plans"), reverse("exchanges:plan_list")),
                (self.object.title, None),
            ],
            **kwargs,
        )


class ActionPlanVersionDownloadView(View):
    """One file of a plan, for whoever may see the plan; counts the download.

    A members-only plan is invisible to anonymous visitors (it is not listed
    and its page is a 404), so its files are a 404 too rather than a redirect
    to the login page that would confirm the plan exists.
    """

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        version = get_object_or_404(
            ActionPlanVersion.objects.select_related("plan"),
            pk=pk,
            plan__slug=slug,
            plan__in=ActionPlan.objects.visible_to(request.user),
        )
        response = serve_file(
            version.file,
            filename=safe_filename(
                version.original_filename,
                fallback_name(f"{slug}-{version.version_label}", version.file),
            ),
        )
        if request.method == "GET":  # HEAD requests are not downloads
            ActionPlanVersion.objects.filter(pk=version.pk).record_download()
        return response
