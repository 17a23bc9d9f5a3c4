"""Template tags for benchmarking profiles and the transfer trail."""

from django import template
from django.utils.safestring import SafeString

from cities.models import Organisation
from toolkit import charts, transfers
from toolkit.benchmarking import Profile
from toolkit.models import Transfer

register = template.Library()


@register.simple_tag
def profile_chart(profile: Profile, *id_parts: object) -> SafeString:
    """``{% profile_chart profile "bench" profile.project.pk %}``: the profile as accessible SVG.

    The parts, joined with hyphens (``bench-3``), prefix the chart's ids: unique on the page.
    """
    return charts.profile_chart(profile, chart_id="-".join(str(part) for part in id_parts))


@register.simple_tag
def partner_transfers(partner: Organisation) -> transfers.PartnerTrail:
    """``{% partner_transfers partner as trail %}``: what it took from whom, what it gave.

    A tag, not a view variable, so that the partner page (cities) need not import
    the toolkit: two queries, whatever the number of transfers.
    """
    return transfers.partner_trail(partner)


@register.filter
def evidence_size(transfer: Transfer) -> int | None:
    return transfers.evidence_size(transfer)
