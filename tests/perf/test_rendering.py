"""Hot loops written in Python write what the template loops they replace wrote."""

# ruff: noqa: E501 - the template below is the one the partial held, line for line

import pytest
from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe

from toolkit.filters import Facet, FacetOption

# The loop ``{% facet_options %}`` replaced in includes/_facets.html.
FACETS_AS_TEMPLATES = """{% load i18n %}{% for facet in facets %}<ul class="facet__options">
      {% for option in facet.options %}
      <li>
        <input type="checkbox" name="{{ facet.name }}" value="{{ option.value }}" id="facet-{{ facet.name }}-{{ forloop.counter }}"{% if option.selected %} checked{% endif %}>
        <label for="facet-{{ facet.name }}-{{ forloop.counter }}">{{ option.label }} <span class="facet__count">({{ option.count }}<span class="visually-hidden"> {{ option.count_noun }}</span>)</span></label>
      </li>
      {% endfor %}
    </ul>{% endfor %}"""
FACETS_IN_PYTHON = """{% load facets %}{% for facet in facets %}<ul class="facet__options">
      {% facet_options facet %}
    </ul>{% endfor %}"""


@pytest.mark.parametrize("language", ["en", "de", "lv"])
def test_facet_options_are_written_as_the_template_loop_wrote_them(language):
    options = [
        FacetOption("a&b", "A & <b>", 1, selected=False),
        FacetOption("koeln", mark_safe('<span lang="de">Köln</span>'), 1234, selected=True),
        *(FacetOption(f"city-{n}", f"City {n}", n, selected=False) for n in range(12)),
    ]
    facets = [Facet(name="city", legend="City", options=options), Facet(name="none", legend="-")]
    engine = engines["django"]

    with translation.override(language):
        expected = engine.from_string(FACETS_AS_TEMPLATES).render({"facets": facets})
        written = engine.from_string(FACETS_IN_PYTHON).render({"facets": facets})

    assert written == expected
    assert 'value="a&amp;b"' in written


def test_facet_options_are_kept_by_what_they_show(monkeypatch):
    from toolkit.templatetags import facets as tags

    written = []
    write = tags._written
    monkeypatch.setattr(tags, "_written", lambda facet: written.append(facet) or write(facet))

    def facet(count: int, *, selected: bool = False, label: str = "Turin") -> Facet:
        return Facet(
            name="city", legend="City", options=[FacetOption("turin", label, count, selected)]
        )

    first = tags.facet_options(facet(3))
    assert tags.facet_options(facet(3)) == first
    assert len(written) == 1  # the same options, counts and choices: from the cache

    assert "(4<" in tags.facet_options(facet(4))
    assert " checked" in tags.facet_options(facet(3, selected=True))
    assert "Torino" in tags.facet_options(facet(3, label="Torino"))
    with translation.override("de"):  # the same options in another language
        assert "Praxisbeispiele" in tags.facet_options(facet(3))
    assert len(written) == 5
    unsafe = tags.facet_options(facet(3, label="<b>Turin</b>"))
    assert "&lt;b&gt;" in unsafe
    assert "<b>" in tags.facet_options(facet(3, label=mark_safe("<b>Turin</b>")))
