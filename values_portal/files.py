import hashlib
import uuid
from pathlib import PurePath

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
