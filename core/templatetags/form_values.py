"""``{{ value|sent_back }}``: a value the visitor sent, written back into a field by hand.

Widgets rendered by Django go through the form renderer, which leaves out the characters
HTML forbids in a page (core.forms_renderer); a template that writes an ``<input>``
itself uses this filter for the same reason: ``?q=%00`` must not make the page invalid.
"""

from django import template

from core.forms_renderer import without_forbidden_characters

register = template.Library()


@register.filter
def sent_back(value: object) -> str:
    return without_forbidden_characters("" if value is None else str(value))
