import logging
import uuid

from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.db import connection
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cities.models import Organisation
from core.files import IMAGE_CONTENT_TYPES, sniff_kind

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database does not answer.")
        return False


def _cache_ok() -> bool:
    key = f"health:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        answered = cache.get(key) == "ok"
        cache.delete(key)
        return answered
    except Exception:
        logger.exception("Health check: the cache does not answer.")
        return False


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """200 when the database and the cache answer, 503 otherwise, for load balancers."""
    checks = {
        "database": "ok" if _database_ok() else "error",
        "cache": "ok" if _cache_ok() else "error",
    }
    healthy = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


@require_GET
def organisation_logo(request: HttpRequest, slug: str) -> HttpResponse:
    """A partner's logo: public, but served like every stored file, never from /media/.

    Only a picture whose content is PNG, JPEG or WebP is served, under its own
    content type with sniffing off, whatever was stored before uploads were checked.
    """
    organisation = get_object_or_404(Organisation.objects.exclude(logo=""), slug=slug)
    etag = f'"{uuid.uuid5(uuid.NAMESPACE_URL, organisation.logo.name).hex}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    try:
        handle = organisation.logo.open("rb")
    except (FileNotFoundError, SuspiciousFileOperation):
        raise Http404(_("This file is not available.")) from None
    kind = sniff_kind(handle)
    if kind not in IMAGE_CONTENT_TYPES:
        handle.close()
        logger.warning("The logo of organisation %s is not a PNG, JPEG or WebP.", organisation.pk)
        raise Http404(_("This file is not available."))
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{organisation.slug}-logo.{kind}",
        content_type=IMAGE_CONTENT_TYPES[kind],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=300)
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 page, rendered without the request, as the 500 page is: the request may
    name a host the portal does not answer to, and every absolute address in the layout
    would raise again."""
    return HttpResponseBadRequest(render_to_string("400.html"))
