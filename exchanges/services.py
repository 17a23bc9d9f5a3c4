import logging

from django.utils import timezone

from exchanges.models import ActionPlan, PublicationStatus
from values_portal.users.models import User

logger = logging.getLogger(__name__)


def action_plan_publish(*, plan: ActionPlan, by: User) -> ActionPlan:
    """Publish an action plan; a plan published before keeps its first date."""
    plan.status = PublicationStatus.PUBLISHED
    plan.published_at = plan.published_at or timezone.now()
    plan.save(update_fields=["status", "published_at", "updated_at"])
    logger.info("Action plan %s published by user %s", plan.pk, by.pk)
    return plan


def action_plan_unpublish(*, plan: ActionPlan, by: User) -> ActionPlan:
    """Take an action plan back to draft; ``published_at`` is kept for a later republication."""
    plan.status = PublicationStatus.DRAFT
    plan.save(update_fields=["status", "updated_at"])
    logger.info("Action plan %s unpublished by user %s", plan.pk, by.pk)
    return plan
