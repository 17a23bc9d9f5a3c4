"""How a digest reads: a heading per kind of news, one line per item."""

import datetime as dt

from django import template
from django.utils.translation import gettext_lazy as _

from core.models import EventKind
from exchanges.models import TransferStage
from follows.services import DigestItem

register = template.Library()

HEADINGS = {
    EventKind.PRACTICE_PUBLISHED: _("Newly published practices"),
    EventKind.PLAN_PUBLISHED: _("Newly published action plans"),
    EventKind.PLAN_VERSION: _("New versions of action plans"),
    EventKind.VISIT_ANNOUNCED: _("Study visits announced"),
    EventKind.VISIT_OPEN: _("Study visits open for registration"),
    EventKind.VISIT_LESSONS: _("Lessons of study visits published"),
    EventKind.TRANSFER_STAGE: _("Practices taken up: a new stage"),
    EventKind.STAFF_EXCHANGE: _("Staff exchanges recorded"),
}


@register.filter
def digest_heading(kind: str) -> str:
    return HEADINGS[EventKind(kind)]


@register.filter
def digest_detail(item: DigestItem) -> str:
    """What a title alone does not say: who took a practice up, and how far."""
    if item.event.kind == EventKind.TRANSFER_STAGE and item.event.key in TransferStage.values:
        return f"{item.detail}: {TransferStage(item.event.key).label}"
    return ""


@register.filter
def digest_line(item: DigestItem) -> str:
    detail = digest_detail(item)
    return f"{item.event.title} — {detail}" if detail else item.event.title


@register.filter
def digest_last_day(end: dt.datetime) -> dt.datetime:
    """A period ends at midnight; people read the day before as its last."""
    return end - dt.timedelta(seconds=1)
