"""Rendered content that is the same for every visitor, kept in the cache framework.

Two layers, both keyed by the *content version*:

- **Fragments** (``cached_fragment``): the costly part of a page that depends
  only on the address and the language, such as the toolkit's results and
  facets. Every visitor, signed in or not, gets them from the cache; the rest
  of the page (header, account menu, messages) is rendered for each request.
- **Whole pages for anonymous visitors** (``SharedPageCacheMixin``): an
  anonymous visitor sees exactly what the previous anonymous visitor of the
  same address saw, so the page's HTML is kept whole. A page is stored only if
  its rendering used no CSP nonce, no CSRF token and set no cookie, and only
  when the visitor has no message waiting; signed-in visitors never read or
  fill this layer. Middleware (security headers, CSP, compression) still runs
  on every response.

The content version is a random token in the cache. Saving or deleting any
row of a watched app (cities, exchanges, toolkit: each calls ``watch`` in its
``AppConfig.ready``), or changing a many-to-many link between them, replaces
the token, so every key changes at once and a newly published practice shows
on the next request. The token is replaced when the signal fires and again
when the transaction commits, so a page rendered from not-yet-committed data in
between cannot outlive the commit. ``QuerySet.update()``, ``bulk_create()`` and
raw SQL send no signal: call ``content_changed()`` after them.

Every server process must see a change at once, or a practice taken offline would
stay public in the others. With one shared cache (Redis, set with ``REDIS_URL``) the
token lives in it. With each process's own memory (the default without Redis), it
lives in a small file, ``CONTENT_VERSION_FILE``, that every process of the machine
reads: each keeps its own copies of pages, all change keys together. Several
machines need Redis (and they need it anyway for sessions and rate limits).
"""

import os
import re
from collections.abc import Callable
from pathlib import Path
from uuid import uuid4

from django.apps import AppConfig
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.text import compress_string

VERSION_KEY = "values:content-version"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
WATCHED_APPS: set[str] = set()
# What a shared page keeps of the view's headers; middleware adds the others each time.
SHARED_HEADERS = ("Content-Type", "Content-Disposition")


# --- The content version --------------------------------------------------------------


def _cache_is_shared() -> bool:
    return not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def _file_version() -> str:
    path = Path(settings.CONTENT_VERSION_FILE)
    try:
        return path.read_text()
    except FileNotFoundError:
        return _write_file_version()


def _write_file_version() -> str:
    path = Path(settings.CONTENT_VERSION_FILE)
    version = uuid4().hex
    # Written aside, then renamed: a process reading meanwhile sees the old or the new
    # token, never half of one.
    partial = path.with_name(f"{path.name}.{os.getpid()}.{uuid4().hex}")
    partial.write_text(version)
    os.replace(partial, path)
    return version


def content_version() -> str:
    if not _cache_is_shared():
        return _file_version()
    version = cache.get(VERSION_KEY)
    if version is None:
        # A new random token, never an old one: entries stored under a version
        # that fell out of the cache can never be served again.
        version = uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def content_changed() -> None:
    """Make every cached fragment and page out of date, in every process."""
    if not _cache_is_shared():
        _write_file_version()
        return
    cache.set(VERSION_KEY, uuid4().hex, timeout=None)


def _row_changed(sender, **kwargs) -> None:
    if sender._meta.app_label not in WATCHED_APPS:
        return
    if kwargs.get("action", "post_").startswith("pre_"):  # m2m_changed fires twice
        return
    content_changed()
    transaction.on_commit(content_changed, using=kwargs.get("using"))


def watch(app_config: AppConfig) -> None:
    """Make cached content out of date whenever a row of this app changes."""
    WATCHED_APPS.add(app_config.label)
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_row_changed, dispatch_uid=f"core.cache.{signal!r}")


# --- Fragments ------------------------------------------------------------------------


def fragment_key(name: str, *vary: object) -> str:
    """The key ``{% cache %}`` would use for ``name``, varied by language and content version."""
    return make_template_fragment_key(name, [translation.get_language(), content_version(), *vary])


def cached_fragment[T](name: str, build: Callable[[], T], *vary: object) -> T:
    """``build()``'s result, from the cache when the same fragment was built since the last change.

    ``vary`` must hold everything the fragment depends on besides the language
    and the content (the address, today's date…). Nothing personal may go in a
    fragment: it is shared by every visitor.
    """
    key = fragment_key(name, *vary)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.CONTENT_CACHE_SECONDS)
    return value


def query_string(request: HttpRequest) -> str:
    """The query string in a fixed order, for keys: ``b=1&a=2`` gives ``a=2&b=1``."""
    return urlencode(sorted(request.GET.lists()), doseq=True)


# --- Whole pages for anonymous visitors -------------------------------------------------


class SharedPageCacheMixin:
    """Serve anonymous visitors a page rendered for an earlier anonymous visitor.

    For views whose page, for an anonymous visitor, depends only on the address,
    the language and the watched content. Set ``shared_page_daily`` when it also
    depends on today's date ("upcoming" and "past" visits).

    The page is kept compressed too, and sent so to browsers that accept gzip:
    GZipMiddleware then leaves it alone instead of compressing it on every
    request. It holds no secret, so there is nothing for BREACH to guess.
    """

    shared_page_daily = False

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not self._may_share(request):
            return super().dispatch(request, *args, **kwargs)
        vary = [request.build_absolute_uri()]
        if self.shared_page_daily:
            vary.append(timezone.localdate().isoformat())
        key = fragment_key("shared-page", *vary)
        stored = cache.get(key)
        if stored is not None:
            return self._shared_response(request, *stored)
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        if hasattr(response, "render"):
            response.render()
        if self._is_shareable(request, response):
            headers = {name: response[name] for name in SHARED_HEADERS if response.has_header(name)}
            stored = (response.content, compress_string(response.content), headers)
            cache.set(key, stored, settings.CONTENT_CACHE_SECONDS)
        return response

    @staticmethod
    def _shared_response(
        request: HttpRequest, content: bytes, compressed: bytes, headers: dict[str, str]
    ) -> HttpResponse:
        if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            response = HttpResponse(compressed, headers=headers)
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(content, headers=headers)
        patch_vary_headers(response, ["Accept-Encoding"])
        return response

    @staticmethod
    def _may_share(request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and not request.user.is_authenticated
            and not len(messages.get_messages(request))
        )

    @staticmethod
    def _is_shareable(request: HttpRequest, response: HttpResponse) -> bool:
        """Nothing in the page belongs to this request alone."""
        return (
            not response.streaming
            and not response.cookies
            and not response.has_header("Content-Encoding")
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            # A LazyNonce is true once a template has used it.
            and not get_nonce(request)
        )
