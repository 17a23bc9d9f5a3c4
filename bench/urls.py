"""The portal's URLs with the benchmark's reference page mounted under each language."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from bench.views import ReferenceView
from values_portal.urls import handler404, handler500
from values_portal.urls import urlpatterns as portal_urlpatterns

reference_patterns = ([path("reference/", ReferenceView.as_view(), name="reference")], "bench")

urlpatterns = [
    *portal_urlpatterns,
    *i18n_patterns(path("bench/", include(reference_patterns)), prefix_default_language=True),
]

__all__ = ["handler404", "handler500", "urlpatterns"]
