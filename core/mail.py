"""Mail the portal sends about a change, through the task queue.

``mail_send`` renders the message at once, in the language of the request that
caused it, and enqueues ``deliver_mail``: the request never waits for a mail
server, and a server that is down costs a retry later (core.tasks), never the
change. Which worker runs the task is the ``TASKS`` setting (README, "Deploy").
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.console import EmailBackend
from django.tasks import task
from django.template.loader import render_to_string

from core.tasks import retry_later

logger = logging.getLogger(__name__)

# What a mail server that is down, unreachable or refusing raises.
MAIL_ERRORS = (OSError, smtplib.SMTPException)


def mail_send(
    *, template: str, context: dict, recipients: list[str], reply_to: list[str] | None = None
) -> int:
    """Queue one message per recipient, so nobody sees the others' addresses."""
    if not recipients:
        return 0
    context = {"portal_name": settings.PORTAL_NAME, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_message.txt", context)
    for address in recipients:
        deliver_mail.enqueue(
            subject=subject, body=body, to=address, name=template, reply_to=reply_to or []
        )
    return len(recipients)


def message_send(
    *,
    subject: str,
    body: str,
    to: str,
    html: str = "",
    headers: dict | None = None,
    reply_to: list[str] | None = None,
) -> None:
    """Send one message now; raises MAIL_ERRORS when the server does not take it."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, to=[to], headers=headers or {}, reply_to=reply_to or None
    )
    if html:
        message.attach_alternative(html, "text/html")
    mailers.default.send_messages([message])


@task
def deliver_mail(
    *,
    subject: str,
    body: str,
    to: str,
    name: str = "",
    reply_to: list[str] | None = None,
    attempt: int = 1,
) -> bool:
    try:
        message_send(subject=subject, body=body, to=to, reply_to=reply_to)
    except MAIL_ERRORS:
        kwargs = {"subject": subject, "body": body, "to": to, "name": name, "reply_to": reply_to}
        if retry_later(deliver_mail, attempt=attempt, kwargs=kwargs):
            logger.warning("Could not send the %s email (attempt %s); retrying.", name, attempt)
            return False
        # The last attempt: logged for the operators, with the message itself so that
        # nothing a person wrote is lost, and raised, so the queue records the task failed.
        logger.exception(
            "Could not send the %s email to %s after %s attempts. Subject: %s\n%s",
            name.rsplit("/", 1)[-1],
            to,
            attempt,
            subject,
            body,
        )
        raise
    return True


class ConsoleBackend(EmailBackend):
    """The development mailer: each message's headers, then its text parts decoded.

    Django's console backend prints the message as it would travel, and a text part
    with a long line travels as quoted-printable, which breaks a confirmation link
    across lines with "=" at their ends; this one prints the text a person would read.
    """

    HEADERS = ("Subject", "From", "To", "Reply-To", "Date")

    def write_message(self, message) -> None:
        parsed = message.message()
        for header in self.HEADERS:
            if parsed[header]:
                self.stream.write(f"{header}: {parsed[header]}\n")
        for part in parsed.walk():
            if part.is_multipart():
                continue
            if part.get_content_maintype() == "text":
                self.stream.write(f"\n[{part.get_content_type()}]\n{part.get_content()}\n")
            else:
                self.stream.write(f"\n[{part.get_content_type()}: {part.get_filename() or ''}]\n")
        self.stream.write("-" * 79 + "\n")
