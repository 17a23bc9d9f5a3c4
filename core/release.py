"""Which release of the portal is running: a digest of the files that make its pages.

Cached pages, fragments and rows (``core/cache.py``) hold it in their keys. Redis
outlives a restart: without it, the first minutes after an upgrade would serve HTML
written by the previous release's templates and code, and read entries pickled by
its classes. With it, an upgrade starts from an empty content cache, as the first
requests after a deploy do in ``make bench``'s cold mode. (Without Redis each
process starts with an empty cache anyway.)

The version tokens are not in it: they must stay shared while servers of two
releases run side by side, so that an edit seen by one is seen by the other.
"""

import functools
import hashlib
import os
from pathlib import Path

from django.conf import settings

# What a page is made of: code, templates, catalogues, static sources (their hashed names
# are in the HTML), and the requirements in pyproject.toml.
RELEASE_SUFFIXES = (".py", ".html", ".txt", ".mo", ".css", ".js", ".svg", ".json", ".toml")
# Not part of what serves a page: tests, documentation, what pip and the portal write
# (also ``*.egg-info``, virtual environments, STATIC_ROOT, MEDIA_ROOT), and hidden
# folders (.git, .venv).
SKIPPED_FOLDERS = {"tests", "docs", "build", "node_modules", "__pycache__"}


@functools.cache
def code_release() -> str:
    """The running release's digest (worked out once per process, ~30 ms)."""
    written = {
        Path(path).resolve()
        for path in (settings.STATIC_ROOT, settings.MEDIA_ROOT)
        if path is not None
    }
    return release_digest(Path(settings.BASE_DIR), skipped=written)


def release_digest(root: Path, *, skipped: set[Path] = frozenset()) -> str:
    """A digest of the names and contents of the portal's files under ``root``, in a
    fixed order: the same files give the same digest on every server."""
    digest = hashlib.sha256()
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(
            name
            for name in folders
            if not name.startswith(".")
            and name not in SKIPPED_FOLDERS
            and not name.endswith(".egg-info")
            and not Path(folder, name, "pyvenv.cfg").exists()  # a virtual environment
            and Path(folder, name).resolve() not in skipped
        )
        for name in sorted(files):
            if name.endswith(RELEASE_SUFFIXES):
                path = Path(folder, name)
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
