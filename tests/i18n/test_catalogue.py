"""Every interface language has a complete, honest catalogue.

English is the language the strings are written in; each other language of
``settings.LANGUAGES`` has ``locale/<code>/LC_MESSAGES/django.po`` and its
compiled ``.mo``. A catalogue fails here on a missing, empty or fuzzy entry, a
placeholder or HTML tag that differs from the English, a plural entry without
every form its language needs, or a ``.mo`` older than its ``.po``.
"""

import functools
import gettext
import os
import re
import shutil
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

CATALOGUE_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
# How many plural forms each language has (CLDR, GNU gettext's Plural-Forms).
PLURAL_FORMS = {"cs": 3, "lv": 3}
LOCALE = settings.BASE_DIR / "locale"
# What makemessages reads: the project's code and templates, not the tests or the venv.
SOURCES = [
    "core",
    "values_portal",
    "cities",
    "toolkit",
    "exchanges",
    "network",
    "accounts",
    "workspace",
    "reporting",
    "api",
    "ops",
    "demo",
    "templates",
]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]")
TAG = re.compile(r"</?[a-z][^>]*>")
# The number in a plural string, which a form used for 1 alone may spell as a word.
COUNTER = "counter"

by_language = pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


@functools.cache
def catalogue(language: str) -> polib.POFile:
    """The parsed catalogue, read once per test run (tests only read it)."""
    return polib.pofile(str(po_path(language)))


def entries(language: str) -> list[polib.POEntry]:
    return [entry for entry in catalogue(language) if not entry.obsolete]


def translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def name(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


def plural_function(language: str):
    """The language's Plural-Forms expression as a function of n (as gettext reads it)."""
    header = catalogue(language).metadata["Plural-Forms"]
    return gettext.c2py(re.search(r"plural=(.*?);?\s*$", header)[1])


def forms_for_one_only(language: str) -> set[int]:
    """Plural forms chosen for n = 1 and no other number: they may say "one" in words."""
    plural = plural_function(language)
    chosen = {}
    for n in range(1000):
        chosen.setdefault(plural(n), set()).add(n)
    return {form for form, numbers in chosen.items() if numbers == {1}}


def test_every_interface_language_but_english_has_a_catalogue():
    assert {path.parent.parent.name for path in LOCALE.glob("*/LC_MESSAGES/django.po")} == set(
        CATALOGUE_LANGUAGES
    )


def test_make_messages_updates_and_compiles_every_catalogue():
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    listed = re.search(r"^CATALOGUES := (.*)$", makefile, re.M)[1].split()
    assert listed == CATALOGUE_LANGUAGES


@by_language
def test_every_msgid_is_translated(language):
    missing = [
        name(entry)
        for entry in entries(language)
        if entry.fuzzy or not all(text.strip() for text in translations(entry))
    ]
    assert not missing, f"Untranslated or fuzzy in {po_path(language)}: {missing}"


@by_language
def test_the_header_names_the_language_and_its_plural_forms(language):
    metadata = catalogue(language).metadata
    expected = PLURAL_FORMS.get(language, 2)

    assert metadata["Language"] == language
    assert metadata["Plural-Forms"].startswith(f"nplurals={expected};")
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"
    # Every form is reachable: the expression picks each of 0 … nplurals-1 for some n.
    assert {plural_function(language)(n) for n in range(200)} == set(range(expected))


@by_language
def test_plural_entries_have_every_form_of_the_language(language):
    expected = set(range(PLURAL_FORMS.get(language, 2)))
    wrong = [
        f"{name(entry)} ({sorted(entry.msgstr_plural)})"
        for entry in entries(language)
        if entry.msgid_plural and set(entry.msgstr_plural) != expected
    ]
    assert not wrong, wrong


@by_language
def test_translations_keep_the_placeholders_of_the_english(language):
    one_only = forms_for_one_only(language)
    wrong = []
    for entry in entries(language):
        if entry.msgid_plural:
            expected = set(PLACEHOLDER.findall(entry.msgid_plural))
            for form, text in entry.msgstr_plural.items():
                found = set(PLACEHOLDER.findall(text))
                # A form used for 1 alone may write "one" instead of the number.
                allowed_missing = {COUNTER} if form in one_only else set()
                if found - expected or expected - found - allowed_missing:
                    wrong.append(f"{name(entry)} [{form}]: {text}")
        elif set(PLACEHOLDER.findall(entry.msgstr)) != set(PLACEHOLDER.findall(entry.msgid)):
            wrong.append(f"{name(entry)}: {entry.msgstr}")
    assert not wrong, "\n".join(wrong)


@by_language
def test_translations_keep_the_html_tags_of_the_english(language):
    wrong = [
        f"{name(entry)}: {text}"
        for entry in entries(language)
        for text in translations(entry)
        if sorted(TAG.findall(text)) != sorted(TAG.findall(entry.msgid))
    ]
    assert not wrong, "\n".join(wrong)


@by_language
def test_sentences_are_not_left_in_english(language):
    """A msgstr of four or more words equal to its msgid was copied, not translated."""
    copied = [
        entry.msgid
        for entry in entries(language)
        if not entry.msgid_plural
        and entry.msgstr == entry.msgid
        and len(re.findall(r"[^\W\d_]{2,}", entry.msgid)) >= 4
    ]
    assert not copied, copied


@by_language
def test_the_compiled_catalogue_matches_the_po_file(language):
    mo = po_path(language).with_suffix(".mo")
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(mo))}
    stale = []
    for entry in entries(language):
        found = compiled.get((entry.msgctxt, entry.msgid))
        if (
            found is None
            or found.msgstr != entry.msgstr
            or (entry.msgid_plural and found.msgstr_plural != entry.msgstr_plural)
        ):
            stale.append(name(entry))
    assert not stale, f"Run `make messages`: {mo} is older than its .po for {stale}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_interface_string_in_the_code_is_in_every_catalogue(tmp_path):
    """A string marked for translation but never extracted into a catalogue fails here."""
    for source in SOURCES:
        (tmp_path / source).symlink_to(settings.BASE_DIR / source)
    (tmp_path / "locale").mkdir()
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
            call_command(
                "makemessages",
                locale=["it"],
                symlinks=True,
                ignore_patterns=["*/migrations/*"],
                stdout=StringIO(),
                stderr=StringIO(),
            )
    finally:
        os.chdir(cwd)
    extracted = polib.pofile(str(tmp_path / "locale" / "it" / "LC_MESSAGES" / "django.po"))
    missing = {}
    for language in CATALOGUE_LANGUAGES:
        known = {(entry.msgctxt, entry.msgid) for entry in entries(language)}
        new = sorted(
            name(entry) for entry in extracted if (entry.msgctxt, entry.msgid) not in known
        )
        if new:
            missing[language] = new
    assert not missing, f"Run `make messages` and translate: {missing}"


