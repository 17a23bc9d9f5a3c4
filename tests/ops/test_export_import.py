"""export_portal and import_portal: everything out, everything back, nothing overwritten."""

import hashlib
import io
import json
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from cities.models import Organisation
from exchanges.models import ActionPlan, ActionPlanVersion
from ops.archive import (
    MERGED_MODELS,
    ArchiveError,
    exported_models,
    portal_export,
    portal_import,
    stored_file_names,
)
from tests.factories import ActionPlanVersionFactory
from toolkit.models import Practice

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]


def snapshot() -> dict[str, list[dict]]:
    """Every row of every exported model, as the serializer sees it."""
    rows = {}
    for model in exported_models():
        label = model._meta.label_lower
        rows[label] = sorted(
            serializers.serialize(
                "python",
                model._base_manager.order_by("pk"),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=label in MERGED_MODELS,
            ),
            key=lambda row: json.dumps(row, sort_keys=True, default=str),
        )
    return rows


def differences(expected: list[dict], found: list[dict]) -> list[str]:
    """Readable differences between two snapshots of one model."""
    if len(expected) != len(found):
        return [f"{len(expected)} rows became {len(found)}"]
    return [
        f"{old.get('pk')}.{name}: {old['fields'][name]!r} became {new['fields'].get(name)!r}"
        for old, new in zip(expected, found, strict=True)
        for name in old["fields"]
        if old["fields"][name] != new["fields"].get(name) or old.get("pk") != new.get("pk")
    ]


def file_checksums() -> dict[str, str]:
    checksums = {}
    for name in stored_file_names():
        with default_storage.open(name, "rb") as handle:
            checksums[name] = hashlib.sha256(handle.read()).hexdigest()
    return checksums


def empty_the_database() -> None:
    """What a freshly migrated database holds: no rows but those migrations make."""
    tables = set()
    for model in exported_models():
        if model._meta.label_lower in MERGED_MODELS:
            continue
        tables.add(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                tables.add(field.remote_field.through._meta.db_table)
    # DELETE, not TRUNCATE: PostgreSQL refuses to truncate inside the test's
    # transaction while foreign key checks are pending; they run at the end.
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608 - model tables


@pytest.fixture
def portal(demo, coordinator, turin_editor):
    """The demo data with people, a logo, admin log entries and edit history."""
    organisation = Organisation.objects.get(slug="turin")
    buffer = io.BytesIO()
    Image.new("RGB", (30, 10), "navy").save(buffer, "PNG")
    organisation.logo = ContentFile(buffer.getvalue(), name="turin.png")
    organisation.save()
    practice = Practice.objects.first()
    practice.title = "Renamed to leave a history"
    practice.save()
    LogEntry.objects.log_actions(
        user_id=coordinator.pk, queryset=[practice], action_flag=CHANGE, change_message="x"
    )
    assert ActionPlanVersion.objects.exists()
    assert ContentType.objects.exists()


@pytest.fixture
def small_portal(db):
    """A plan with one stored version: enough for the refusals, faster than the demo."""
    return ActionPlanVersionFactory(version_label="1.0").plan


def test_round_trip_restores_every_object_and_every_file(portal, settings, tmp_path):
    before = snapshot()
    checksums = file_checksums()
    archive = tmp_path / "backup.tar.gz"
    assert len(checksums) >= 5  # the demo's documents, plan, resources, evidence, a logo

    manifest = portal_export(path=archive)
    empty_the_database()
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    assert not Organisation.objects.exists()
    result = portal_import(path=archive)

    assert result.objects == manifest.object_count
    assert result.files == len(checksums)
    after = snapshot()
    for label, rows in before.items():
        assert differences(rows, after[label]) == [], label
    assert file_checksums() == checksums
    assert {"toolkit.historicalpractice", "users.user", "admin.logentry"} <= {
        label for label, rows in after.items() if rows
    }


def test_the_manifest_lists_every_file_and_table_with_checksums(portal, tmp_path):
    archive = tmp_path / "backup.tar.gz"

    portal_export(path=archive)

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        for entry in manifest["data"] + manifest["files"]:
            content = tar.extractfile(entry["path"]).read()
            assert hashlib.sha256(content).hexdigest() == entry["sha256"]
            assert len(content) == entry["size"]
    assert {entry["name"] for entry in manifest["files"]} == set(stored_file_names())
    models = {entry["model"] for entry in manifest["data"]}
    assert {"cities.organisation", "exchanges.actionplan", "toolkit.practice"} <= models
    assert "sessions.session" not in models
    assert "contenttypes.contenttype" not in models
    assert manifest["migrations"]["toolkit"]


def test_import_refuses_a_database_that_holds_data(small_portal, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    portal_export(path=archive)
    plans = ActionPlan.objects.count()

    with pytest.raises(ArchiveError, match="database is not empty"):
        portal_import(path=archive)

    assert ActionPlan.objects.count() == plans


def tampered_copy(archive: Path, target: Path, *, path: str, content: bytes) -> Path:
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == path:
                data = content
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


def test_import_refuses_a_damaged_archive_before_touching_anything(
    small_portal, settings, tmp_path
):
    archive = tmp_path / "backup.tar.gz"
    manifest = portal_export(path=archive)
    damaged = tampered_copy(
        archive, tmp_path / "damaged.tar.gz", path=manifest.files[0]["path"], content=b"x"
    )
    empty_the_database()
    settings.MEDIA_ROOT = tmp_path / "restored-media"

    with pytest.raises(ArchiveError, match="does not match its checksum"):
        portal_import(path=damaged)

    assert not Organisation.objects.exists()
    assert not Path(settings.MEDIA_ROOT).exists()


def test_import_refuses_paths_outside_the_archive(db, tmp_path):
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        info = tarfile.TarInfo("../escaped.txt")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))

    with pytest.raises(ArchiveError, match="unsafe path"):
        portal_import(path=evil)
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_export_stops_when_a_stored_file_is_missing(small_portal, tmp_path):
    version = ActionPlanVersion.objects.first()
    default_storage.delete(version.file.name)
    archive = tmp_path / "backup.tar.gz"

    with pytest.raises(ArchiveError, match="is missing"):
        portal_export(path=archive)
    assert not archive.exists()

    manifest = portal_export(path=archive, allow_missing_files=True)
    assert manifest.missing_files == [version.file.name]


def test_commands_export_and_refuse_to_import_over_data(small_portal, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    out = StringIO()

    call_command("export_portal", "--output", str(archive), stdout=out)

    assert archive.exists()
    assert f"Wrote {archive}" in out.getvalue()
    with pytest.raises(CommandError, match="database is not empty"):
        call_command("import_portal", str(archive), stdout=StringIO())
