from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from values_portal.views import HomeView

admin.site.site_header = _("VALUES Portal administration")
admin.site.site_title = _("VALUES Portal")
admin.site.index_title = _("Coordinators' administration")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("cities.urls")),
    path("", include("exchanges.urls")),
    path("toolkit/", include("toolkit.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
