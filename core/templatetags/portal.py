"""``{% portal_name %}``: the portal's name (PORTAL_NAME), also on pages rendered without a
request (400 and 500), where context processors do not run."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def portal_name() -> str:
    return settings.PORTAL_NAME
