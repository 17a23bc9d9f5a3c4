"""The network's public pages: home, partners and clusters, over every domain app."""

from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django_filters.views import FilterView

from cities.filters import PartnerFilter
from cities.models import (
    Cluster,
    Organisation,
    Participation,
    Project,
    is_member,
    remember_is_member,
)
from core.cache import (
    PageFragment,
    SharedDetailPageCacheMixin,
    SharedPageCacheMixin,
    cached_fragment,
    children_token,
    kept_for_person,
    models_except,
    page_fragment,
    row_token,
)
from core.content_language import shown_html
from core.europe_map import VIEWBOX_HEIGHT, VIEWBOX_WIDTH, partner_markers
from core.spreadsheets import FilteredCSVView, yes_no
from exchanges.models import ActivityStatus, StaffExchange, StudyVisit, StudyVisitQuerySet
from exchanges.views import visit_lines
from network.forms import AccessibilityReportForm
from network.services import accessibility_report_send
from reporting.figures import figures_dependencies, key_figures
from toolkit.models import Practice
from toolkit.views import CARD_DEPENDS_ON, practice_cards

HOME_LIST_LENGTH = 3
# A partner's or a cluster's page shows a few of each list that grows with the network
# (its newest practices, its next and latest study visits…) and links to the list that
# holds them all, with their number: the page stays the same size at any scale.
PARTNER_PRACTICES = 6
CLUSTER_PRACTICES = 6
GLANCE_VISITS = 3
GLANCE_ITEMS = 5


@dataclass
class VisitsAtAGlance:
    """The next few and the latest few of some study visits, and how many there are."""

    upcoming: list[StudyVisit]
    recent: list[StudyVisit]
    count: int

    @property
    def more(self) -> bool:
        """Whether the full list holds visits not shown here (cancelled ones included)."""
        return self.count > len(self.upcoming) + len(self.recent)


def visits_at_a_glance(visits: StudyVisitQuerySet) -> VisitsAtAGlance:
    """At most four queries, whatever the number of visits: the ids of each list, their
    number, and the lines missing from the row cache, read together."""
    upcoming, recent = visit_lines(
        visits.upcoming().order_by("start_date", "title")[:GLANCE_VISITS],
        visits.past()
        .exclude(status=ActivityStatus.CANCELLED)
        .order_by("-start_date", "title")[:GLANCE_VISITS],
    )
    return VisitsAtAGlance(upcoming=upcoming, recent=recent, count=visits.count())


def home_crumb() -> tuple[str, str]:
    return (_("Home"), reverse("home"))


def latest_practices_section() -> str:
    """The home page's latest practices: their cards, from the row cache when unchanged."""
    practices = practice_cards(Practice.objects.published().for_cards()[:HOME_LIST_LENGTH])
    return render_to_string("home.html#practices", {"practices": practices})


def partner_practices_section(partner_pk: int, slug: str, name: str) -> str:
    """A partner's newest practices, the section of its page (empty when it has none).

    ``name``: the partner's name as the page shows it (``shown_html``), given rather than
    read, as the page has read the partner already.
    """
    practices = list(
        Practice.objects.published()
        .filter(organisation=partner_pk)
        .for_cards()[: PARTNER_PRACTICES + 1]
    )
    return render_to_string(
        "network/organisation_detail.html#practices",
        {
            "practices": practice_cards(practices[:PARTNER_PRACTICES]),
            "more_practices": len(practices) > PARTNER_PRACTICES,
            "partner_slug": slug,
            "partner_name": mark_safe(name),  # noqa: S308 - shown_html's, escaped
        },
    )


def partner_practices_fragment(partner: Organisation) -> PageFragment:
    """A partner's practices, apart from its page: an edit of one of them replaces the
    partner's practices token, not its row's (``Practice.listed_apart_by``), and only
    this section is rendered again. The cards show cluster and target group names."""
    return PageFragment(
        name="partner-practices",
        build=partner_practices_section,
        vary=(partner.pk, partner.slug, str(shown_html(partner, "name"))),
        depends_on=(children_token(Organisation, partner.pk, Practice), *CARD_DEPENDS_ON),
    )


