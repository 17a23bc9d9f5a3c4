"""One archive with everything the portal holds: its data and its uploaded files.

``portal_export`` writes a ``.tar.gz`` with

- ``data/<app>.<model>.json``: every row of every model, one file per model in
  an order that loads (Django's serializer, natural keys for permissions,
  content types, groups and the users other rows point to);
- ``media/<stored name>``: every file a row refers to;
- ``manifest.json``: the SHA-256 checksum and size of each of them, the
  migrations the data was written under, and object counts.

``portal_import`` restores such an archive into an empty database (freshly
migrated: only what migrations create, such as the Coordinators group, may be
there) after checking every checksum, and stores the files under the same names.

Left out on purpose: content types and permissions (``migrate`` recreates them)
and sessions (everybody signs in again).
"""

import datetime as dt
import hashlib
import io
import json
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core import serializers
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "values-portal-export"
VERSION = 1
MANIFEST = "manifest.json"

# Recreated by ``migrate`` or not worth keeping.
EXCLUDED_MODELS = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    # Kept by PostgreSQL's triggers from the practices: written again as they load.
    "toolkit.publishedfacetcount",
}
# Created by migrations as well: merged by natural key (the name) on import.
MERGED_MODELS = {"auth.group"}

_CHUNK = 1024 * 1024
_PAGE = 2000


class ArchiveError(Exception):
    """The archive cannot be written or restored; the message says why."""


@dataclass
class Manifest:
    data: list[dict] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)

    @property
    def object_count(self) -> int:
        return sum(entry["objects"] for entry in self.data)


def exported_models() -> list[type[models.Model]]:
    """Every concrete model of the installed apps, in an order that loads."""
    app_list = []
    for app_config in apps.get_app_configs():
        chosen = [
            model
            for model in app_config.get_models()
            if model._meta.label_lower not in EXCLUDED_MODELS
            and model._meta.managed
            and not model._meta.proxy
        ]
        if chosen:
            app_list.append((app_config, chosen))
    return serializers.sort_dependencies(app_list, allow_cycles=True)


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def stored_file_names() -> list[str]:
    """The names of all files that rows refer to, each once, sorted."""
    names: set[str] = set()
    for model in exported_models():
        for file_field in _file_fields(model):
            names.update(
                model._base_manager.exclude(**{file_field.attname: ""})
                .exclude(**{f"{file_field.attname}__isnull": True})
                .values_list(file_field.attname, flat=True)
            )
    return sorted(names)


