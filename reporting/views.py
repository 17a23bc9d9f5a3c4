from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from cities.models import Project
from core.cache import SharedPageCacheMixin
from core.spreadsheets import csv_response
from reporting.figures import (
    DEFINITIONS,
    PROJECT_SCOPE,
    PUBLIC_SCOPE,
    Report,
    figures_dependencies,
    key_figures,
    plan_progress,
    report_figures,
)
from reporting.forms import ReportFilterForm
from reporting.services import report_render_pdf, report_rows
from values_portal.users.roles import CoordinatorRequiredMixin


def home_crumb() -> tuple[str, str]:
    return (_("Home"), reverse("home"))


class ProjectFiguresMixin:
    """The project from the URL, the period and cluster from the query string."""

    def setup_figures(self, *, public: bool = False) -> Report | None:
        self.project = get_object_or_404(Project, slug=self.kwargs["slug"])
        self.form = ReportFilterForm(self.request.GET or None, project=self.project)
        if self.form.is_bound and not self.form.is_valid():
            return None
        return report_figures(self.form.scope(), public=public)

    def filename(self, extension: str) -> str:
        scope = self.form.scope()
        parts = [self.project.slug, "report"]
        if scope.start:
            parts.append(f"from-{scope.start.isoformat()}")
        if scope.end:
            parts.append(f"to-{scope.end.isoformat()}")
        if scope.cluster:
            parts.append(scope.cluster.slug)
        return f"{slugify('-'.join(parts))}.{extension}"

    def refused(self) -> HttpResponse:
        errors = "; ".join(
            f"{self.form.fields[name].label if name in self.form.fields else name}: {error}"
            for name, messages in self.form.errors.items()
            for error in messages
        )
        return HttpResponseBadRequest(
            f"{_('The period or cluster could not be used')}: {errors}",
            content_type="text/plain; charset=utf-8",
        )


class ReportIndexView(CoordinatorRequiredMixin, ListView):
    template_name = "reporting/report_index.html"
    context_object_name = "projects"

    def get_queryset(self):
        return Project.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(breadcrumbs=[home_crumb(), (_("Reports"), None)], **kwargs)


class ReportView(CoordinatorRequiredMixin, ProjectFiguresMixin, TemplateView):
    """The funder's report of one project: targets beside achieved figures, with downloads."""

    template_name = "reporting/report.html"

    def get_context_data(self, **kwargs):
        report = self.setup_figures()
        return super().get_context_data(
            project=self.project,
            form=self.form,
            report=report,
            plans=plan_progress(report.scope) if report else [],
            progress_meaning=DEFINITIONS["action_progress"],
            project_scope=PROJECT_SCOPE,
            breadcrumbs=[
                home_crumb(),
                (_("Reports"), reverse("reporting:index")),
                (self.project.acronym, None),
            ],
            **kwargs,
        )


class ReportCSVView(CoordinatorRequiredMixin, ProjectFiguresMixin, View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        report = self.setup_figures()
        if report is None:
            return self.refused()
        header, rows = report_rows(report)
        return csv_response(self.filename("csv"), header, rows)


class ReportPDFView(CoordinatorRequiredMixin, ProjectFiguresMixin, View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        report = self.setup_figures()
        if report is None:
            return self.refused()
        html = render_to_string(
            "reporting/report_pdf.html",
            {
                "project": self.project,
                "report": report,
                "plans": plan_progress(report.scope),
                "progress_meaning": DEFINITIONS["action_progress"],
                "project_scope": PROJECT_SCOPE,
            },
            request=request,
        )
        response = HttpResponse(report_render_pdf(html=html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{self.filename("pdf")}"'
        return response


class SummaryView(SharedPageCacheMixin, ProjectFiguresMixin, TemplateView):
    """The report's figures for everyone: no downloads, no plan-by-plan detail.

    Counting over every visit and practice takes half a second at 10,000 practices:
    anonymous visitors share the page until the content (or the day) changes.
    """

    shared_page_daily = True

    template_name = "reporting/summary.html"

    def cache_dependencies(self) -> list[str]:
        return figures_dependencies()

    def get_context_data(self, **kwargs):
        report = self.setup_figures(public=True)
        query = {**self.request.GET.dict(), "project": self.project.slug}
        return super().get_context_data(
            project=self.project,
            form=self.form,
            report=report,
            project_scope=PROJECT_SCOPE,
            public_scope=PUBLIC_SCOPE,
            api_url=f"{reverse('api:figures')}?{urlencode(query)}",
            breadcrumbs=[
                home_crumb(),
                (self.project.acronym, self.project.get_absolute_url()),
                (_("Figures"), None),
            ],
            **kwargs,
        )


class ProjectDetailView(DetailView):
    """A project: its partners, clusters and key figures beside their targets."""

    model = Project
    template_name = "reporting/project_detail.html"
    context_object_name = "project"

    def get_context_data(self, **kwargs):
        project = self.object
        participations = project.participations.select_related("organisation").order_by(
            "role", "organisation__name"
        )
        return super().get_context_data(
            figures=key_figures(project=project),
            participations=participations,
            contribution_total=participations.aggregate(total=Sum("eu_contribution"))["total"],
            clusters=project.clusters.all(),
            breadcrumbs=[home_crumb(), (project.acronym, None)],
            **kwargs,
        )
