"""The form renderer: Django's, with selects written out in Python.

A filter form's select of two hundred partners costs Django's templates one
``{% include %}`` and an attribute loop per option: most of a study visit list's
rendering time when its page is not cached. ``FastSelectRenderer`` writes the same
HTML, byte for byte, directly; every other widget goes through the templates.

A field writes back what was sent (``?q=…``), and HTML forbids some characters in a
page: NUL and the other control characters but whitespace, and the noncharacters
(U+FFFE…). ``%00`` in an address would make the page invalid (the W3C checker's
"Forbidden code point"), so the renderer leaves them out of every field it writes.
"""

import re

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# https://html.spec.whatwg.org/#preprocessing-the-input-stream: controls (C0 but tab,
# line feed, form feed and carriage return; DEL; C1) and noncharacters.
FORBIDDEN_IN_HTML = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(
        f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
    )
    + "]"
)


def without_forbidden_characters(text: str) -> str:
    """``text`` without the characters HTML forbids in a page; safe text stays safe."""
    if not FORBIDDEN_IN_HTML.search(text):
        return text
    cleaned = FORBIDDEN_IN_HTML.sub("", text)
    return mark_safe(cleaned) if isinstance(text, SafeString) else cleaned  # noqa: S308


def _text(value) -> str:
    """As ``{{ value }}`` writes it: localised, escaped unless already safe."""
    return conditional_escape(localize(value))


def _formatted(value) -> str:
    """As ``{{ value|stringformat:'s' }}`` writes it."""
    return conditional_escape(value if isinstance(value, SafeString) else f"{value}")


def _attrs(attrs: dict) -> str:
    """As ``django/forms/widgets/attrs.html`` writes them."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_select(widget: dict) -> str | None:
    """``select.html`` with its options; ``None`` for an option with a template of its own."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # the renderer strips the template's last newline
    return "".join(parts)


class FastSelectRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            html = render_select(context["widget"])
            if html is not None:
                return mark_safe(without_forbidden_characters(html))  # noqa: S308 - escaped
        return without_forbidden_characters(super().render(template_name, context, request))
