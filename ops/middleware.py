"""Security headers that Django's SecurityMiddleware does not send, and the 405 page."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def permissions_policy(policy: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` → ``camera=(), fullscreen=(self)``."""
    return ", ".join(
        f"{feature}=({' '.join(allowed)})" for feature, allowed in sorted(policy.items())
    )


class SecurityHeadersMiddleware:
    """Adds ``Permissions-Policy`` and ``Cross-Origin-Resource-Policy`` to every response.

    Browser features the portal never uses (camera, microphone, geolocation…)
    are switched off for it and anything it could embed, and its files and
    pages cannot be loaded by another site's page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class MethodNotAllowedPageMiddleware:
    """Gives the empty 405 answer of a form's address a page that says what to do.

    The buttons of the portal (send for review, withdraw…) post to addresses of
    their own; someone who opens one in the address bar or from a bookmark gets
    the portal's page explaining it, with the ``Allow`` header kept.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.streaming or response.content:
            return response
        page = render(request, "405.html", status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page


class PrivateWhenSignedInMiddleware:
    """Pages served to a signed-in person are theirs: no shared or browser cache keeps them.

    Their account corner, memberships and members-only files are on them; a response that
    already says how it may be cached keeps its own rule.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
        return response
