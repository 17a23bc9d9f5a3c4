from django import template

from values_portal.users import roles

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

