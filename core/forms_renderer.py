"""The form renderer: Django's, with selects written out in Python.

A filter form's select of two hundred partners costs Django's templates one
``{% include %}`` and an attribute loop per option: most of a study visit list's
rendering time when its page is not cached. ``FastSelectRenderer`` writes the same
HTML, byte for byte, directly; every other widget goes through the templates.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


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
                return mark_safe(html)  # noqa: S308 - every part escaped above
        return super().render(template_name, context, request)
