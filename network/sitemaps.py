from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cities.models import Cluster, Organisation, Project
from exchanges.models import ActionPlan, StaffExchange, StudyVisit
from toolkit.models import Practice


class TranslatedSitemap(Sitemap):
    """Each page once per interface language (/en/…, /it/…), with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class StaticViewSitemap(TranslatedSitemap):
    priority = 0.6
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [
            "home",
            "toolkit:list",
            "network:partner_list",
            "network:cluster_list",
            "exchanges:visit_list",
            "exchanges:exchange_list",
            "exchanges:plan_list",
            "privacy",
            "accessibility",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class ModelSitemap(TranslatedSitemap):
    """Objects that have get_absolute_url and updated_at."""

    def lastmod(self, obj):
        return obj.updated_at


class PracticeSitemap(ModelSitemap):
    priority = 0.8

    def items(self):
        return Practice.objects.published()


class ActionPlanSitemap(ModelSitemap):
    def items(self):
        return ActionPlan.objects.public()


class StudyVisitSitemap(ModelSitemap):
    def items(self):
        return StudyVisit.objects.all()


class StaffExchangeSitemap(ModelSitemap):
    def items(self):
        return StaffExchange.objects.all()


class PartnerSitemap(ModelSitemap):
    def items(self):
        return Organisation.objects.all()


class ClusterSitemap(ModelSitemap):
    def items(self):
        return Cluster.objects.all()


class ProjectSitemap(ModelSitemap):
    def items(self):
        return Project.objects.all()


SITEMAPS = {
    "pages": StaticViewSitemap,
    "practices": PracticeSitemap,
    "action-plans": ActionPlanSitemap,
    "study-visits": StudyVisitSitemap,
    "staff-exchanges": StaffExchangeSitemap,
    "partners": PartnerSitemap,
    "clusters": ClusterSitemap,
    "projects": ProjectSitemap,
}
