"""Version tokens: what says whether a cached page or fragment is still current.

The design is stated in ``core/cache.py``; this module keeps the tokens. A token is
a random string under a name; replacing it makes out of date everything cached
under its old value. Names:

- ``content``: everything (``content_changed()`` without rows);
- ``edits``: replaced by every change; a page whose rendering saw it change is not kept;
- ``<app>`` (``toolkit``), ``<app>.<model>`` (``toolkit.practice``) and
  ``<app>.<model>:<pk>`` (``toolkit.practice:42``): one app, one model, one row.

With a shared cache (Redis) tokens live in it. With each process's own memory they
live in files that every process of the machine reads: ``CONTENT_VERSION_FILE`` for
``content``, a directory beside it for the others.
"""

import functools
import os
import re
from collections.abc import Iterable
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache

CONTENT = "content"
EDITS = "edits"
# The global token keeps its historical key.
KEY_PREFIX = "values:version:"
CONTENT_KEY = "values:content-version"
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")
# A token is a UUID's 32 hexadecimal digits; a file holds one and nothing else.
TOKEN_BYTES = 64


def cache_is_shared() -> bool:
    return not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def _key(name: str) -> str:
    return CONTENT_KEY if name == CONTENT else f"{KEY_PREFIX}{name}"


# --- In files, for processes that each keep their own cache --------------------------------


@functools.lru_cache(maxsize=4096)
def _path_text(main_file: str, name: str) -> str:
    main = Path(main_file)
    if name == CONTENT:
        return str(main)
    return str(main.with_name(f"{main.name}.d") / _UNSAFE.sub("_", name))


def _file_read(name: str) -> str:
    # A shared page reads a dozen tokens at each request: plain system calls, not pathlib.
    try:
        fd = os.open(_path_text(settings.CONTENT_VERSION_FILE, name), os.O_RDONLY)
    except FileNotFoundError:
        return _file_write(name)
    try:
        return os.read(fd, TOKEN_BYTES).decode()
    finally:
        os.close(fd)


def _file_write(name: str) -> str:
    """A new token for ``name``, written over the old one in its file.

    One write of the token's 32 characters at the start of the file, in place: a
    process reading meanwhile finds the old token or the new one, or, should a read
    ever see part of the write, a mixture of both that no later read finds: what is
    cached under it is out of date at once (a miss, never an out-of-date page). Not
    written aside and renamed: renaming over a file makes ext4 write the new one to
    disk first (``auto_da_alloc``), a quarter of a millisecond for each of the tokens
    that one save replaces.
    """
    path = _path_text(settings.CONTENT_VERSION_FILE, name)
    version = uuid4().hex
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
    try:
        os.pwrite(fd, version.encode(), 0)
    finally:
        os.close(fd)
    return version


# --- Reading and replacing -----------------------------------------------------------------


def versions(names: Iterable[str]) -> dict[str, str]:
    """The current token of each name; a name never seen gets a new random token."""
    names = list(dict.fromkeys(names))
    if not cache_is_shared():
        return {name: _file_read(name) for name in names}
    keys = {_key(name): name for name in names}
    found = cache.get_many(keys)
    current = {keys[key]: value for key, value in found.items()}
    for key, name in keys.items():
        if name in current:
            continue
        # A new random token, never an old one: entries stored under a token that
        # fell out of the cache can never be served again.
        version = uuid4().hex
        if not cache.add(key, version, timeout=None):
            version = cache.get(key, version)
        current[name] = version
    return current


def version(name: str) -> str:
    return versions([name])[name]


def replace(names: Iterable[str]) -> None:
    """New tokens for ``names``: what was cached under the old ones is out of date."""
    names = list(dict.fromkeys(names))
    if not cache_is_shared():
        for name in names:
            _file_write(name)
        return
    cache.set_many({_key(name): uuid4().hex for name in names}, timeout=None)
