"""The portal's URLs with the benchmark's reference page mounted, as values_portal/urls.py will."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from values_portal.urls import handler404, handler500
from values_portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    *portal_urlpatterns,
    *i18n_patterns(
        path("bench/", include("values_portal.bench_views")), prefix_default_language=True
    ),
]

__all__ = ["handler404", "handler500", "urlpatterns"]
