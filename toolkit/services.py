import datetime as dt
import logging
from typing import NamedTuple

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from cities.models import Project
from cities.services import editor_emails
from core.cache import content_changed
from core.events import event_record, original_title
from core.mail import mail_send
from core.models import EventKind
from toolkit.models import (
    Assessment,
    AssessmentKind,
    BenchmarkCriterion,
    Practice,
    PracticeStatus,
    ReviewDecision,
    ReviewNote,
    Score,
)
from values_portal.users.models import User
from values_portal.users.roles import coordinator_emails

logger = logging.getLogger(__name__)


class TransitionError(Exception):
    """A practice is not in the state the requested change starts from."""


def practice_publish(*, practice: Practice, by: User) -> Practice:
    """Publish a practice; a practice published before keeps its first date."""
    practice.status = PracticeStatus.PUBLISHED
    practice.published_at = practice.published_at or timezone.now()
    practice.save(update_fields=["status", "published_at", "updated_at"])
    # Once per practice: publishing again after a withdrawal is not news.
    title, language = original_title(practice, practice.language)
    event_record(kind=EventKind.PRACTICE_PUBLISHED, about=practice, title=title, language=language)
    logger.info("Practice %s published by user %s", practice.pk, by.pk)
    return practice


def practice_unpublish(*, practice: Practice, by: User) -> Practice:
    """Take a practice back to draft; ``published_at`` is kept for a later republication."""
    practice.status = PracticeStatus.DRAFT
    practice.save(update_fields=["status", "updated_at"])
    logger.info("Practice %s unpublished by user %s", practice.pk, by.pk)
    return practice


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
    mail_send(
        template="toolkit/email/practice_submitted",
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
        template = "toolkit/email/practice_published"
    else:
        practice.status = PracticeStatus.DRAFT
        practice.save(update_fields=["status", "updated_at"])
        template = "toolkit/email/practice_sent_back"
    mail_send(
        template=template,
        context={"practice": practice, "note": note, "practice_url": practice_url},
        recipients=editor_emails(practice.organisation),
    )
    logger.info("Practice %s reviewed (%s) by user %s", practice.pk, decision, by.pk)
    return note


def assessment_record(
    *,
    practice: Practice,
    project: Project,
    kind: AssessmentKind,
    by: User,
    assessed_on: dt.date,
    comment: str,
    scores: list[tuple[BenchmarkCriterion, int, str]],
) -> Assessment:
    """Store an assessment with a score and a justification for each criterion, or nothing."""
    with transaction.atomic():
        assessment = Assessment.objects.create(
            practice=practice,
            project=project,
            kind=kind,
            assessor=by,
            assessed_on=assessed_on,
            comment=comment,
        )
        Score.objects.bulk_create(
            Score(assessment=assessment, criterion=criterion, value=value, justification=text)
            for criterion, value, text in scores
        )
        # bulk_create sends no signal: cached pages must still show the new scores.
        content_changed()
    logger.info(
        "Assessment %s (%s) of practice %s recorded by user %s",
        assessment.pk,
        kind,
        practice.pk,
        by.pk,
    )
    return assessment


# --- Contacting the people behind a practice ------------------------------------------

# Messages one person (by address) or one email address may send in an hour: enough to
# write to a few practices, not enough to use the portal to spam their editors.
CONTACTS_PER_HOUR = 5


class ContactLimitReached(Exception):
    """The sender has written too many messages in the last hour."""


def _count_one(key: str) -> int:
    """Count one more message under ``key`` for an hour, in the cache (shared with REDIS_URL)."""
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key)
    except ValueError:  # the hour ended between add() and incr()
        cache.set(key, 1, timeout=3600)
        return 1


class ContactSent(NamedTuple):
    relayed: int  # messages queued for the editors (or the coordinators); 0: none went
    copied: bool  # whether the sender was mailed a copy


def practice_contact(
    *,
    practice: Practice,
    name: str,
    email: str,
    message: str,
    client_ip: str,
    practice_url: str,
    sender: User | None,
) -> ContactSent:
    """Relay a message to the editors of the practice's organisation.

    The editors' addresses are never shown: each gets the message with the sender as
    Reply-To, and chooses whether to answer. An organisation with no editor on the portal
    yet: the coordinators get it, to pass it on. Raises ContactLimitReached past
    CONTACTS_PER_HOUR from one address or to one email.

    The sender gets a copy only at an address shown to be theirs: ``sender`` is the
    signed-in person and ``email`` one of their confirmed addresses. Anyone can type any
    address in the form, and a copy sent there would be the portal mailing a stranger
    on someone else's behalf.
    """
    counts = [
        _count_one(f"practice-contact:ip:{client_ip}"),
        _count_one(f"practice-contact:email:{email.strip().lower()}"),
    ]
    if max(counts) > CONTACTS_PER_HOUR:
        logger.info("Contact about practice %s refused: over the hourly limit", practice.pk)
        raise ContactLimitReached
    recipients = editor_emails(practice.organisation)
    to_coordinators = not recipients
    if to_coordinators:
        recipients = coordinator_emails()
    context = {
        "practice": practice,
        "name": name,
        "email": email,
        "message": message,
        "practice_url": practice_url,
        "to_coordinators": to_coordinators,
    }
    sent = mail_send(
        template="toolkit/email/practice_contact",
        context=context,
        recipients=recipients,
        reply_to=[email],
    )
    if not sent:
        # Nobody to pass it on to: logged whole, so that what the person wrote is not lost.
        logger.error(
            "Message about practice %s not relayed (no editor, no coordinator); reply to %r: %s",
            practice.pk,
            email,
            message,
        )
        return ContactSent(relayed=0, copied=False)
    copied = sender is not None and sender.has_verified_email(email)
    if copied:
        mail_send(
            template="toolkit/email/practice_contact_copy", context=context, recipients=[email]
        )
    logger.info(
        "Message about practice %s relayed to %s people%s",
        practice.pk,
        sent,
        ", a copy to the sender" if copied else "",
    )
    return ContactSent(relayed=sent, copied=copied)
