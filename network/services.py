"""Mail the network's public pages send: reports of accessibility problems."""

import logging

from django.conf import settings
from django.utils import timezone, translation

from core.mail import mail_send

logger = logging.getLogger(__name__)


def accessibility_report_send(
    *, name: str, email: str, page: str, description: str, language: str
) -> bool:
    """Mail a report of a barrier to the operator; True when it went out.

    The message is written in the portal's default language, the operator's,
    and says which language the person read the portal in. When it cannot be
    sent, the report is logged so that it is not lost; the person is thanked
    all the same (core.mail).
    """
    recipients = (
        [settings.ACCESSIBILITY_CONTACT_EMAIL] if settings.ACCESSIBILITY_CONTACT_EMAIL else []
    )
    context = {
        "name": name,
        "email": email,
        "page": page,
        "description": description,
        "language": language,
        "sent_at": timezone.localtime(),
    }
    with translation.override(settings.LANGUAGE_CODE):
        sent = mail_send(
            template="network/email/accessibility_report",
            context=context,
            recipients=recipients,
            reply_to=[email] if email else None,
        )
    if not sent:
        logger.error(
            "Accessibility report not mailed (ACCESSIBILITY_CONTACT_EMAIL: %s); page %r, "
            "reply to %r: %s",
            settings.ACCESSIBILITY_CONTACT_EMAIL or "not set",
            page,
            email or "no address given",
            description,
        )
    return bool(sent)