def cluster_practices_section(cluster_pk: int, slug: str, name: str) -> str:
    """A cluster's newest practices and their number, the section of its page.

    ``name``: the cluster's short name as the page shows it (``shown_html``), given
    rather than read, as the page has read the cluster already.
    """
    practices = Practice.objects.published().filter(clusters=cluster_pk)
    return render_to_string(
        "network/cluster_detail.html#practices",
        {
            "practices": practice_cards(practices.for_cards()[:CLUSTER_PRACTICES]),
            "practice_count": practices.count(),
            "cluster_slug": slug,
            "cluster_name": mark_safe(name),  # noqa: S308 - shown_html's, escaped
        },
    )


def cluster_practices_fragment(cluster: Cluster) -> PageFragment:
    """A cluster's practices, apart from its page: an edit of one of them replaces the
    cluster's practices token, not its row's (``Practice.listed_apart_by``), and only
    this section is rendered again."""
    return PageFragment(
        name="cluster-practices",
        build=cluster_practices_section,
        vary=(cluster.pk, cluster.slug, str(shown_html(cluster, "short_name"))),
        depends_on=(children_token(Cluster, cluster.pk, Practice), *CARD_DEPENDS_ON),
    )


class HomeView(SharedPageCacheMixin, TemplateView):
    """The network at a glance.

    The content is the same for every visitor on a given day ("next" and "recent"
    study visits): it is rendered once a day and per content version. The latest
    practices are a fragment of their own (``PageFragment``): an edit of a practice's
    texts renders them again, not the page, whose figures count practices only by
    their status, partner and clusters (``figures_dependencies``).
    """

    template_name = "home.html"
    shared_page_daily = True

    def cache_dependencies(self) -> list[str]:
        return figures_dependencies()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate().isoformat()
        context["content"] = cached_fragment(
            "home", lambda: self.render_content(today), today, depends_on=figures_dependencies()
        )
        context["practices"] = page_fragment(
            self.request,
            PageFragment(
                name="home-practices",
                build=latest_practices_section,
                vary=(),
                depends_on=("toolkit", *CARD_DEPENDS_ON),
            ),
        )
        return context

    def render_content(self, today: str) -> dict[str, str]:
        """The figures, and the visits and the map kept apart, around the latest practices.

        The visits and the map are kept for as long as what they show is unchanged.
        """
        context = {
            "projects": Project.objects.all(),
            "figures": key_figures(),
            "visits": cached_fragment(
                "home-visits", self.render_visits, today, depends_on=("exchanges", "cities")
            ),
            "partners": cached_fragment(
                "home-partners", self.render_partners, depends_on=("cities",)
            ),
        }
        return {
            part: render_to_string(f"home.html#{part}", context, self.request)
            for part in ("top", "bottom")
        }

    def render_visits(self) -> str:
        upcoming, recent = visit_lines(
            StudyVisit.objects.upcoming().order_by("start_date", "title")[:HOME_LIST_LENGTH],
            StudyVisit.objects.past()
            .exclude(status=ActivityStatus.CANCELLED)
            .order_by("-start_date", "title")[:HOME_LIST_LENGTH],
        )
        context = {"upcoming_visits": upcoming, "recent_visits": recent}
        return render_to_string("home.html#visits", context, self.request)

    def render_partners(self) -> str:
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
        context = {
            "partners": partners,
            "markers": markers,
            "map_width": VIEWBOX_WIDTH,
            "map_height": VIEWBOX_HEIGHT,
        }
        return render_to_string("home.html#partners", context, self.request)


class StaticPageView(TemplateView):
    """A page of plain text, such as the privacy notice, with its breadcrumb."""

    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[(_("Home"), reverse("home")), (self.title, None)], **kwargs
        )


