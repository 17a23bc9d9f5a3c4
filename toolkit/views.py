import csv

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, resolve_url
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView
from django_filters.views import FilterView

from toolkit.filters import PracticeFilter
from toolkit.models import Practice, Resource
from values_portal.db import Visibility
from values_portal.downloads import fallback_name, safe_filename, serve_file

PAGE_SIZE = 20
RELATED_COUNT = 3


def home_crumb() -> tuple[str, str]:
    return (_("Home"), reverse("home"))


class PracticeListView(FilterView):
    """The toolkit: search, facets, sorting and pages, all in the URL."""

    filterset_class = PracticeFilter
    template_name = "toolkit/practice_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Practice.objects.published().for_cards().order_by("-published_at", "title")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            facets=self.filterset.facets(),
            breadcrumbs=[home_crumb(), (_("Toolkit"), None)],
            **kwargs,
        )


# Spreadsheet programs run cells that start with these as formulas.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


class PracticeCSVView(View):
    """Every practice the list shows for the same filters, in the same order, on all its pages."""

    def get(self, request: HttpRequest) -> HttpResponse:
        filterset = PracticeFilter(
            request.GET or None,
            queryset=Practice.objects.published().for_cards().order_by("-published_at", "title"),
            request=request,
        )
        practices = filterset.qs if filterset.is_valid() or not filterset.is_bound else []
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="values-toolkit.csv"'
        response.write("\ufeff")  # lets spreadsheet programs recognise UTF-8
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Title"),
                _("Summary"),
                _("City"),
                _("Country"),
                _("Partner organisation"),
                _("Clusters"),
                _("Target groups"),
                _("Volunteering model"),
                _("Language"),
                _("Published"),
                _("Example"),
                _("Address"),
            ]
        )
        for practice in practices:
            writer.writerow(
                spreadsheet_safe(value)
                for value in (
                    practice.title,
                    practice.summary,
                    practice.origin_city,
                    practice.origin_country.name,
                    practice.organisation or "",
                    "; ".join(str(cluster) for cluster in practice.clusters.all()),
                    "; ".join(str(group) for group in practice.target_groups.all()),
                    practice.get_volunteering_model_display(),
                    practice.get_language_display(),
                    practice.published_at.date().isoformat() if practice.published_at else "",
                    _("yes") if practice.is_example else _("no"),
                    request.build_absolute_uri(practice.get_absolute_url()),
                )
            )
        return response


class PracticeDetailView(DetailView):
    """A published practice; drafts and practices in review are a 404."""

    template_name = "toolkit/practice_detail.html"
    context_object_name = "practice"

    def get_queryset(self):
        return Practice.objects.published().for_cards().prefetch_related("resources")

    def get_context_data(self, **kwargs):
        practice = self.object
        authenticated = self.request.user.is_authenticated
        resources = [
            {
                "resource": resource,
                "available": authenticated or resource.visibility == Visibility.PUBLIC,
            }
            for resource in practice.resources.all()
        ]
        related = Practice.objects.published().related_to(practice).for_cards()[:RELATED_COUNT]
        return super().get_context_data(
            resources=resources,
            related=related,
            login_url=f"{resolve_url(settings.LOGIN_URL)}?"
            + urlencode({"next": self.request.get_full_path()}),
            breadcrumbs=[
                home_crumb(),
                (_("Toolkit"), reverse("toolkit:list")),
                (practice.title, None),
            ],
            **kwargs,
        )


class ResourceDownloadView(View):
    """A resource file of a published practice; members-only files need a signed-in user.

    The practice page lists members-only resources with a "sign in" note, so an
    anonymous visitor is sent to the login page (and back) instead of a 404.
    """

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        resource = get_object_or_404(
            Resource.objects.exclude(file=""),
            pk=pk,
            practice__slug=slug,
            practice__in=Practice.objects.published(),
        )
        if resource.visibility != Visibility.PUBLIC and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return serve_file(
            resource.file,
            filename=safe_filename(resource.original_filename, fallback_name(slug, resource.file)),
        )
