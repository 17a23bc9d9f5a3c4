from django import template
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from values_portal.users import roles
from values_portal.users.middleware import TWO_FACTOR_NEXT

register = template.Library()


@register.simple_tag(takes_context=True)
def is_coordinator(context) -> bool:
    """Whether the signed-in user is a coordinator (one query per request at most)."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    if user is None:
        return False
    if request is None:
        return roles.is_coordinator(user)
    if not hasattr(request, "_is_coordinator"):
        request._is_coordinator = roles.is_coordinator(user)
    return request._is_coordinator


@register.simple_tag(takes_context=True)
def two_factor_next(context) -> str:
    """Where a coordinator was going when they were asked to set up two-factor, else
    their start page (coordinators) or their account (anyone else)."""
    request = context["request"]
    url = request.session.get(TWO_FACTOR_NEXT, "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    if is_coordinator(context):
        return reverse("workspace:coordination")
    return reverse("accounts:account")
