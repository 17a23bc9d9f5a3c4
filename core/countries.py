"""Country names in the reader's language, looked up once per language and country.

``django_countries`` translates a name at each lookup (about 25 µs); the toolkit's
country facet names some thirty countries on every rendering.
"""

from functools import cache

from django.utils import translation
from django_countries import countries


def country_name(code: str) -> str:
    """The name of the country ``code`` in the active language; the code if unknown."""
    return _country_name(translation.get_language() or "", code)


@cache
def _country_name(language: str, code: str) -> str:
    with translation.override(language or None):
        return str(countries.name(code) or code)
