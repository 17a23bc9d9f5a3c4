"""Serving stored files to people who may see them.

Views decide who may download what; this module only hands the file over
safely: always as an attachment (never rendered by the browser on our
origin), under a clean version of the name it was uploaded with, and with
content sniffing turned off.
"""

import unicodedata
from pathlib import PurePath

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.http import urlencode
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

# A readable name for the commonest kinds of file; others show their extension.
FILE_KINDS = {
    "pdf": "PDF",
    "doc": "Word",
    "docx": "Word",
    "odt": "OpenDocument",
    "xls": "Excel",
    "xlsx": "Excel",
    "ods": "OpenDocument",
    "ppt": "PowerPoint",
    "pptx": "PowerPoint",
    "odp": "OpenDocument",
    "csv": "CSV",
    "txt": _("Text"),
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "webp": "WebP",
    "zip": "ZIP",
}


def file_kind(name: str) -> str:
    suffix = PurePath(name or "").suffix.lower().lstrip(".")
    if not suffix:
        return str(_("File"))
    return str(FILE_KINDS.get(suffix, suffix.upper()))


def safe_filename(original: str, fallback: str) -> str:
    """The uploader's file name without paths, control characters or quotes.

    ``fallback`` (a slug plus the stored file's extension) is used when
    nothing of the original survives.
    """
    name = PurePath((original or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    try:
        cleaned = get_valid_filename(name)
    except SuspiciousFileOperation:
        cleaned = ""
    if not cleaned or cleaned.startswith("."):
        cleaned = get_valid_filename(fallback)
    return cleaned[:150]


def serve_file(file: FieldFile, *, filename: str, private: bool = False) -> FileResponse:
    """The stored ``file`` as a download called ``filename``; 404 when it is missing.

    ``private``: a members-only file, which no shared cache or browser cache may keep.
    """
    if not file:
        raise Http404(_("This file is not available."))
    try:
        handle = file.open("rb")
    except (FileNotFoundError, SuspiciousFileOperation):
        raise Http404(_("This file is not available.")) from None
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def members_only(
    request: HttpRequest, *, kind: str = "", title: str = "", city: str = ""
) -> HttpResponse:
    """The page for someone who may not have a members-only plan or file: what it is, how to get it.

    Never the file and never a bare 404: a link forwarded by a colleague must lead
    somewhere. The page names only what the public may know (``kind``, such as "Action
    plan", its ``title`` and ``city``). A visitor is offered to sign in (and come back
    here) or to create an account; a signed-in person who is not a member of a partner
    organisation is told how to ask to join one.
    """
    here = request.get_full_path()
    context = {
        "kind": kind,
        "title": title,
        "city": city,
        "login_url": f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': here})}",
        "signup_url": f"{reverse('account_signup')}?{urlencode({'next': here})}",
    }
    response = render(request, "members_only.html", context, status=403)
    response["Cache-Control"] = "private, no-store"
    return response


def fallback_name(slug: str, file: FieldFile) -> str:
    return f"{slug}{PurePath(file.name or '').suffix.lower()}"


def first_request_in_window(request: HttpRequest, what: str) -> bool:
    """Whether this is the first request for ``what`` by this person within the window.

    A person is their account when signed in, else their address (hashed: no address is
    kept). Used to count a download once, not every repeated click or reload.
    """
    if request.user.is_authenticated:
        who = f"user:{request.user.pk}"
    else:
        who = salted_hmac("download", client_address(request), algorithm="sha256").hexdigest()[:32]
    return cache.add(f"seen:{what}:{who}", True, settings.DOWNLOAD_REPEAT_SECONDS)


def client_address(request: HttpRequest) -> str:
    """The client's address: behind the README's proxy, the entry it added to X-Forwarded-For."""
    proxies = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
