import logging

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from exchanges.models import (
    ActionPlan,
    ActionPlanVersion,
    ActionStatus,
    PlanAction,
    PublicationStatus,
)
from values_portal.users.models import User

logger = logging.getLogger(__name__)


class VersionLabelTaken(Exception):
    """Another upload gave the plan a version with this label first."""


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


def action_plan_version_upload(
    *, plan: ActionPlan, file: UploadedFile, version_label: str, by: User
) -> ActionPlanVersion:
    """Store a new version of a plan; its size and checksum are computed on save."""
    version = ActionPlanVersion(plan=plan, file=file, version_label=version_label, uploaded_by=by)
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError:
        # The file is stored before the row is inserted: a refused row leaves no file.
        if version.file.name:
            version.file.storage.delete(version.file.name)
        # Two uploads with one label passed the form's check at the same moment.
        if ActionPlanVersion.objects.filter(plan=plan, version_label=version_label).exists():
            raise VersionLabelTaken(version_label) from None
        raise
    logger.info("Action plan %s: version %s uploaded by user %s", plan.pk, version.pk, by.pk)
    return version


def plan_action_set_status(
    *, action: PlanAction, status: str, dropped_reason: str, by: User
) -> PlanAction:
    """Move an action to ``status``; only a dropped action keeps a reason."""
    action.status = status
    action.dropped_reason = dropped_reason.strip() if status == ActionStatus.DROPPED else ""
    action.save(update_fields=["status", "dropped_reason", "updated_at"])
    logger.info("Plan action %s set to %s by user %s", action.pk, status, by.pk)
    return action