class OpenDataView(StaticPageView):
    """What the portal publishes for programs and other tools: the API, feeds, calendar, CSV.

    The API's addresses are written out as the README documents them: they are its
    contract with the programs that read it, whatever its code calls its URLs.
    """

    template_name = "network/open_data.html"
    title = _("Open data")

    def get_context_data(self, **kwargs):
        endpoints = [
            (
                "/api/practices/",
                _("Published practices with their clusters, target groups and public resources."),
                "q, cluster, target_group, model, country, city, language, sort",
            ),
            (
                "/api/study-visits/",
                _("Study visits with their participants by role and public documents."),
                "cluster, host, year, status, when",
            ),
            ("/api/staff-exchanges/", _("Staff exchanges."), "kind, cluster, year"),
            (
                "/api/action-plans/",
                _("Public, published action plans with their files and actions."),
                "organisation, project, language",
            ),
            (
                "/api/transfers/",
                _("Transfers of published practices: who took a practice up, and how far."),
                "practice, organisation, stage, study_visit, staff_exchange, project",
            ),
            (
                "/api/figures/",
                _("The key figures, each with its definition; with a project, the report's."),
                "project, start, end, cluster",
            ),
        ]
        return super().get_context_data(
            endpoints=endpoints,
            projects=Project.objects.order_by("acronym"),
            **kwargs,
        )


class AccessibilityStatementView(StaticPageView):
    template_name = "pages/accessibility.html"
    title = _("Accessibility statement")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contact_email=settings.ACCESSIBILITY_CONTACT_EMAIL, **kwargs
        )


def accessibility_crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [
        home_crumb(),
        (_("Accessibility statement"), reverse("accessibility")),
        *more,
    ]


# Reports one address may send in an hour: enough for a person, not for a script.
ACCESSIBILITY_REPORTS_PER_HOUR = 5


def accessibility_report_allowed(request: HttpRequest) -> bool:
    """Count one report from the request's address; False past the hour's allowance.

    Counted in the cache, shared by the server processes in production (REDIS_URL).
    The address is allauth's, which honours DJANGO_TRUSTED_PROXY_COUNT behind a proxy.
    """
    key = f"accessibility-report:{get_adapter().get_client_ip(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # the hour ended between add() and incr()
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= ACCESSIBILITY_REPORTS_PER_HOUR


class AccessibilityReportView(FormView):
    """A barrier someone met, mailed to the operator (ACCESSIBILITY_CONTACT_EMAIL)."""

    form_class = AccessibilityReportForm
    template_name = "network/accessibility_report.html"

    def get_initial(self):
        # The page the person came from: the footer's link gives its address.
        return {"page": self.request.GET.get("page", "")[:500]}

    def form_valid(self, form):
        if not accessibility_report_allowed(self.request):
            form.add_error(
                None,
                _(
                    "You have sent several reports in a short time. Please wait an hour "
                    "and send this one again."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        accessibility_report_send(**form.cleaned_data, language=translation.get_language())
        return redirect("network:accessibility_report_sent")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=accessibility_crumbs((_("Report a problem"), None)), **kwargs
        )


class AccessibilityReportSentView(TemplateView):
    template_name = "network/accessibility_report_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=accessibility_crumbs((_("Report sent"), None)), **kwargs
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


class PartnerListView(FilterView):
    filterset_class = PartnerFilter
    template_name = "network/organisation_list.html"
    context_object_name = "partners"

    def get_queryset(self):
        return Organisation.objects.by_name()

    def get_context_data(self, **kwargs):
        return super().get_context_data(breadcrumbs=[home_crumb(), (_("Partners"), None)], **kwargs)


class PartnerCSVView(FilteredCSVView):
    """The partners the directory shows for the same filters."""

    filterset_class = PartnerFilter
    filename = "values-partners.csv"

    def get_queryset(self):
        return Organisation.objects.by_name()

    def header(self) -> list:
        return [
            _("Name"),
            _("Kind"),
            _("City"),
            _("Country"),
            _("Website"),
            _("Example"),
            _("Address"),
        ]

    def row(self, partner: Organisation) -> list:
        return [
            partner.name,
            partner.get_kind_display(),
            partner.city,
            partner.country.name,
            partner.website,
            yes_no(partner.is_example),
            self.address(partner),
        ]


class PartnerDetailView(SharedDetailPageCacheMixin, DetailView):
    model = Organisation
    template_name = "network/organisation_detail.html"
    context_object_name = "partner"
    # Its next and latest study visits change with the date.
    shared_page_daily = True

    def cache_audience(self, request: HttpRequest) -> str:
        # Members see the members-only action plans. The answer is kept for the person
        # until memberships change (staff: asked each time, their roles are groups).
        user = request.user
        if not user.is_staff:
            member = kept_for_person(
                "is-member", user, lambda: is_member(user), depends_on=["cities"]
            )
            remember_is_member(user, member)
        return "member" if is_member(user) else "signed-in"

    def cache_dependencies(self) -> list[str]:
        """Its row (its visits and plans point at it) and what else it shows; its
        practices are a fragment of their own (``partner_practices_fragment``)."""
        return [
            row_token(self.object),
            "cities",
            "exchanges",
            *models_except(Practice, app="toolkit"),
        ]

    def get_context_data(self, **kwargs):
        partner = self.object
        # Each section is a few queries, whatever the partner's size: a few of each list
        # that grows, and the number of the others. Related objects are reached through
        # their reverse names so cities imports neither exchanges nor toolkit (their
        # QuerySet methods come with the managers).
        working_groups = partner.working_groups.select_related("cluster").order_by(
            "cluster__position", "name"
        )
        action_plans = partner.action_plans.visible_to(self.request.user)
        exchanges_sent = list(partner.exchanges_sent.for_lines()[:GLANCE_ITEMS])
        exchanges_hosted = list(partner.exchanges_hosted.for_lines()[:GLANCE_ITEMS])
        return super().get_context_data(
            participations=partner.participations.select_related("project").order_by(
                "project__acronym"
            ),
            working_groups=working_groups,
            hosted_visits=visits_at_a_glance(partner.hosted_visits.all()),
            joined_visits=visits_at_a_glance(partner.visits_joined.all()),
            # The newest few each way; the exchanges' list holds them all (?organisation=).
            exchanges_sent=exchanges_sent,
            exchanges_hosted=exchanges_hosted,
            exchange_count=StaffExchange.objects.filter(
                Q(sending=partner) | Q(hosting=partner)
            ).count(),
            # The newest few; the toolkit lists all of them (?organisation=<slug>).
            practices=page_fragment(self.request, partner_practices_fragment(partner)),
            # The newest few; the action plans' list holds them all (?organisation=<slug>).
            action_plans=action_plans.select_related("project").order_by("-published_at", "title")[
                :GLANCE_ITEMS
            ],
            action_plan_count=action_plans.count(),
            breadcrumbs=[
                home_crumb(),
                (_("Partners"), reverse("network:partner_list")),
                (shown_html(partner, "name"), None),
            ],
            **kwargs,
        )


class ClusterListView(ListView):
    template_name = "network/cluster_list.html"
    context_object_name = "clusters"

    def get_queryset(self):
        return Cluster.objects.with_counts().select_related("project")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[home_crumb(), (_("Thematic clusters"), None)], **kwargs
        )


