"""The digest mail: written and sent by the task queue's worker, retried with backoff."""

import logging

from django.conf import settings
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.mail import MAIL_ERRORS, message_send
from core.tasks import retry_later
from follows.models import Digest, DigestStatus
from follows.services import digest_count, digest_groups, unsubscribe_token

logger = logging.getLogger(__name__)


def digest_message(*, digest: Digest, language: str) -> dict:
    """Subject, text, HTML and headers of ``digest``, in ``language``; None items: nothing new."""
    user = digest.user
    groups = digest_groups(user=user, start=digest.period_start, end=digest.period_end)
    with translation.override(language):
        unsubscribe_url = settings.PORTAL_URL + reverse(
            "accounts:unsubscribe", kwargs={"token": unsubscribe_token(user)}
        )
        context = {
            "digest": digest,
            "groups": groups,
            "count": digest_count(groups),
            "portal_url": settings.PORTAL_URL,
            "settings_url": settings.PORTAL_URL + reverse("accounts:following"),
            "unsubscribe_url": unsubscribe_url,
            "language": language,
            "portal_name": settings.PORTAL_NAME,
        }
        subject = " ".join(render_to_string("follows/email/digest_subject.txt", context).split())
        return {
            "count": context["count"],
            "subject": subject,
            "body": render_to_string("follows/email/digest_message.txt", context),
            "html": render_to_string("follows/email/digest_message.html", context),
            # RFC 8058: mail programs offer "unsubscribe" and POST to it, no sign-in.
            "headers": {
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        }


@task
def deliver_digest(*, digest_id: int, attempt: int = 1) -> str:
    digest = Digest.objects.select_related("user", "user__digest_settings").get(pk=digest_id)
    if digest.status != DigestStatus.QUEUED:
        return digest.status
    settings_row = getattr(digest.user, "digest_settings", None)
    language = settings_row.language if settings_row else settings.LANGUAGE_CODE
    message = digest_message(digest=digest, language=language)
    digest.attempts = attempt
    digest.event_count = message["count"]
    if not message["count"]:
        # What was new has been unpublished since: nothing to say, nothing sent.
        digest.status = DigestStatus.EMPTY
        digest.save(update_fields=["status", "attempts", "event_count", "updated_at"])
        return digest.status
    try:
        message_send(
            subject=message["subject"],
            body=message["body"],
            html=message["html"],
            headers=message["headers"],
            to=digest.user.email,
        )
    except MAIL_ERRORS as error:
        digest.error = f"{type(error).__name__}: {error}"[:1000]
        if retry_later(deliver_digest, attempt=attempt, kwargs={"digest_id": digest.pk}):
            digest.save(update_fields=["attempts", "event_count", "error", "updated_at"])
            logger.warning("Digest %s not sent (attempt %s); retrying.", digest.pk, attempt)
            return digest.status
        digest.status = DigestStatus.FAILED
        digest.save(update_fields=["status", "attempts", "event_count", "error", "updated_at"])
        logger.exception("Digest %s not sent after %s attempts.", digest.pk, attempt)
        raise
    digest.status = DigestStatus.SENT
    digest.sent_at = timezone.now()
    digest.error = ""
    digest.save()
    return digest.status
