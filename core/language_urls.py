"""The same page in each interface language, for the switcher and hreflang links."""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse, translate_url
from django.utils.translation import get_language

# Each language named in itself, as a speaker looks for it in a list. Written out
# rather than taken from Django's table, which has "česky" (an adverb) for Czech
# and lower-case names that read oddly at the start of a list item.
ENDONYMS = {
    "en": "English",
    "it": "Italiano",
    "nl": "Nederlands",
    "cs": "Čeština",
    "de": "Deutsch",
    "es": "Español",
    "lv": "Latviešu",
    "el": "Ελληνικά",
    "fr": "Français",
    "fi": "Suomi",
}


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in the language itself: "English", "Italiano", "Ελληνικά"
    url: str
    absolute_url: str
    is_current: bool


def _swap_prefix(path: str, current: str, code: str) -> str:
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{code}/{path.removeprefix(prefix)}"
    return f"/{code}{path}"  # an address without a language, such as /no-such-page/


def page_in_language(request: HttpRequest, code: str) -> str:
    """The address of this page in ``code``, query string included.

    ``translate_url`` reverses the matched URL name in the other language; a
    path that resolves to nothing (a 404 page) just has its prefix swapped.
    """
    return _in_language(request.get_full_path(), get_language(), code)


def _in_language(full_path: str, current: str, code: str) -> str:
    url = translate_url(full_path, code)
    if url == full_path and code != current:
        url = _swap_prefix(full_path, current, code)
    return url


def language_versions(request: HttpRequest) -> list[LanguageVersion]:
    # The switcher and the hreflang links of every page ask for them: the answer
    # depends only on the address, so each process works it out once per address.
    root = request.build_absolute_uri("/")
    return list(_language_versions(root, request.get_full_path(), get_language()))


@functools.lru_cache(maxsize=4096)
def _language_versions(root: str, full_path: str, current: str) -> tuple[LanguageVersion, ...]:
    versions = []
    for code, _name in settings.LANGUAGES:
        url = _in_language(full_path, current, code)
        versions.append(
            LanguageVersion(
                code=code,
                name=ENDONYMS[code],
                url=url,
                absolute_url=root.removesuffix("/") + url,
                is_current=code == current,
            )
        )
    return tuple(versions)


def unprefixed_path(request: HttpRequest) -> str | None:
    """The address that sends each visitor to their own language (hreflang x-default)."""
    current = get_language()
    path = request.get_full_path()
    prefix = f"/{current}/"
    if not path.startswith(prefix):
        return None
    return "/" + path.removeprefix(prefix)


def reverse_kept(viewname: str, **kwargs: object) -> str:
    """``reverse(viewname, kwargs=kwargs)``, worked out once per process for each answer.

    Every row of a list links to its page (a practice's card, a visit's line, each
    partner on the map): Django's ``reverse`` takes ~20 microseconds, and gives the
    same address for the same slug every time. What else the address depends on is
    in the key: the language (its prefix), the script prefix and the URLconf.
    """
    return _reversed(
        viewname, tuple(sorted(kwargs.items())), get_language(), get_script_prefix(), get_urlconf()
    )


@functools.lru_cache(maxsize=8192)
def _reversed(viewname: str, kwargs: tuple, language, prefix: str, urlconf) -> str:
    return reverse(viewname, kwargs=dict(kwargs))


def _forget_addresses(*, setting: str, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"}:
        _reversed.cache_clear()
        _language_versions.cache_clear()


setting_changed.connect(_forget_addresses, dispatch_uid="core.language_urls.setting_changed")
