import logging
from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from core.mail import MAIL_ERRORS

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter; a mail server that does not answer is told, not a server error.

    Signing in, signing up and resetting a password send mail in the middle of
    the request. When the mail server is down the person gets the page they
    expected and a message saying that the email did not go, and the failure
    is logged for the operators.
    """

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Without the sites framework allauth names the site after the request's host
        # ("Hello from 127.0.0.1:8101!"); the mails name the portal (PORTAL_NAME) instead.
        request = getattr(self, "request", None)
        context = {
            "portal_name": settings.PORTAL_NAME,
            "portal_url": (
                f"{settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL}://{request.get_host()}/"
                if request
                else settings.PORTAL_URL
            ),
            "current_site": SimpleNamespace(
                name=settings.PORTAL_NAME,
                domain=request.get_host() if request else settings.PORTAL_URL,
            ),
            **context,
        }
        try:
            super().send_mail(template_prefix, email, context)
        except MAIL_ERRORS:
            logger.exception("Could not send the %s email.", template_prefix.rsplit("/", 1)[-1])
            request = getattr(self, "request", None)
            if request is not None:
                messages.error(
                    request,
                    _(
                        "We could not send you an email just now. Please try again in a few "
                        "minutes; if it keeps failing, write to the network's secretariat."
                    ),
                )
