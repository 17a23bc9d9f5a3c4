from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from cities.filters import PartnerFilter
from cities.models import Cluster, Organisation, Project
from values_portal.cache import SharedPageCacheMixin
from values_portal.figures import key_figures
from values_portal.spreadsheets import FilteredCSVView, yes_no

# A partner page shows its newest practices and links to the rest in the toolkit.
PARTNER_PRACTICES = 6


def home_crumb() -> tuple[str, str]:
    return (_("Home"), reverse("home"))


class PartnerListView(FilterView):
    filterset_class = PartnerFilter
    template_name = "cities/organisation_list.html"
    context_object_name = "partners"

    def get_queryset(self):
        return Organisation.objects.order_by("name")

    def get_context_data(self, **kwargs):
        return super().get_context_data(breadcrumbs=[home_crumb(), (_("Partners"), None)], **kwargs)


class PartnerCSVView(FilteredCSVView):
    """The partners the directory shows for the same filters."""

    filterset_class = PartnerFilter
    filename = "values-partners.csv"

    def get_queryset(self):
        return Organisation.objects.order_by("name")

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


class PartnerDetailView(SharedPageCacheMixin, DetailView):
    model = Organisation
    template_name = "cities/organisation_detail.html"
    context_object_name = "partner"

    def get_context_data(self, **kwargs):
        partner = self.object
        # Each section is one or two queries, whatever the partner's size. Related
        # objects are reached through their reverse names so cities imports neither
        # exchanges nor toolkit (their QuerySet methods come with the managers).
        working_groups = partner.working_groups.select_related("cluster").order_by(
            "cluster__position", "name"
        )
        # The newest few; the toolkit lists all of them (?organisation=<slug>).
        practices = list(partner.practices.published().for_cards()[: PARTNER_PRACTICES + 1])
        return super().get_context_data(
            participations=partner.participations.select_related("project").order_by(
                "project__acronym"
            ),
            working_groups=working_groups,
            hosted_visits=partner.hosted_visits.for_lists(),
            joined_visits=partner.visits_joined.for_lists(),
            exchanges_sent=partner.exchanges_sent.for_lists(),
            exchanges_hosted=partner.exchanges_hosted.for_lists(),
            practices=practices[:PARTNER_PRACTICES],
            more_practices=len(practices) > PARTNER_PRACTICES,
            action_plans=partner.action_plans.visible_to(self.request.user).select_related(
                "project"
            ),
            breadcrumbs=[
                home_crumb(),
                (_("Partners"), reverse("cities:partner_list")),
                (partner.name, None),
            ],
            **kwargs,
        )


class ClusterListView(ListView):
    template_name = "cities/cluster_list.html"
    context_object_name = "clusters"

    def get_queryset(self):
        return Cluster.objects.with_counts().select_related("project")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[home_crumb(), (_("Thematic clusters"), None)], **kwargs
        )


class ClusterDetailView(DetailView):
    model = Cluster
    context_object_name = "cluster"

    def get_queryset(self):
        return Cluster.objects.select_related("project")

    def get_context_data(self, **kwargs):
        cluster = self.object
        return super().get_context_data(
            working_groups=cluster.working_groups.select_related("lead").prefetch_related(
                "members"
            ),
            visits=cluster.study_visits.for_lists(),
            exchanges=cluster.staff_exchanges.for_lists(),
            practices=cluster.practices.published().for_cards(),
            breadcrumbs=[
                home_crumb(),
                (_("Thematic clusters"), reverse("cities:cluster_list")),
                (str(cluster), None),
            ],
            **kwargs,
        )


class ProjectDetailView(DetailView):
    model = Project
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
