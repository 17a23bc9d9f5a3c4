from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from cities.models import Organisation, Project
from exchanges.models import ActivityStatus, StudyVisit
from toolkit.models import Practice
from values_portal.europe_map import VIEWBOX_HEIGHT, VIEWBOX_WIDTH, partner_markers
from values_portal.figures import key_figures

HOME_LIST_LENGTH = 3


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        # By country name in the reader's language, for the list beside the map.
        partners = sorted(
            Organisation.objects.all(),
            key=lambda partner: (partner.country.name, partner.city, partner.name),
        )
        markers = partner_markers(partners)
        on_map = {marker.partner.pk for marker in markers}
        for partner in partners:
            partner.on_map = partner.pk in on_map
        visits = StudyVisit.objects.for_lists()
        return super().get_context_data(
            projects=Project.objects.all(),
            figures=key_figures(),
            practices=Practice.objects.published().for_cards()[:HOME_LIST_LENGTH],
            upcoming_visits=visits.upcoming().order_by("start_date", "title")[:HOME_LIST_LENGTH],
            recent_visits=visits.past()
            .exclude(status=ActivityStatus.CANCELLED)
            .order_by("-start_date", "title")[:HOME_LIST_LENGTH],
            partners=partners,
            markers=markers,
            map_width=VIEWBOX_WIDTH,
            map_height=VIEWBOX_HEIGHT,
            **kwargs,
        )


class StaticPageView(TemplateView):
    """A page of plain text, such as the privacy notice, with its breadcrumb."""

    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[(_("Home"), reverse("home")), (self.title, None)], **kwargs
        )


@require_GET
@cache_control(max_age=86400)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