@by_language
def test_django_reads_each_catalogue(language):
    skip_link = catalogue(language).find("Skip to main content")
    practices = catalogue(language).find("%(counter)s practice")
    plural = plural_function(language)

    with translation.override(language):
        assert translation.gettext("Skip to main content") == skip_link.msgstr
        for n in (1, 2, 5, 21):
            assert (
                translation.ngettext("%(counter)s practice", "%(counter)s practices", n)
                == practices.msgstr_plural[plural(n)]
            )
    assert skip_link.msgstr != "Skip to main content"


def test_italian_is_read_as_written():
    with translation.override("it"):
        assert translation.gettext("Skip to main content") == "Vai al contenuto principale"
        assert (
            translation.ngettext("%(counter)s practice", "%(counter)s practices", 2)
            == "%(counter)s pratiche"
        )


def test_the_check_of_plural_forms_reads_three_form_headers():
    assert [plural_function("lv")(n) for n in (0, 1, 2, 11, 21, 22)] == [2, 0, 1, 1, 0, 1]
    assert [plural_function("cs")(n) for n in (0, 1, 2, 4, 5, 21)] == [2, 0, 1, 1, 2, 2]
    assert forms_for_one_only("cs") == {0}
    assert forms_for_one_only("lv") == set()  # form 0 is also 21, 31…
    assert forms_for_one_only("fr") == set()  # form 0 is also 0


@by_language
def test_djangos_strings_missing_from_its_catalogues_are_translated(language):
    """core/django_strings.py: the portal's catalogues fill the gaps of Django's own."""
    with translation.override(language):
        blank = translation.gettext("- Select an option -")
        search = translation.gettext("Search %(name)s")
        too_short = translation.ngettext(
            "This password is too short. It must contain at least %d character.",
            "This password is too short. It must contain at least %d characters.",
            8,
        )
        march = translation.gettext("March")

    assert blank != "- Select an option -"
    assert search != "Search %(name)s"
    assert "%(name)s" in search
    assert "%d" in too_short
    assert not too_short.startswith("This password")
    assert march != "March"
    if language == "it":
        assert march == "marzo"  # lower case, as Italian writes months
