"""Addresses outside the language prefix: machine checks and public pictures."""

from django.urls import path

from ops.views import health, organisation_logo

urlpatterns = [
    path("health/", health, name="health"),
    path("logos/<slug:slug>/", organisation_logo, name="organisation_logo"),
]
