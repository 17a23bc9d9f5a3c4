"""``{% portal_name %}``: the portal's name (PORTAL_NAME), also on pages rendered without a
request (400 and 500), where context processors do not run. ``{% example_mark obj %}``:
the marker on invented demo content. ``{% date_range start end %}``: two dates as one day
or a range. ``{% status value label %}``: an activity's status. The last three are also
globals of the Jinja2 templates (``core.jinja2``)."""

import datetime as dt

from django import template
from django.conf import settings
from django.utils.dateformat import format as format_date
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
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


@register.simple_tag
def date_range(start: dt.date, end: dt.date) -> SafeString:
    """Start and end dates, as one day or a range, each a ``<time>`` in the reader's format."""
    if start == end:
        return format_html(
            '<time datetime="{}">{}</time>', format_date(start, "Y-m-d"), date_format(start)
        )
    # The sentence is the translators' (its markup too); the dates are escaped into it.
    sentence = gettext(
        '<time datetime="%(start_iso)s">%(start_text)s</time> to '
        '<time datetime="%(end_iso)s">%(end_text)s</time>'
    )
    values = {
        "start_iso": format_date(start, "Y-m-d"),
        "end_iso": format_date(end, "Y-m-d"),
        "start_text": date_format(start),
        "end_text": date_format(end),
    }
    return mark_safe(sentence % {name: conditional_escape(v) for name, v in values.items()})  # noqa: S308


@register.simple_tag
def status(value: str, label: object = "") -> SafeString:
    """An activity's status (``planned``), labelled in the reader's language when given."""
    if not value:
        return SafeString("")
    return format_html('<span class="status status--{}">{}</span>', value, label or value)
