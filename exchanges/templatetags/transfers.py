"""Template tags for the transfer trail.

Tags, not view variables, so that the pages of the toolkit (a practice) and of the
network (a partner) show where practices travelled without importing exchanges.
"""

from django import template

from cities.models import Organisation
from exchanges import transfers
from exchanges.models import Transfer
from toolkit.models import Practice

register = template.Library()


@register.simple_tag
def practice_transfers(practice: Practice) -> transfers.PracticeTrail:
    """``{% practice_transfers practice as trail %}``: who took it up, and a map of them."""
    return transfers.practice_trail(practice)


@register.simple_tag
def partner_transfers(partner: Organisation) -> transfers.PartnerTrail:
    """``{% partner_transfers partner as trail %}``: what it took from whom, what it gave."""
    return transfers.partner_trail(partner)


@register.filter
def evidence_size(transfer: Transfer) -> int | None:
    return transfers.evidence_size(transfer)
