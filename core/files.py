import hashlib
import uuid
from pathlib import PurePath

from django.core.validators import validate_image_file_extension
from django.db import models
from django.utils.deconstruct import deconstructible


@deconstructible
class GeneratedName:
    """An ``upload_to`` that stores a file under a random name in ``folder``.

    The uploader's filename never reaches the disk; only its (lower-cased)
    extension is kept so that the file still opens with the right program.
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder.strip("/")

    def __call__(self, instance: object, filename: str) -> str:
        suffix = PurePath(filename).suffix.lower()[:10]
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GeneratedName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def sha256_of(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(64 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


class FileMetadataMixin:
    """Keeps ``size``, ``checksum`` and ``original_filename`` in step with ``file``.

    Only a newly assigned, not yet stored file is measured, so saving an
    unchanged row never reads the file again.
    """

    def save(self, *args, **kwargs):
        upload = getattr(self, "file", None)
        if upload and not getattr(upload, "_committed", True):
            self.size = upload.size
            if hasattr(self, "checksum"):
                self.checksum = sha256_of(upload)
            if hasattr(self, "original_filename"):
                self.original_filename = PurePath(upload.name).name[:255]
        super().save(*args, **kwargs)


# --- Validating uploads by their content -----------------------------------------
# The kinds of file partners may upload, told apart by their first bytes (not
# their name): documents, spreadsheets and pictures. SVG, HTML and programs are
# refused whatever they are called, since a browser could run what they contain.

DOCUMENT_KINDS = frozenset({"pdf", "docx", "odt", "xlsx", "ods", "png", "jpg", "webp"})
IMAGE_KINDS = frozenset({"png", "jpg", "webp"})

_SNIFF_BYTES = 8192
_KIND_LABELS = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "odt": "OpenDocument text (ODT)",
    "xlsx": "Excel (XLSX)",
    "ods": "OpenDocument spreadsheet (ODS)",
    "png": "PNG",
    "jpg": "JPEG",
    "webp": "WebP",
}
_SUFFIXES = {"jpg": {".jpg", ".jpeg"}}
# Office files are ZIP archives: bound what unpacking one could cost, and check
# that the archive holds the part that makes it the document it claims to be.
_ZIP_MAX_ENTRIES = 2000
_ZIP_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
_ZIP_REQUIRED_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "odt": "content.xml",
    "ods": "content.xml",
}


def _check_zip(file, kind: str) -> None:
    import zipfile

    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext_lazy as _

    damaged = ValidationError(
        _("The file looks like a %(kind)s document but it is damaged or incomplete."),
        code="damaged",
        params={"kind": _KIND_LABELS[kind]},
    )
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if len(entries) > _ZIP_MAX_ENTRIES:
                raise damaged
            if sum(entry.file_size for entry in entries) > _ZIP_MAX_UNPACKED_BYTES:
                raise damaged
            names = {entry.filename for entry in entries}
            if _ZIP_REQUIRED_PART[kind] not in names:
                raise damaged
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise ValidationError(
                    _(
                        "Documents with macros are not accepted. "
                        "Save it without macros and try again."
                    ),
                    code="macros",
                )
    except (zipfile.BadZipFile, OSError, EOFError):
        raise damaged from None
    finally:
        file.seek(0)


def validate_upload(file, *, kinds: frozenset[str] = DOCUMENT_KINDS) -> str:
    """Refuse an upload that is too large or not one of ``kinds``, judged by content.

    Returns the kind found (``"pdf"``, ``"docx"`` …). The error messages say why
    a file was refused, so that the person can fix it.
    """
    import filetype
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.template.defaultfilters import filesizeformat
    from django.utils.translation import gettext_lazy as _

    limit = settings.MAX_UPLOAD_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; files may be at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")

    file.seek(0)
    head = file.read(_SNIFF_BYTES)
    file.seek(0)
    guess = filetype.guess(head)
    accepted = ", ".join(_KIND_LABELS[kind] for kind in sorted(kinds))
    if guess is None or guess.extension not in kinds:
        raise ValidationError(
            _(
                "This file's content is not one of the accepted kinds (%(accepted)s), "
                "whatever its name says. Save it in one of these formats and try again."
            ),
            code="wrong_type",
            params={"accepted": accepted},
        )
    kind = guess.extension
    suffix = PurePath(file.name or "").suffix.lower()
    if suffix not in _SUFFIXES.get(kind, {f".{kind}"}):
        raise ValidationError(
            _(
                "The file's name ends in “%(suffix)s” but its content is %(kind)s. "
                "Rename it to end in “.%(extension)s” or upload the right file."
            ),
            code="wrong_extension",
            params={"suffix": suffix or "—", "kind": _KIND_LABELS[kind], "extension": kind},
        )
    if kind in _ZIP_REQUIRED_PART:
        _check_zip(file, kind)
    return kind


# --- Checks that every upload path runs (forms, the admin, full_clean) ---------
# Model fields carry these validators, so the admin refuses what the workspace
# forms refuse. A file already stored is not read again on each save.

IMAGE_CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}
# Enough for any logo; a larger picture is refused before it is decoded.
MAX_IMAGE_PIXELS = 25_000_000
_PILLOW_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def sniff_kind(file) -> str | None:
    """The kind of ``file`` judged by its first bytes (``"pdf"``, ``"png"``…), or None."""
    import filetype

    file.seek(0)
    head = file.read(_SNIFF_BYTES)
    file.seek(0)
    guess = filetype.guess(head)
    return guess.extension if guess else None


def _is_new_upload(file) -> bool:
    return bool(file) and not getattr(file, "_committed", True)


def validate_document(file) -> None:
    """Model field validator: a new document upload must pass ``validate_upload``."""
    if _is_new_upload(file):
        validate_upload(file)


def _damaged_picture():
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext_lazy as _

    return ValidationError(
        _("The picture could not be read: it is damaged or not a PNG, JPEG or WebP file."),
        code="damaged_image",
    )


def _open_checked_image(file):
    """The decoded picture in ``file``, refused when it is too large or damaged.

    Pillow reads a copy of the bytes: closing a picture closes the file it was
    opened from, and the upload must stay open to be stored.
    """
    from io import BytesIO

    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext_lazy as _
    from PIL import Image, UnidentifiedImageError

    file.seek(0)
    data = BytesIO(file.read())
    file.seek(0)
    try:
        with Image.open(data) as probe:
            if probe.format not in _PILLOW_FORMATS:
                raise _damaged_picture()
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _(
                        "The picture is %(width)s × %(height)s pixels; pictures may have "  # noqa: RUF001
                        "at most %(limit)s million pixels."
                    ),
                    code="image_too_large",
                    params={
                        "width": probe.width,
                        "height": probe.height,
                        "limit": MAX_IMAGE_PIXELS // 1_000_000,
                    },
                )
            probe.verify()
        data.seek(0)
        image = Image.open(data)
        image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise _damaged_picture() from None
    return image


def validate_image(file) -> None:
    """Model field validator for logos: PNG, JPEG or WebP by content, decodable by Pillow."""
    if _is_new_upload(file):
        validate_upload(file, kinds=IMAGE_KINDS)
        _open_checked_image(file).close()


def reencode_image(file) -> bytes:
    """The picture in ``file`` saved anew by Pillow, in the same format.

    What survives is the pixels (turned upright) and the colour profile:
    camera metadata (location, device) and anything appended to the file are
    dropped.
    """
    from io import BytesIO

    from PIL import ImageOps

    image = _open_checked_image(file)
    with image:
        pillow_format = image.format
        upright = ImageOps.exif_transpose(image)
        if pillow_format == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        elif upright.mode not in ("RGB", "RGBA", "L", "LA"):
            upright = upright.convert("RGBA")
        options = {"icc_profile": image.info.get("icc_profile")}
        if pillow_format in ("JPEG", "WEBP"):
            options["quality"] = 90
        buffer = BytesIO()
        upright.save(buffer, pillow_format, **options)
    return buffer.getvalue()


class ReencodedImageField(models.ImageField):
    """An ``ImageField`` whose new pictures are validated and re-encoded before storage."""

    default_validators = [validate_image_file_extension, validate_image]

    def pre_save(self, model_instance, add):
        from django.core.files.base import ContentFile

        file = getattr(model_instance, self.attname)
        if _is_new_upload(file):
            file.file = ContentFile(reencode_image(file), name=file.name)
        return super().pre_save(model_instance, add)
