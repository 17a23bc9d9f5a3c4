import datetime as dt
import logging
import time
from types import SimpleNamespace

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.translation import gettext_lazy as _

from core.mail import MAIL_ERRORS
from values_portal.users.roles import is_coordinator

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter; a mail server that does not answer is told, not a server error.

    Signing in, signing up and resetting a password send mail in the middle of
    the request. When the mail server is down the person gets the page they
    expected and a message saying that the email did not go, and the failure
    is logged for the operators.
    """

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # A coordinator who signs in without a destination starts where their work is.
        if is_coordinator(request.user):
            return resolve_url("workspace:coordination")
        return super().get_login_redirect_url(request)

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

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Not to set up a first authenticator minutes after typing the password.

        A coordinator's first sign-in leads straight to the authenticator set-up
        (values_portal.users.middleware) and on to the recovery codes; asking the
        password a second time there proves nothing the sign-in did not. Anyone who had
        an authenticator before signing in, or whose sign-in is older than the
        reauthentication timeout, is asked as before.
        """
        request = getattr(self, "request", None)
        user = getattr(request, "user", None)
        if app == "allauth.mfa" and user is not None and user.is_authenticated:
            records = get_authentication_records(request, user)
            signed_in = [r["at"] for r in records if r.get("method") == "password"]
            if (
                signed_in
                and time.time() - signed_in[-1] < account_settings.REAUTHENTICATION_TIMEOUT
                and not Authenticator.objects.filter(
                    user=user, created_at__lt=dt.datetime.fromtimestamp(signed_in[-1], dt.UTC)
                ).exists()
            ):
                return False
        return super().is_reauthentication_required(app=app, **kwargs)
