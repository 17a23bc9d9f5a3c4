"""The portal's URLs with the report and the open data mounted, as values_portal/urls.py will.

Once values_portal/urls.py includes them, this module adds nothing.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLResolver, include, path

from values_portal.urls import handler404, handler500
from values_portal.urls import urlpatterns as portal_urlpatterns


def _namespaces(patterns) -> set[str]:
    found = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace:
                found.add(pattern.namespace)
            found |= _namespaces(pattern.url_patterns)
    return found


_mounted = _namespaces(portal_urlpatterns)
urlpatterns = list(portal_urlpatterns)
if "reporting" not in _mounted:
    urlpatterns += i18n_patterns(
        path("report/", include("values_portal.reporting.urls")), prefix_default_language=True
    )
if "api" not in _mounted:
    urlpatterns.append(path("api/", include("values_portal.api.urls")))

__all__ = ["handler404", "handler500", "urlpatterns"]
