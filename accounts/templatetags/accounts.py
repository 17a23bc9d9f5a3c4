from django import template

from cities.models import Organisation

register = template.Library()


@register.simple_tag(takes_context=True)
def edits_an_organisation(context) -> bool:
    """Whether the signed-in user is an editor of some organisation (once per request)."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if request is None:
        return Organisation.objects.editable_by(user).exists()
    if not hasattr(request, "_edits_an_organisation"):
        request._edits_an_organisation = Organisation.objects.editable_by(user).exists()
    return request._edits_an_organisation
