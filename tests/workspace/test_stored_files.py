"""A replaced or deleted upload leaves no file behind in storage."""

import pytest
from django.urls import reverse

from tests.factories import PDF_BYTES, ActionPlanVersionFactory, ResourceFactory
from tests.workspace import uploads

pytestmark = pytest.mark.django_db


def stored(settings, folder: str) -> set[str]:
    root = settings.MEDIA_ROOT / folder
    return {p.name for p in root.iterdir()} if root.exists() else set()


def post_logo(client, name: str):
    return client.post(
        reverse("workspace:profile", kwargs={"slug": "turin"}),
        {
            "description": "Turin includes newcomers through volunteering.",
            "website": "https://www.comune.torino.it/",
            "logo": uploads.upload(name, uploads.png_bytes(), "image/png"),
        },
    )


def test_a_replaced_logo_is_deleted_from_storage(
    client, settings, turin, turin_editor, django_capture_on_commit_callbacks
):
    client.force_login(turin_editor)
    with django_capture_on_commit_callbacks(execute=True):
        post_logo(client, "first.png")
    turin.refresh_from_db()
    first = turin.logo.name.rsplit("/", 1)[1]

    with django_capture_on_commit_callbacks(execute=True):
        post_logo(client, "second.png")
    turin.refresh_from_db()

    assert stored(settings, "logos") == {turin.logo.name.rsplit("/", 1)[1]}
    assert first not in stored(settings, "logos")


def test_a_deleted_resource_takes_its_file_with_it(settings, django_capture_on_commit_callbacks):
    resource = ResourceFactory(file=uploads.upload("guide.pdf", PDF_BYTES), url="")
    folder, name = resource.file.name.rsplit("/", 1)
    assert name in stored(settings, folder)

    with django_capture_on_commit_callbacks(execute=True):
        resource.delete()

    assert name not in stored(settings, folder)


def test_a_deleted_plan_version_takes_its_file_with_it(
    settings, django_capture_on_commit_callbacks
):
    version = ActionPlanVersionFactory()
    folder, name = version.file.name.rsplit("/", 1)
    assert name in stored(settings, folder)

    with django_capture_on_commit_callbacks(execute=True):
        version.delete()

    assert name not in stored(settings, folder)
