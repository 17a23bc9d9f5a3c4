"""``{% facet_options facet %}``: a facet's checkboxes, written in Python.

The city facet alone has a hundred options; as template nodes they were most of the
toolkit list's rendering time when its results are not cached. The HTML is the
same as the loop in ``includes/_facets.html`` wrote.

The HTML is kept by what it shows: the same options with the same counts, chosen the
same way, in the same language, write the same checkboxes, whatever else changed. So
after an edit that leaves a facet's counts alone (most edits do), the toolkit's lists
take its checkboxes from the cache; a count that changes makes another key.
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from toolkit.filters import Facet

register = template.Library()


def _text(value) -> str:
    """As ``{{ value }}`` writes it: localised, escaped unless already safe."""
    return conditional_escape(localize(value))


def _key(facet: Facet) -> str:
    """Everything the checkboxes show, hashed: the language, the facet, each option."""
    shown = repr(
        (
            translation.get_language(),
            str(facet.name),
            [
                (
                    str(option.value),
                    str(option.label),
                    isinstance(option.label, SafeString),
                    option.count,
                    option.selected,
                )
                for option in facet.options
            ],
        )
    )
    return f"facet-options:{hashlib.sha256(shown.encode()).hexdigest()}"


def _written(facet: Facet) -> str:
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
    return "".join(items)


@register.simple_tag
def facet_options(facet: Facet) -> SafeString:
    key = _key(facet)
    html = cache.get(key)
    if html is None:
        html = _written(facet)
        cache.set(key, html, settings.CONTENT_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - every value escaped by _written
