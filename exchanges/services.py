import logging

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.events import event_record, original_title
from core.models import EventKind
from exchanges.models import (
    ActionPlan,
    ActionPlanVersion,
    ActionStatus,
    PlanAction,
    PublicationStatus,
    StaffExchange,
    StudyVisit,
    Transfer,
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
    event_record(
        kind=EventKind.PLAN_PUBLISHED, about=plan, title=plan.title, language=plan.language
    )
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
    plan_version_recorded(version=version)
    logger.info("Action plan %s: version %s uploaded by user %s", plan.pk, version.pk, by.pk)
    return version


def plan_version_recorded(*, version: ActionPlanVersion) -> None:
    """A new version of a published plan is news; versions of a draft are not."""
    plan = version.plan
    if plan.status == PublicationStatus.PUBLISHED:
        event_record(
            kind=EventKind.PLAN_VERSION,
            about=plan,
            key=version.pk,
            title=plan.title,
            language=plan.language,
        )


def study_visit_recorded(*, visit: StudyVisit, created: bool, lessons_before: str = "") -> None:
    """After a visit is saved: announced when new, lessons published when they first appear."""
    title, language = original_title(visit)
    if created:
        event_record(kind=EventKind.VISIT_ANNOUNCED, about=visit, title=title, language=language)
    if visit.lessons_learned.strip() and not lessons_before.strip():
        event_record(kind=EventKind.VISIT_LESSONS, about=visit, title=title, language=language)


def study_visit_open_registration(*, visit: StudyVisit, by: User) -> None:
    """A coordinator announces that people may now register for the visit (once per visit)."""
    title, language = original_title(visit)
    event_record(kind=EventKind.VISIT_OPEN, about=visit, title=title, language=language)
    logger.info("Study visit %s opened for registration by user %s", visit.pk, by.pk)


def staff_exchange_recorded(*, exchange: StaffExchange) -> None:
    title, language = original_title(exchange)
    event_record(kind=EventKind.STAFF_EXCHANGE, about=exchange, title=title, language=language)


def transfer_recorded(*, transfer: Transfer) -> None:
    """Each stage a transfer reaches is news once (a stage reached again is not)."""
    title, language = original_title(transfer.practice, transfer.practice.language)
    event_record(
        kind=EventKind.TRANSFER_STAGE,
        about=transfer,
        key=transfer.stage,
        title=title,
        language=language,
    )


def plan_action_set_status(
    *, action: PlanAction, status: str, dropped_reason: str, by: User
) -> PlanAction:
    """Move an action to ``status``; only a dropped action keeps a reason."""
    action.status = status
    action.dropped_reason = dropped_reason.strip() if status == ActionStatus.DROPPED else ""
    action.save(update_fields=["status", "dropped_reason", "updated_at"])
    logger.info("Plan action %s set to %s by user %s", action.pk, status, by.pk)
    return action
