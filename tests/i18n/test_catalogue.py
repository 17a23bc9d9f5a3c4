"""The Italian catalogue is complete: every interface string has a translation."""

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

PO = settings.BASE_DIR / "locale" / "it" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
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
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _catalogue() -> polib.POFile:
    return polib.pofile(str(PO))


def test_every_msgid_has_an_italian_translation():
    missing = [
        entry.msgid
        for entry in _catalogue()
        if not entry.obsolete
        and (
            entry.fuzzy
            or (entry.msgid_plural and not all(entry.msgstr_plural.values()))
            or (not entry.msgid_plural and not entry.msgstr)
        )
    ]
    assert not missing, f"Untranslated or fuzzy in {PO}: {missing}"


def test_translations_keep_the_placeholders_of_the_english():
    wrong = []
    for entry in _catalogue():
        expected = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if set(PLACEHOLDER.findall(text)) - expected:
                wrong.append(entry.msgid)
            if not entry.msgid_plural and set(PLACEHOLDER.findall(text)) != expected:
                wrong.append(entry.msgid)
    assert not wrong, wrong


def test_the_compiled_catalogue_matches_the_po_file():
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(MO))}
    stale = []
    for entry in _catalogue():
        if entry.obsolete:
            continue
        found = compiled.get((entry.msgctxt, entry.msgid))
        if (
            found is None
            or found.msgstr != entry.msgstr
            or (entry.msgid_plural and found.msgstr_plural != entry.msgstr_plural)
        ):
            stale.append(entry.msgid)
    assert not stale, f"Run `manage.py compilemessages`: {MO} is older than {PO} for {stale}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_interface_string_in_the_code_is_in_the_catalogue(tmp_path):
    """A string marked for translation but never extracted into the catalogue fails here."""
    for name in SOURCES:
        (tmp_path / name).symlink_to(settings.BASE_DIR / name)
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
    known = {(entry.msgctxt, entry.msgid) for entry in _catalogue() if not entry.obsolete}
    new = sorted(entry.msgid for entry in extracted if (entry.msgctxt, entry.msgid) not in known)
    assert not new, (
        f"Strings missing from the Italian catalogue; run `make messages` and translate them: {new}"
    )


def test_django_reads_the_catalogue():
    with translation.override("it"):
        assert translation.gettext("Skip to main content") == "Vai al contenuto principale"
        assert (
            translation.ngettext("%(counter)s practice", "%(counter)s practices", 2)
            == "%(counter)s pratiche"
        )
