"""The admin's date widgets tell the time zone in the coordinator's language.

Django 6.1's own catalogues lack the new note of its date and time widgets; the
portal's djangojs catalogues (locale/*/LC_MESSAGES/djangojs.po) give it.
"""

import json
import re

import pytest

pytestmark = pytest.mark.django_db

NOTE = "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour ahead.)"


def js_catalogue(client, settings, language: str) -> dict:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    script = client.get(f"/{settings.ADMIN_URL}jsi18n/").text
    return json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.DOTALL).group(1))


@pytest.mark.parametrize("language", ["it", "nl", "cs", "de", "es", "lv", "el", "fr", "fi"])
def test_the_time_zone_note_is_translated(client, settings, coordinator, language):
    client.force_login(coordinator)

    catalogue = js_catalogue(client, settings, language)

    forms = catalogue[NOTE]
    assert all(form and form != NOTE and "%(timezone)s" in form for form in forms)
    # Django's own plural strings keep every form.
    assert all(catalogue["%(sel)s of %(cnt)s selected"])


def test_italian_says_it_as_written(client, settings, coordinator):
    client.force_login(coordinator)

    forms = js_catalogue(client, settings, "it")[NOTE]

    assert forms[-1] == (
        "Nota: inserisci gli orari nel fuso orario %(timezone)s. (Sei avanti di %(offset)s ore.)"
    )
