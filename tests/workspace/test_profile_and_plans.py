import hashlib

import pytest
from django.urls import reverse

from exchanges.models import ActionPlanVersion
from tests.factories import PDF_BYTES, ActionPlanVersionFactory
from tests.workspace import uploads

pytestmark = pytest.mark.django_db


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def profile_url() -> str:
    return reverse("workspace:profile", kwargs={"slug": "turin"})


def test_editor_updates_the_profile_and_logo(client, turin, turin_editor):
    client.force_login(turin_editor)

    response = client.post(
        profile_url(),
        {
            "description": "Turin includes newcomers through volunteering.",
            "website": "https://www.comune.torino.it/",
            "logo": uploads.upload("logo.png", uploads.png_bytes(), "image/png"),
        },
    )

    assert response.status_code == 302
    turin.refresh_from_db()
    assert turin.description == "Turin includes newcomers through volunteering."
    assert turin.website == "https://www.comune.torino.it/"
    assert turin.logo.name.startswith("logos/")
    assert turin.logo.name.endswith(".png")


def test_profile_form_has_only_the_editable_fields(client, turin_editor):
    client.force_login(turin_editor)

    form = client.get(profile_url()).context["form"]

    assert list(form.fields) == ["description", "website", "logo"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("logo.svg", uploads.SVG_BYTES),
        ("logo.png", uploads.HTML_BYTES),
        ("logo.png", PDF_BYTES),
    ],
)
def test_a_logo_that_is_not_a_picture_is_refused(client, settings, turin, turin_editor, name, data):
    client.force_login(turin_editor)

    response = client.post(
        profile_url(),
        {"description": "Changed", "website": "", "logo": uploads.upload(name, data)},
    )

    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert 'href="#id_logo"' in response.text
    turin.refresh_from_db()
    assert turin.description != "Changed"
    assert not turin.logo
    assert stored_files(settings) == []


def upload_url(plan) -> str:
    return reverse("workspace:plan_version_create", kwargs={"pk": plan.pk})


def test_editor_uploads_a_new_plan_version(client, turin_editor, turin_plan):
    client.force_login(turin_editor)

    response = client.post(
        upload_url(turin_plan), {"version_label": "2.0", "file": uploads.pdf("Turin plan.pdf")}
    )

    assert response.status_code == 302
    assert response.url == reverse("workspace:organisation", kwargs={"slug": "turin"})
    version = ActionPlanVersion.objects.get(plan=turin_plan)
    assert version.version_label == "2.0"
    assert version.uploaded_by == turin_editor
    assert version.original_filename == "Turin plan.pdf"
    assert version.size == len(PDF_BYTES)
    assert version.checksum == hashlib.sha256(PDF_BYTES).hexdigest()
    assert version.file.name.startswith("action-plans/")
    page = client.get(response.url)
    assert "2.0" in page.text


def test_a_version_label_is_used_once_per_plan(client, settings, turin_editor, turin_plan):
    ActionPlanVersionFactory(plan=turin_plan, version_label="1.0")
    before = stored_files(settings)
    client.force_login(turin_editor)

    response = client.post(upload_url(turin_plan), {"version_label": "1.0", "file": uploads.pdf()})

    assert response.status_code == 200
    assert "already has a version “1.0”" in response.text
    assert turin_plan.versions.count() == 1
    assert stored_files(settings) == before


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("plan.pdf", uploads.HTML_BYTES, "not one of the accepted kinds"),
        ("plan.pdf", uploads.EXE_BYTES, "not one of the accepted kinds"),
        ("plan.docx", uploads.docx_bytes(macros=True), "macros"),
    ],
)
def test_a_refused_plan_file_stores_nothing(
    client, settings, turin_editor, turin_plan, name, data, reason
):
    client.force_login(turin_editor)

    response = client.post(
        upload_url(turin_plan), {"version_label": "3.0", "file": uploads.upload(name, data)}
    )

    assert response.status_code == 200
    assert reason in response.text
    assert 'id="id_file_error"' in response.text
    assert not ActionPlanVersion.objects.exists()
    assert stored_files(settings) == []


def test_a_too_large_plan_is_refused(client, settings, turin_editor, turin_plan):
    settings.MAX_UPLOAD_BYTES = 50
    client.force_login(turin_editor)

    response = client.post(upload_url(turin_plan), {"version_label": "3.0", "file": uploads.pdf()})

    assert "files may be at most 50\xa0bytes" in response.text
    assert not ActionPlanVersion.objects.exists()
    assert stored_files(settings) == []
