"""Two-factor authentication is compulsory for coordinators.

allauth offers TOTP to everyone but has no setting that requires it, so this
middleware sends a staff member without an authenticator app, who asks for the
admin (or another view marked ``staff_two_factor_required``), to the page that
sets one up. Once it is active, allauth asks for a code at every sign-in.
"""

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext_lazy as _

# Admin views that must stay reachable without an authenticator: signing out.
_ADMIN_EXEMPT = {"logout"}


# Set in the session at sign-in for editors (accounts/signals.py).
IDLE_LIMITED = "idle_limited"

# Where a coordinator sent to set up two-factor was going: the recovery codes page,
# the set-up's last step, offers to continue there (templates/mfa/recovery_codes/).
TWO_FACTOR_NEXT = "two_factor_next"


def requires_two_factor(request: HttpRequest, view_func: Callable) -> bool:
    match = request.resolver_match
    if match is None:
        return False
    if "admin" in match.namespaces:
        return match.url_name not in _ADMIN_EXEMPT
    view_class = getattr(view_func, "view_class", view_func)
    return bool(getattr(view_class, "staff_two_factor_required", False))


class CoordinatorTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and (
            user.is_staff or user.is_superuser or request.session.get(IDLE_LIMITED)
        ):
            # Coordinators' and editors' sessions end after a few idle hours: each request
            # starts the count again (a session write per request, for them only).
            request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
            request.session.modified = True
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        # A superuser who is not staff can still do everything: two-factor too.
        if not (user.is_authenticated and (user.is_staff or user.is_superuser)):
            return None
        if not requires_two_factor(request, view_func):
            return None
        if is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            return None
        messages.warning(
            request,
            _(
                "Coordinators protect their account with an authenticator app before "
                "they use the administration. Set it up now; it takes a minute."
            ),
        )
        if request.method == "GET":
            request.session[TWO_FACTOR_NEXT] = request.get_full_path()
        return HttpResponseRedirect(reverse("mfa_activate_totp"))


class StaffLanguageMiddleware:
    """The admin (no language prefix) follows the language of the portal's pages.

    LocaleMiddleware picks an unprefixed page's language from the language cookie,
    so a staff member's visit to ``/it/…`` sets it to ``it``: the admin opened next
    is in Italian. Only for staff, who use the admin; no one else gets the cookie.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if not (user is not None and user.is_authenticated and user.is_staff):
            return response
        language = get_language_from_path(request.path_info)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
