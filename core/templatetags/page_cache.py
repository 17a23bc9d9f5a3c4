"""``{% account_corner %}``: the one personal part of the layout (core/cache.py)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from core.cache import ACCOUNT_CORNER, ACCOUNT_CORNER_TEMPLATE, account_corner_hole

register = template.Library()


@register.simple_tag(takes_context=True)
def account_corner(context) -> SafeString:
    """The account menu; a hole when the page is shared by signed-in people, filled per request."""
    request = context.get("request")
    if request is not None and account_corner_hole(request):
        return mark_safe(ACCOUNT_CORNER)  # noqa: S308 - a constant comment
    corner = context.template.engine.get_template(ACCOUNT_CORNER_TEMPLATE)
    with context.render_context.push_state(corner):
        return corner.render(context)