def sha256_file(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(_CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


class _HashingReader(io.RawIOBase):
    """Reads through ``source`` and keeps the SHA-256 of what was read."""

    def __init__(self, source) -> None:
        self.source = source
        self.digest = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.source.read(size)
        self.digest.update(chunk)
        self.size += len(chunk)
        return chunk


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _snapshot_transaction(*, outermost: bool) -> None:
    # All tables as they were at one instant, even while the portal is in use.
    # Only the first statement of a transaction may set this; inside a caller's
    # transaction (a test) the caller decides.
    if outermost and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def _model_path(model: type[models.Model]) -> str:
    return f"data/{model._meta.label_lower}.json"


def _add_bytes(archive: tarfile.TarFile, name: str, payload: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(payload)
    info.mtime = int(dt.datetime.now(tz=dt.UTC).timestamp())
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(payload))


def portal_export(*, path: Path, allow_missing_files: bool = False) -> Manifest:
    """Write the whole portal to the archive ``path`` (a ``.tar.gz``).

    The archive is written beside ``path`` and renamed when complete, so that
    ``path`` is never a half-written backup. A file that a row refers to but
    storage lacks stops the export unless ``allow_missing_files``; it is then
    listed in the manifest.
    """
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    manifest = Manifest()
    outermost = not connection.in_atomic_block
    try:
        with (
            transaction.atomic(),
            tarfile.open(partial, "w:gz", format=tarfile.PAX_FORMAT) as archive,
        ):
            _snapshot_transaction(outermost=outermost)
            for model in exported_models():
                manifest.data.append(_export_model(archive, model))
            for name in stored_file_names():
                _export_file(archive, name, manifest, allow_missing_files=allow_missing_files)
            document = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": dt.datetime.now(tz=dt.UTC).isoformat(timespec="seconds"),
                "migrations": _applied_migrations(),
                "data": manifest.data,
                "files": manifest.files,
                "missing_files": manifest.missing_files,
            }
            _add_bytes(archive, MANIFEST, json.dumps(document, indent=1).encode())
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


class PreciseJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's cuts them to ms)."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def _export_model(archive: tarfile.TarFile, model: type[models.Model]) -> dict:
    """Write every row of ``model`` to the archive, a page of rows at a time."""
    label = model._meta.label_lower
    queryset = model._base_manager.order_by("pk")
    digest = hashlib.sha256()
    count = 0
    with tempfile.SpooledTemporaryFile(max_size=16 * _CHUNK) as spool:

        def write(chunk: bytes) -> None:
            digest.update(chunk)
            spool.write(chunk)

        write(b"[")
        last_pk = None
        while True:
            page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
            objects = list(page[:_PAGE])
            if not objects:
                break
            for row in serializers.serialize(
                "python",
                objects,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=label in MERGED_MODELS,
            ):
                write(b",\n" if count else b"\n")
                write(json.dumps(row, cls=PreciseJSONEncoder, ensure_ascii=False).encode())
                count += 1
            last_pk = objects[-1].pk
        write(b"\n]\n")
        size = spool.tell()
        spool.seek(0)
        info = tarfile.TarInfo(_model_path(model))
        info.size = size
        info.mode = 0o644
        info.mtime = int(dt.datetime.now(tz=dt.UTC).timestamp())
        archive.addfile(info, spool)
    return {
        "model": label,
        "path": _model_path(model),
        "objects": count,
        "size": size,
        "sha256": digest.hexdigest(),
    }


def _export_file(
    archive: tarfile.TarFile, name: str, manifest: Manifest, *, allow_missing_files: bool
) -> None:
    try:
        size = default_storage.size(name)
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError) as error:
        if not allow_missing_files:
            raise ArchiveError(
                f"The stored file {name!r} is missing ({error}). Restore it, or run "
                "the export with --allow-missing-files to record it as missing."
            ) from None
        manifest.missing_files.append(name)
        return
    with handle:
        reader = _HashingReader(handle)
        info = tarfile.TarInfo(f"media/{name}")
        info.size = size
        info.mode = 0o644
        info.mtime = int(dt.datetime.now(tz=dt.UTC).timestamp())
        archive.addfile(info, reader)
        if reader.size != size:
            raise ArchiveError(f"The stored file {name!r} changed while it was being read.")
    manifest.files.append(
        {"name": name, "path": f"media/{name}", "size": size, "sha256": reader.digest.hexdigest()}
    )


# --- Import -------------------------------------------------------------------------


def _safe_member_path(root: Path, name: str) -> Path:
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts:
        raise ArchiveError(f"The archive holds an unsafe path: {name!r}.")
    return root.joinpath(*pure.parts)


