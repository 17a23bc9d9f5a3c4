"""Template tags for benchmarking profiles."""

from django import template
from django.utils.safestring import SafeString

from toolkit import charts
from toolkit.benchmarking import Profile

register = template.Library()


@register.simple_tag
def profile_chart(profile: Profile, *id_parts: object) -> SafeString:
    """``{% profile_chart profile "bench" profile.project.pk %}``: the profile as accessible SVG.

    The parts, joined with hyphens (``bench-3``), prefix the chart's ids: unique on the page.
    """
    return charts.profile_chart(profile, chart_id="-".join(str(part) for part in id_parts))
