"""``make bench``'s cold mode: every request finds the page and fragment caches out of date.

A request carrying ``X-Bench-Cold`` makes all cached content out of date before
it is served, as if someone had just edited everything the page shows. Only
``bench/settings.py`` installs this middleware; the portal a city runs never does.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from core.cache import content_changed

COLD_HEADER = "X-Bench-Cold"


class ColdCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if COLD_HEADER in request.headers:
            content_changed()
        return self.get_response(request)
