"""Mail the portal sends about a change: a failure is logged and the change is kept."""

import logging
import smtplib

from django.core.mail import EmailMessage, mailers
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# What a mail server that is down, unreachable or refusing raises.
MAIL_ERRORS = (OSError, smtplib.SMTPException)


def mail_send(
    *, template: str, context: dict, recipients: list[str], reply_to: list[str] | None = None
) -> int:
    """One message per recipient, so nobody sees the others' addresses."""
    if not recipients:
        return 0
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_message.txt", context)
    messages = [
        EmailMessage(subject=subject, body=body, to=[address], reply_to=reply_to or None)
        for address in recipients
    ]
    try:
        return mailers.default.send_messages(messages) or 0
    except MAIL_ERRORS:
        # The change itself is saved and shows in the admin and the workspace;
        # a mail server that is down must not turn it into an error page.
        logger.exception("Could not send the %s email.", template.rsplit("/", 1)[-1])
        return 0
