import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from exchanges.models import ActionPlan
from tests.admin.cases import admin_url
from tests.factories import PDF_BYTES, ActionPlanFactory

pytestmark = pytest.mark.django_db


def test_inline_upload_stores_metadata_and_uploader(client, coordinator):
    plan = ActionPlanFactory()
    client.force_login(coordinator)
    data = {
        "title": plan.title,
        "slug": plan.slug,
        "organisation": plan.organisation_id,
        "project": plan.project_id,
        "summary": plan.summary,
        "language": "en",
        "visibility": "public",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
        "versions-TOTAL_FORMS": "1",
        "versions-INITIAL_FORMS": "0",
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
        "versions-0-id": "",
        "versions-0-plan": plan.pk,
        "versions-0-version_label": "Final",
        "versions-0-file": SimpleUploadedFile("Plan Turin.pdf", PDF_BYTES, "application/pdf"),
        "versions-0-uploaded_at_0": "2026-11-20",
        "versions-0-uploaded_at_1": "10:00:00",
        "_save": "Save",
    }

    response = client.post(admin_url(ActionPlan, "change", plan.pk), data)

    assert response.status_code == 302, response.context["errors"]
    version = plan.versions.get()
    assert version.version_label == "Final"
    assert version.size == len(PDF_BYTES)
    assert version.checksum == hashlib.sha256(PDF_BYTES).hexdigest()
    assert version.original_filename == "Plan Turin.pdf"
    assert version.uploaded_by == coordinator
    assert "Plan Turin" not in version.file.name


def test_inline_shows_file_metadata_read_only(client, coordinator):
    plan = ActionPlanFactory()
    plan.versions.create(
        version_label="Draft",
        file=SimpleUploadedFile("draft.pdf", PDF_BYTES, "application/pdf"),
    )
    client.force_login(coordinator)

    response = client.get(admin_url(ActionPlan, "change", plan.pk))

    assert hashlib.sha256(PDF_BYTES).hexdigest() in response.text
    assert "draft.pdf" in response.text
    assert 'name="versions-0-checksum"' not in response.text
    assert 'name="versions-0-size"' not in response.text
