"""``make bench``'s cold and edited modes: caches out of date at every request.

- ``X-Bench-Cold: 1``: every cached page, fragment and row is out of date before the
  request is served (``content_changed()``), as on the first request after a deploy.
- ``X-Bench-Cold: edit``: a practice, another one at each request, has just had its
  texts edited: what shows it is out of date (its page, the toolkit's lists and the
  searches matching it, the home page, its partner's and clusters' pages), the rest is
  not (the figures and the toolkit's facets, which count practices by their status,
  partner, country, clusters…, not their texts). That is what a visitor meets while
  editors work.

Only ``bench/settings.py`` installs this middleware; the portal a city runs never does.
"""

import itertools
from collections.abc import Callable, Iterator

from django.http import HttpRequest, HttpResponse

from core.cache import changed_by, content_changed
from core.cache_versions import replace

COLD_HEADER = "X-Bench-Cold"
# The practices whose edits are simulated, in turn: their tokens are worked out once,
# so that the measured requests make no query for them.
EDITED_PRACTICES = 50


class ColdCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._edits: Iterator[list[str]] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        mode = request.headers.get(COLD_HEADER)
        if mode == "edit":
            replace(next(self._edited()))
        elif mode is not None:
            content_changed()
        return self.get_response(request)

    def _edited(self) -> Iterator[list[str]]:
        if self._edits is None:
            from toolkit.models import Practice
            from toolkit.search import practice_words, word_tokens

            practices = Practice.objects.published().order_by("-published_at")
            # What saving it replaces: its tokens and those of its words, which the
            # searches matching it depend on (toolkit/search.py).
            self._edits = itertools.cycle(
                [
                    [*changed_by(practice), *word_tokens(practice_words(practice.pk))]
                    for practice in practices[:EDITED_PRACTICES]
                ]
            )
        return self._edits
