"""Version tokens: what says whether a cached page or fragment is still current.

The design is stated in ``core/cache.py``; this module keeps the tokens. A token is
a random string under a name; replacing it makes out of date everything cached
under its old value. Names:

- ``content``: everything (``content_changed()`` without rows);
- ``edits``: replaced by every change; a page whose rendering saw it change is not kept;
- ``<app>`` (``toolkit``), ``<app>.<model>`` (``toolkit.practice``) and
  ``<app>.<model>:<pk>`` (``toolkit.practice:42``): one app, one model, one row;
- ``<family>@<4 hexadecimal digits>`` (``toolkit.search-word@3f2a``): one of the 65,536
  slots of a family, for tokens that change by the dozen (the words of a practice).

With a shared cache (Redis) tokens live in it. With each process's own memory they
live in files that every process of the machine reads: ``CONTENT_VERSION_FILE`` for
``content``, a directory beside it for the others, a file per name but one per family
of slots, each slot at its place in it: a save replaces forty words' tokens with one
``open()``, not forty.
"""

import functools
import os
import re
from collections import defaultdict
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
TOKEN_LENGTH = 32
SLOT = re.compile(r"(?P<family>[^@]+)@(?P<slot>[0-9a-f]{4})")


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


def _open_token_file(name: str) -> int:
    """The file of ``name`` (or of a family of slots), open to read and write; made, with
    the tokens' directory, when missing."""
    path = _path_text(settings.CONTENT_VERSION_FILE, name)
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)


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
    version = uuid4().hex
    fd = _open_token_file(name)
    try:
        os.pwrite(fd, version.encode(), 0)
    finally:
        os.close(fd)
    return version


def _slots(names: Iterable[str]) -> tuple[list[str], dict[str, list[tuple[str, int]]]]:
    """``names`` apart: those with a file each, and the slots of each family."""
    plain: list[str] = []
    families: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for name in names:
        match = SLOT.fullmatch(name)
        if match is None:
            plain.append(name)
        else:
            families[match["family"]].append((name, int(match["slot"], 16)))
    return plain, families


def _slots_read(family: str, slots: list[tuple[str, int]]) -> dict[str, str]:
    """The tokens of a family's ``slots``; a slot never written (zeros, or past the end of
    the file) gets a new random token, as a name without a file does."""
    fd = _open_token_file(family)
    try:
        found = {}
        for name, slot in slots:
            token = os.pread(fd, TOKEN_LENGTH, slot * TOKEN_LENGTH)
            if len(token) < TOKEN_LENGTH or token.count(0):
                token = uuid4().hex.encode()
                os.pwrite(fd, token, slot * TOKEN_LENGTH)
            found[name] = token.decode()
        return found
    finally:
        os.close(fd)


def _slots_write(family: str, slots: list[tuple[str, int]]) -> None:
    """New tokens for a family's ``slots``: each written in place (``_file_write``)."""
    # Random as UUIDs are, drawn at once: a UUID apiece was most of the time of a save.
    tokens = os.urandom(TOKEN_LENGTH // 2 * len(slots)).hex().encode()
    fd = _open_token_file(family)
    try:
        for index, (_name, slot) in enumerate(slots):
            token = tokens[index * TOKEN_LENGTH : (index + 1) * TOKEN_LENGTH]
            os.pwrite(fd, token, slot * TOKEN_LENGTH)
    finally:
        os.close(fd)


# --- Reading and replacing -----------------------------------------------------------------


def versions(names: Iterable[str]) -> dict[str, str]:
    """The current token of each name; a name never seen gets a new random token."""
    names = list(dict.fromkeys(names))
    if not cache_is_shared():
        plain, families = _slots(names)
        current = {name: _file_read(name) for name in plain}
        for family, slots in families.items():
            current.update(_slots_read(family, slots))
        return current
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
        plain, families = _slots(names)
        for name in plain:
            _file_write(name)
        for family, slots in families.items():
            _slots_write(family, slots)
        return
    cache.set_many({_key(name): uuid4().hex for name in names}, timeout=None)
