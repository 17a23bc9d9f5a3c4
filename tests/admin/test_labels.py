"""The admin says "required" in words, and a form sent back with errors says so in its title."""

import re

import pytest

from cities.models import Organisation
from exchanges.models import StudyVisit
from tests.admin.cases import admin_url

pytestmark = pytest.mark.django_db


def label(html: str, field: str) -> str:
    return re.search(rf'<label[^>]*for="id_{field}"[^>]*>(.*?)</label>', html, flags=re.S)[1]


def test_required_fields_say_required_inside_their_label(client, coordinator):
    client.force_login(coordinator)

    html = client.get(admin_url(Organisation, "add")).text

    # The name has a field per language; the default language's is required.
    assert label(html, "name_en") == 'Name [en] <span class="required-text">(required)</span>:'
    assert label(html, "name_it") == "Name [it]:"
    assert label(html, "website") == "Website:"  # optional: nothing added
    assert '<label class="vCheckboxLabel" for="id_is_example">' in html


def test_required_columns_of_a_tabular_inline_say_required(client, coordinator):
    client.force_login(coordinator)

    html = client.get(admin_url(StudyVisit, "add")).text

    assert re.search(
        r'<th class="column-organisation required">Organisation '
        r'<span class="required-text">\(required\)</span>',
        html,
    )


def test_a_form_sent_back_with_errors_is_titled_error_and_loads_the_focus_script(
    client, coordinator
):
    client.force_login(coordinator)

    html = client.post(admin_url(Organisation, "add"), {"name": ""}).text

    assert re.search(r"<title>Error: ", html)
    assert '<p class="errornote">' in html
    assert re.search(r'<script src="/static/js/portal\.js[^"]*" defer>', html)


def test_required_is_said_in_italian(client, coordinator):
    client.force_login(coordinator)

    html = client.get(admin_url(Organisation, "add"), HTTP_ACCEPT_LANGUAGE="it").text

    assert '<span class="required-text">(obbligatorio)</span>' in html
