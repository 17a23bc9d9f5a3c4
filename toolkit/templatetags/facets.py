"""``{% facet_options facet %}``: a facet's checkboxes, written in Python.

The city facet alone has a hundred options; as template nodes they were most of the
toolkit list's rendering time when its results are not cached. The HTML is the
same as the loop in ``includes/_facets.html`` wrote.
"""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from toolkit.filters import Facet

register = template.Library()


def _text(value) -> str:
    """As ``{{ value }}`` writes it: localised, escaped unless already safe."""
    return conditional_escape(localize(value))


@register.simple_tag
def facet_options(facet: Facet) -> SafeString:
    name = _text(facet.name)
    items = []
    for counter, option in enumerate(facet.options, start=1):
        number = _text(counter)
        checked = " checked" if option.selected else ""
        items.append(
            "\n      <li>\n"
            f'        <input type="checkbox" name="{name}" value="{_text(option.value)}" '
            f'id="facet-{name}-{number}"{checked}>\n'
            f'        <label for="facet-{name}-{number}">{_text(option.label)} '
            f'<span class="facet__count">({_text(option.count)}<span class="visually-hidden"> '
            f"{_text(option.count_noun)}</span>)</span></label>\n"
            "      </li>\n      "
        )
    return mark_safe("".join(items))  # noqa: S308 - every value escaped above
