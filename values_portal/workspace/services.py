import logging

from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.text import slugify

from cities.models import MembershipRole, Organisation
from exchanges.models import ActionPlan, ActionPlanVersion, ActionStatus, PlanAction
from toolkit.models import Practice, PracticeStatus
from toolkit.services import practice_publish, practice_unpublish
from values_portal.users.adapter import MAIL_ERRORS
from values_portal.users.models import User
from values_portal.users.roles import COORDINATORS_GROUP
from values_portal.workspace.models import ReviewDecision, ReviewNote

logger = logging.getLogger(__name__)


class TransitionError(Exception):
    """A practice is not in the state the requested change starts from."""


class VersionLabelTaken(Exception):
    """Another upload gave the plan a version with this label first."""


def coordinator_emails() -> list[str]:
    return list(
        User.objects.filter(is_active=True, is_staff=True, groups__name=COORDINATORS_GROUP)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def editor_emails(organisation: Organisation | None) -> list[str]:
    if organisation is None:
        return []
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__role=MembershipRole.EDITOR,
        )
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def _send(*, template: str, context: dict, recipients: list[str]) -> int:
    """One message per recipient, so nobody sees the others' addresses."""
    if not recipients:
        return 0
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_message.txt", context)
    messages = [EmailMessage(subject=subject, body=body, to=[address]) for address in recipients]
    try:
        return mailers.default.send_messages(messages) or 0
    except MAIL_ERRORS:
        # The change itself is saved and shows in the admin and the workspace;
        # a mail server that is down must not turn it into an error page.
        logger.exception("Could not send the %s email.", template.rsplit("/", 1)[-1])
        return 0


def practice_unique_slug(title: str) -> str:
    base = slugify(title)[:180].strip("-") or "practice"
    slug, number = base, 1
    while Practice.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def practice_submit(*, practice: Practice, by: User, review_url: str) -> Practice:
    """Send a draft to the coordinators for review and tell every one of them by email."""
    if practice.status != PracticeStatus.DRAFT:
        raise TransitionError("Only a draft can be submitted for review.")
    practice.status = PracticeStatus.IN_REVIEW
    practice.save(update_fields=["status", "updated_at"])
    _send(
        template="workspace/email/practice_submitted",
        context={"practice": practice, "by": by, "review_url": review_url},
        recipients=coordinator_emails(),
    )
    logger.info("Practice %s submitted for review by user %s", practice.pk, by.pk)
    return practice


def practice_withdraw(*, practice: Practice, by: User) -> Practice:
    """Take a practice in review or published back to draft, so its editors can change it."""
    if practice.status == PracticeStatus.IN_REVIEW:
        practice.status = PracticeStatus.DRAFT
        practice.save(update_fields=["status", "updated_at"])
    elif practice.status == PracticeStatus.PUBLISHED:
        practice_unpublish(practice=practice, by=by)
    else:
        raise TransitionError("Only a practice in review or published can be withdrawn.")
    logger.info("Practice %s withdrawn to draft by user %s", practice.pk, by.pk)
    return practice


@transaction.atomic
def practice_review(
    *, practice: Practice, by: User, decision: str, comment: str, practice_url: str
) -> ReviewNote:
    """Record a coordinator's decision on a practice in review and tell its editors."""
    if practice.status != PracticeStatus.IN_REVIEW:
        raise TransitionError("Only a practice in review can be reviewed.")
    note = ReviewNote.objects.create(
        practice=practice, author=by, decision=decision, comment=comment.strip()
    )
    if decision == ReviewDecision.PUBLISHED:
        practice_publish(practice=practice, by=by)
        template = "workspace/email/practice_published"
    else:
        practice.status = PracticeStatus.DRAFT
        practice.save(update_fields=["status", "updated_at"])
        template = "workspace/email/practice_sent_back"
    _send(
        template=template,
        context={"practice": practice, "note": note, "practice_url": practice_url},
        recipients=editor_emails(practice.organisation),
    )
    logger.info("Practice %s reviewed (%s) by user %s", practice.pk, decision, by.pk)
    return note


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
