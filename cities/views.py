from django.views.generic import DetailView

from cities.models import Cluster, Organisation, Project


class PartnerDetailView(DetailView):
    model = Organisation
    template_name = "cities/organisation_detail.html"
    context_object_name = "partner"


class ProjectDetailView(DetailView):
    model = Project


class ClusterDetailView(DetailView):
    model = Cluster
