"""``{% portal_name %}``: the portal's name (PORTAL_NAME), also on pages rendered without a
request (400 and 500), where context processors do not run. ``{% example_mark obj %}``:
the marker on invented demo content."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def portal_name() -> str:
    return settings.PORTAL_NAME


@register.simple_tag
def example_mark(obj: object) -> SafeString:
    """A small marker on invented demo content; the page's one notice (base.html) explains
    it. Also a global of the Jinja2 templates (``core.jinja2``), such as the practice card."""
    if not getattr(obj, "is_example", False):
        return SafeString("")
    return format_html(
        '<span class="example-mark" title="{}"><span aria-hidden="true">†</span>'
        '<span class="visually-hidden"> ({})</span></span>',
        gettext("Invented for demonstration"),
        gettext("example"),
    )
