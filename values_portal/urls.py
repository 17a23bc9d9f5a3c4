from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from api.views import DocsView as APIDocsView
from network.sitemaps import SITEMAPS
from network.views import AccessibilityStatementView, HomeView, StaticPageView, robots_txt


def admin_header() -> str:
    return gettext("%(portal_name)s administration") % {"portal_name": settings.PORTAL_NAME}


def admin_title() -> str:
    return settings.PORTAL_NAME


# Lazy: read when a page shows them, so that they follow the setting.
admin.site.site_header = lazy(admin_header, str)()
admin.site.site_title = lazy(admin_title, str)()
admin.site.index_title = _("Coordinators' administration")
# The admin's own login would bypass allauth's rate limits and two-factor step.
admin.site.login = secure_admin_login(admin.site.login)

# Every page a person reads lives under its language: /en/toolkit/, /it/toolkit/.
# A path without a prefix ("/", "/toolkit/") is redirected by LocaleMiddleware
# to the visitor's language (cookie, then Accept-Language, then English).
urlpatterns = i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path(
        "privacy/",
        StaticPageView.as_view(template_name="pages/privacy.html", title=_("Privacy notice")),
        name="privacy",
    ),
    path("accessibility/", AccessibilityStatementView.as_view(), name="accessibility"),
    path("", include("network.urls")),
    path("", include("exchanges.urls")),
    path("toolkit/", include("toolkit.urls")),
    path("", include("reporting.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    # The open data API's documentation page; the API itself is below, without a prefix.
    path("api/docs/", APIDocsView.as_view(), name="api_docs"),
    path("my-organisation/", include("workspace.urls")),
    prefix_default_language=True,
)

# Machine-read files and the coordinators' admin keep one address each.
urlpatterns += [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("api/", include("api.urls")),
    path("", include("ops.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

# Django's own handlers render templates/404.html, 403.html and 500.html; the 500
# and 400 pages are rendered without a request context.
handler400 = "ops.views.bad_request"
handler404 = "django.views.defaults.page_not_found"
handler500 = "django.views.defaults.server_error"
