"""Every upload path, the admin included, checks files by content and stores nothing bad."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from cities.models import Organisation
from exchanges.models import ActionPlanVersion, VisitDocument
from tests.admin.cases import admin_url
from tests.factories import (
    PDF_BYTES,
    ActionPlanFactory,
    OrganisationFactory,
    PracticeFactory,
    StudyVisitFactory,
    TransferFactory,
)
from tests.ops.helpers import admin_form_data
from tests.workspace import uploads
from toolkit.models import Resource

pytestmark = pytest.mark.django_db

NOT_ACCEPTED = "content is not one of the accepted kinds"


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def error_text(response) -> str:
    return " ".join(str(error) for error in response.context["errors"])


@pytest.mark.parametrize(
    ("name", "data"),
    [("plan.pdf", uploads.HTML_BYTES), ("plan.pdf", uploads.EXE_BYTES)],
    ids=["html", "exe"],
)
def test_admin_refuses_a_disguised_plan_version_and_stores_nothing(
    client, coordinator, settings, name, data
):
    plan = ActionPlanFactory()
    client.force_login(coordinator)
    form = admin_form_data(client.get(admin_url(type(plan), "change", plan.pk)))
    form.update(
        {
            "versions-TOTAL_FORMS": "1",
            "versions-0-plan": str(plan.pk),
            "versions-0-version_label": "Final",
            "versions-0-file": uploads.upload(name, data),
            "versions-0-uploaded_at_0": "2026-11-20",
            "versions-0-uploaded_at_1": "10:00:00",
        }
    )

    response = client.post(admin_url(type(plan), "change", plan.pk), form)

    assert response.status_code == 200
    assert NOT_ACCEPTED in error_text(response)
    assert "whatever its name says" in response.text
    assert not ActionPlanVersion.objects.exists()
    assert stored_files(settings) == []


def test_admin_refuses_a_program_as_a_resource(client, coordinator, settings):
    practice = PracticeFactory()
    client.force_login(coordinator)

    response = client.post(
        admin_url(Resource, "add"),
        {
            "practice": practice.pk,
            "title": "Guide",
            "file": uploads.upload("guide.pdf", uploads.ELF_BYTES),
            "url": "",
            "language": "en",
            "visibility": "public",
        },
    )

    assert response.status_code == 200
    assert NOT_ACCEPTED in error_text(response)
    assert not Resource.objects.exists()
    assert stored_files(settings) == []


def test_admin_refuses_a_web_page_as_a_visit_document(client, coordinator, settings):
    visit = StudyVisitFactory()
    client.force_login(coordinator)

    response = client.post(
        admin_url(VisitDocument, "add"),
        {
            "visit": visit.pk,
            "title": "Minutes",
            "file": uploads.upload("minutes.pdf", uploads.HTML_BYTES),
            "language": "en",
            "visibility": "public",
        },
    )

    assert response.status_code == 200
    assert NOT_ACCEPTED in error_text(response)
    assert not VisitDocument.objects.exists()
    assert stored_files(settings) == []


def test_admin_refuses_a_file_over_the_size_limit(client, coordinator, settings):
    settings.MAX_UPLOAD_BYTES = 100
    visit = StudyVisitFactory()
    client.force_login(coordinator)

    response = client.post(
        admin_url(VisitDocument, "add"),
        {
            "visit": visit.pk,
            "title": "Minutes",
            "file": uploads.upload("minutes.pdf", PDF_BYTES),
            "language": "en",
            "visibility": "public",
        },
    )

    assert "files may be at most 100" in error_text(response)
    assert not VisitDocument.objects.exists()


def test_admin_accepts_a_real_document(client, coordinator, settings):
    visit = StudyVisitFactory()
    client.force_login(coordinator)

    response = client.post(
        admin_url(VisitDocument, "add"),
        {
            "visit": visit.pk,
            "title": "Minutes",
            "file": uploads.upload("minutes.pdf", PDF_BYTES),
            "language": "en",
            "visibility": "public",
        },
    )

    assert response.status_code == 302
    document = VisitDocument.objects.get()
    assert document.file.read() == PDF_BYTES
    assert len(stored_files(settings)) == 1


@pytest.mark.parametrize("svg_name", ["logo.svg", "logo.png"], ids=["named-svg", "svg-renamed-png"])
def test_admin_refuses_an_svg_logo(client, coordinator, settings, svg_name):
    organisation = OrganisationFactory()
    client.force_login(coordinator)
    form = admin_form_data(client.get(admin_url(Organisation, "change", organisation.pk)))
    form["logo"] = uploads.upload(svg_name, uploads.SVG_BYTES, "image/svg+xml")

    response = client.post(admin_url(Organisation, "change", organisation.pk), form)

    assert response.status_code == 200
    assert response.context["errors"]
    organisation.refresh_from_db()
    assert not organisation.logo
    assert stored_files(settings) == []


def picture(kind: str, size=(40, 20), **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, kind, **save_options)
    return buffer.getvalue()


def test_admin_logo_is_re_encoded_so_appended_content_is_dropped(client, coordinator):
    organisation = OrganisationFactory()
    polyglot = picture("PNG") + b"<html><script>alert(1)</script></html>"
    client.force_login(coordinator)
    form = admin_form_data(client.get(admin_url(Organisation, "change", organisation.pk)))
    form["logo"] = uploads.upload("logo.png", polyglot, "image/png")

    response = client.post(admin_url(Organisation, "change", organisation.pk), form)

    assert response.status_code == 302
    organisation.refresh_from_db()
    stored = organisation.logo.read()
    assert b"<script" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size) == ("PNG", (40, 20))


def test_logo_loses_camera_metadata_and_stands_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to display
    exif[0x010F] = "Camera maker"
    organisation = OrganisationFactory()
    organisation.logo = ContentFile(picture("JPEG", exif=exif.tobytes()), name="logo.jpg")
    organisation.full_clean()

    organisation.save()

    with Image.open(organisation.logo.open("rb")) as image:
        assert image.format == "JPEG"
        assert image.size == (20, 40)
        assert not image.getexif()


def test_a_picture_with_too_many_pixels_is_refused_before_decoding():
    buffer = io.BytesIO()
    Image.new("1", (6000, 6000)).save(buffer, "PNG")
    organisation = OrganisationFactory()
    organisation.logo = ContentFile(buffer.getvalue(), name="logo.png")

    with pytest.raises(ValidationError, match="at most 25 million pixels"):
        organisation.full_clean()


def test_saving_a_disguised_logo_from_code_fails_instead_of_storing_it(settings):
    organisation = OrganisationFactory()
    organisation.logo = ContentFile(uploads.SVG_BYTES, name="logo.png")

    with pytest.raises(ValidationError):
        organisation.save()

    assert stored_files(settings) == []


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: VisitDocument(visit=StudyVisitFactory(), title="Agenda"), "file"),
        (lambda: ActionPlanVersion(plan=ActionPlanFactory(), version_label="1"), "file"),
        (lambda: Resource(practice=PracticeFactory(), title="Guide"), "file"),
        (lambda: TransferFactory.build(practice=PracticeFactory()), "evidence_file"),
    ],
    ids=["visit-document", "plan-version", "resource", "transfer-evidence"],
)
def test_every_document_field_checks_content_on_full_clean(make, field):
    instance = make()
    if hasattr(instance, "organisation_id") and not instance.organisation_id:
        instance.organisation = OrganisationFactory()
    setattr(instance, field, ContentFile(uploads.HTML_BYTES, name="report.pdf"))

    with pytest.raises(ValidationError) as refused:
        instance.full_clean()
    assert NOT_ACCEPTED in str(refused.value.message_dict[field])

    setattr(instance, field, ContentFile(PDF_BYTES, name="report.pdf"))
    instance.full_clean(exclude=[f.name for f in instance._meta.fields if f.name != field])


def test_a_stored_file_is_not_read_again_when_its_row_is_cleaned(settings):
    document = VisitDocument.objects.create(
        visit=StudyVisitFactory(), title="Agenda", file=ContentFile(PDF_BYTES, name="a.pdf")
    )
    # Even if storage changed under it, cleaning an unchanged row does not refuse it.
    Path(document.file.path).write_bytes(uploads.HTML_BYTES)

    document.full_clean()


# --- Logos are public pictures, served by a view, never from /media/ -------------


def test_a_logo_is_served_as_a_picture_that_is_never_sniffed(client):
    organisation = OrganisationFactory(slug="turin")
    organisation.logo = ContentFile(picture("PNG"), name="logo.png")
    organisation.save()

    response = client.get("/logos/turin/")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"] == 'attachment; filename="turin-logo.png"'
    assert "public" in response.headers["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert body == organisation.logo.open("rb").read()

    again = client.get("/logos/turin/", headers={"if-none-match": response.headers["ETag"]})
    assert again.status_code == 304


def test_a_partner_without_a_logo_has_none_to_serve(client):
    OrganisationFactory(slug="bristol")

    assert client.get("/logos/bristol/").status_code == 404
    assert client.get("/logos/nobody/").status_code == 404


def test_a_stored_logo_that_is_not_a_picture_is_not_served(client):
    # As if stored before uploads were checked: straight into storage.
    organisation = OrganisationFactory(slug="old")
    from django.core.files.storage import default_storage

    name = default_storage.save("logos/old.png", ContentFile(uploads.SVG_BYTES))
    Organisation.objects.filter(pk=organisation.pk).update(logo=name)

    response = client.get("/logos/old/")

    assert response.status_code == 404
    # The portal's own 404 page has icons of its own: the stored file's script is what must
    # not be there.
    assert b"alert(document.cookie)" not in response.content


def test_logos_are_not_served_from_media(client, settings):
    organisation = OrganisationFactory(slug="turin")
    organisation.logo = ContentFile(picture("PNG"), name="logo.png")
    organisation.save()

    assert client.get(f"/{settings.MEDIA_URL}{organisation.logo.name}").status_code == 404
