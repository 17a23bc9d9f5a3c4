"""The reference page of ``make bench`` (bench/run.py).

A trivial template rendered through the whole middleware stack, with no query:
the benchmark divides each page's throughput by this page's, measured in the
same run, so figures from different machines and loads can be compared.

Mounted in ``values_portal/urls.py`` inside ``i18n_patterns`` (so it passes
through the same locale handling as the public pages) with
``path("bench/", include("values_portal.bench_views"))``.
"""

from django.urls import path
from django.views.generic import TemplateView


class ReferenceView(TemplateView):
    template_name = "bench/reference.html"


app_name = "bench"
urlpatterns = [path("reference/", ReferenceView.as_view(), name="reference")]
