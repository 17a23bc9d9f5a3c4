from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from cities.models import Organisation, Participation, Project
from exchanges.models import ActivityStatus, StudyVisit
from toolkit.models import Practice
from values_portal.cache import SharedPageCacheMixin, cached_fragment
from values_portal.europe_map import VIEWBOX_HEIGHT, VIEWBOX_WIDTH, partner_markers
from values_portal.figures import key_figures

HOME_LIST_LENGTH = 3


class HomeView(SharedPageCacheMixin, TemplateView):
    """The network at a glance.

    The content is the same for every visitor on a given day ("next" and "recent"
    study visits): it is rendered once a day and per content version.
    """

    template_name = "home.html"
    shared_page_daily = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["content"] = cached_fragment(
            "home", self.render_content, timezone.localdate().isoformat()
        )
        return context

    def render_content(self) -> str:
        # The project partners, not every organisation a practice names: by country
        # name in the reader's language, for the list beside the map.
        partners = sorted(
            Organisation.objects.filter(
                Exists(Participation.objects.filter(organisation=OuterRef("pk")))
            ),
            key=lambda partner: (partner.country.name, partner.city, partner.name),
        )
        markers = partner_markers(partners)
        on_map = {marker.partner.pk for marker in markers}
        for partner in partners:
            partner.on_map = partner.pk in on_map
        visits = StudyVisit.objects.for_lists()
        context = {
            "projects": Project.objects.all(),
            "figures": key_figures(),
            "practices": Practice.objects.published().for_cards()[:HOME_LIST_LENGTH],
            "upcoming_visits": visits.upcoming().order_by("start_date", "title")[:HOME_LIST_LENGTH],
            "recent_visits": visits.past()
            .exclude(status=ActivityStatus.CANCELLED)
            .order_by("-start_date", "title")[:HOME_LIST_LENGTH],
            "partners": partners,
            "markers": markers,
            "map_width": VIEWBOX_WIDTH,
            "map_height": VIEWBOX_HEIGHT,
        }
        return render_to_string("home.html#content", context, self.request)


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
