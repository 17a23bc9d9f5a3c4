import logging

from django.utils import timezone

from toolkit.models import Practice, PracticeStatus
from values_portal.users.models import User

logger = logging.getLogger(__name__)


def practice_publish(*, practice: Practice, by: User) -> Practice:
    """Publish a practice; a practice published before keeps its first date."""
    practice.status = PracticeStatus.PUBLISHED
    practice.published_at = practice.published_at or timezone.now()
    practice.save(update_fields=["status", "published_at", "updated_at"])
    logger.info("Practice %s published by user %s", practice.pk, by.pk)
    return practice


def practice_unpublish(*, practice: Practice, by: User) -> Practice:
    """Take a practice back to draft; ``published_at`` is kept for a later republication."""
    practice.status = PracticeStatus.DRAFT
    practice.save(update_fields=["status", "updated_at"])
    logger.info("Practice %s unpublished by user %s", practice.pk, by.pk)
    return practice