def _read_manifest(root: Path) -> dict:
    try:
        document = json.loads((root / MANIFEST).read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        raise ArchiveError(
            "This is not a portal export: manifest.json is missing or damaged."
        ) from None
    if document.get("format") != FORMAT or document.get("version") != VERSION:
        raise ArchiveError(
            f"This archive is not a {FORMAT} of version {VERSION} "
            f"(found {document.get('format')!r}, version {document.get('version')!r})."
        )
    return document


def _verify_checksums(root: Path, document: dict) -> None:
    expected = {entry["path"] for entry in document["data"] + document["files"]}
    present = {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and path.name != MANIFEST
    }
    if present - expected:
        raise ArchiveError(f"Files not listed in the manifest: {sorted(present - expected)}.")
    for entry in document["data"] + document["files"]:
        target = _safe_member_path(root, entry["path"])
        if not target.is_file():
            raise ArchiveError(f"{entry['path']} is listed in the manifest but missing.")
        with target.open("rb") as handle:
            if sha256_file(handle) != entry["sha256"]:
                raise ArchiveError(
                    f"{entry['path']} does not match its checksum: the archive is damaged."
                )


def _check_migrations(document: dict) -> list[str]:
    """Refuse data written under migrations this code does not know; list newer ones."""
    archived = {(app, name) for app, names in document["migrations"].items() for name in names}
    applied = set(MigrationRecorder(connection).applied_migrations())
    unknown = archived - applied
    if unknown:
        listed = ", ".join(f"{app}.{name}" for app, name in sorted(unknown))
        raise ArchiveError(
            f"The archive was written under migrations this database has not applied "
            f"({listed}). Run `manage.py migrate` with the portal's version that wrote it."
        )
    return [f"{app}.{name}" for app, name in sorted(applied - archived)]


def _check_database_is_empty(document: dict) -> None:
    occupied = []
    for entry in document["data"]:
        if entry["model"] in MERGED_MODELS:
            continue
        try:
            model = apps.get_model(entry["model"])
        except LookupError:
            raise ArchiveError(
                f"The archive holds {entry['model']}, which this portal lacks."
            ) from None
        if model._base_manager.exists():
            occupied.append(entry["model"])
    if occupied:
        raise ArchiveError(
            "The database is not empty, and an import never overwrites data. Rows found in: "
            + ", ".join(occupied)
            + ". Restore into a new database: create it, run `manage.py migrate`, then import."
        )


def _extract(archive_path: Path, root: Path) -> None:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            for member in archive.getmembers():
                if not (member.isfile() or member.isdir()):
                    raise ArchiveError(f"The archive holds a link or device: {member.name!r}.")
                _safe_member_path(root, member.name)
            archive.extractall(root, filter="data")
    except (tarfile.TarError, EOFError, OSError) as error:
        raise ArchiveError(f"The archive cannot be read: {error}.") from None


def _stored_checksum(name: str) -> str:
    with default_storage.open(name, "rb") as handle:
        return sha256_file(handle)


@dataclass
class ImportResult:
    objects: int
    files: int
    newer_migrations: list[str]


def portal_import(*, path: Path) -> ImportResult:
    """Restore the archive ``path`` into this (empty) database and file storage."""
    with tempfile.TemporaryDirectory(prefix="portal-import-") as tmp:
        root = Path(tmp)
        _extract(Path(path), root)
        document = _read_manifest(root)
        _verify_checksums(root, document)
        newer = _check_migrations(document)
        _check_database_is_empty(document)
        written: list[str] = []
        try:
            with transaction.atomic():
                fixtures = [
                    str(_safe_member_path(root, entry["path"]))
                    for entry in document["data"]
                    if entry["objects"]
                ]
                if fixtures:
                    call_command("loaddata", *fixtures, verbosity=0)
                for entry in document["files"]:
                    _restore_file(root, entry, written)
        except Exception:
            for name in written:
                default_storage.delete(name)
            raise
    return ImportResult(
        objects=sum(entry["objects"] for entry in document["data"]),
        files=len(document["files"]),
        newer_migrations=newer,
    )


def _restore_file(root: Path, entry: dict, written: list[str]) -> None:
    name = entry["name"]
    if default_storage.exists(name):
        if _stored_checksum(name) != entry["sha256"]:
            raise ArchiveError(
                f"Storage already holds a different file called {name!r}; "
                "restore into empty file storage."
            )
        return
    with _safe_member_path(root, entry["path"]).open("rb") as handle:
        stored = default_storage.save(name, File(handle, name=PurePosixPath(name).name))
    written.append(stored)
    if stored != name:
        raise ArchiveError(f"Storage renamed {name!r} to {stored!r}; the rows would not find it.")
    if _stored_checksum(stored) != entry["sha256"]:
        raise ArchiveError(f"{name!r} was not stored intact: its checksum differs.")
