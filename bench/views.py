"""The reference page of ``make bench`` (bench/run.py).

A trivial template rendered through the whole middleware stack, with no query:
the benchmark divides each page's throughput by this page's, measured in the
same run, so figures from different machines and loads can be compared.
Mounted by bench/urls.py inside ``i18n_patterns``, so it passes through the same
locale handling as the public pages.
"""

from django.views.generic import TemplateView


class ReferenceView(TemplateView):
    template_name = "bench/reference.html"
