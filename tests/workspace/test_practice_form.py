"""The practice form speaks the public page's language and takes several resources at once."""

import re

import pytest
from django.urls import reverse

from tests.workspace import uploads
from tests.workspace.test_practices import create_url, practice_data
from toolkit.models import Practice, Resource

pytestmark = pytest.mark.django_db


def blank_rows(total: int) -> dict:
    return {"resources-TOTAL_FORMS": str(total), "resources-INITIAL_FORMS": "0"} | {
        f"resources-{index}-{key}": value
        for index in range(total)
        for key, value in {"language": "en", "visibility": "public"}.items()
    }


def test_the_form_uses_the_public_pages_section_names(client, turin_editor):
    client.force_login(turin_editor)

    html = client.get(create_url()).text

    assert '<label for="id_description">Background:</label>' in html
    assert "For city staff and organisations: how to copy it" in html
    assert "Tips for transferring it" in html
    assert ">Description<" not in html


def test_required_fields_say_so_in_words_and_in_the_markup(client, turin_editor):
    client.force_login(turin_editor)

    html = client.get(create_url()).text

    assert '<label for="id_title">Title (required):</label>' in html
    assert re.search(r'<input type="text" name="title"[^>]* required', html)
    assert '<label for="id_website">Website:</label>' in html


def test_editing_says_which_language_is_being_edited(client, turin_editor, turin_practice):
    client.force_login(turin_editor)

    html = client.get(reverse("workspace:practice_update", kwargs={"pk": turin_practice.pk})).text

    assert f"You are editing the {turin_practice.get_language_display()} version." in html


def test_the_form_offers_three_resource_rows(client, turin_editor):
    client.force_login(turin_editor)

    html = client.get(create_url()).text

    assert 'name="resources-TOTAL_FORMS" value="3"' in html
    assert 'id="id_resources-2-file"' in html


def test_several_resources_are_saved_at_once_and_empty_rows_ignored(client, turin_editor):
    client.force_login(turin_editor)
    data = practice_data(**blank_rows(3)) | {
        "resources-0-title": "Walk guide",
        "resources-0-file": uploads.pdf("guide.pdf"),
        "resources-1-title": "Volunteer form",
        "resources-1-file": uploads.upload("form.docx", uploads.docx_bytes()),
    }

    response = client.post(create_url(), data)

    assert response.status_code == 302
    practice = Practice.objects.get()
    assert sorted(practice.resources.values_list("title", flat=True)) == [
        "Volunteer form",
        "Walk guide",
    ]


def test_each_of_several_files_is_checked(client, turin_editor):
    client.force_login(turin_editor)
    data = practice_data(**blank_rows(2)) | {
        "resources-0-title": "Walk guide",
        "resources-0-file": uploads.pdf("guide.pdf"),
        "resources-1-title": "Disguised",
        "resources-1-file": uploads.upload("map.pdf", uploads.png_bytes()),
    }

    response = client.post(create_url(), data)

    assert response.status_code == 200
    assert 'href="#id_resources-1-file"' in response.text
    assert not Resource.objects.exists()