class ClusterDetailView(SharedDetailPageCacheMixin, DetailView):
    """A cluster at a glance: its working groups, and a few of its visits, exchanges and
    practices, each with a link to the filtered list that holds them all.

    Not paginated: the page gathers several lists, and each has its own list page with
    filters, pages and (the toolkit) facets; a second, lesser copy of them here would
    serve nobody. Its queries do not grow with the cluster.
    """

    model = Cluster
    template_name = "network/cluster_detail.html"
    context_object_name = "cluster"
    # Its next and latest study visits change with the date.
    shared_page_daily = True

    def get_queryset(self):
        return Cluster.objects.select_related("project")

    def cache_dependencies(self) -> list[str]:
        """Its row and what else it shows; its practices are a fragment of their own
        (``cluster_practices_fragment``)."""
        return [
            row_token(self.object),
            "cities",
            "exchanges",
            *models_except(Practice, app="toolkit"),
        ]

    def get_context_data(self, **kwargs):
        cluster = self.object
        exchanges = cluster.staff_exchanges.all()
        return super().get_context_data(
            working_groups=cluster.working_groups.select_related("lead").prefetch_related(
                "members"
            ),
            visits=visits_at_a_glance(cluster.study_visits.all()),
            exchanges=list(exchanges.for_lines()[:GLANCE_ITEMS]),
            exchange_count=exchanges.count(),
            # The newest few; the toolkit lists all of them (?cluster=<slug>).
            practices=page_fragment(self.request, cluster_practices_fragment(cluster)),
            breadcrumbs=[
                home_crumb(),
                (_("Thematic clusters"), reverse("network:cluster_list")),
                (shown_html(cluster, "short_name"), None),
            ],
            **kwargs,
        )
