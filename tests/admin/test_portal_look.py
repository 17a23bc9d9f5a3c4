"""The admin in the portal's colours, linked to the coordinators' pages, in their language."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_loads_the_portal_colours(client, coordinator):
    client.force_login(coordinator)

    html = client.get(reverse("admin:index")).text

    assert 'href="/static/css/admin.css"' in html


def test_admin_header_links_coordination_and_the_review_queue(client, coordinator):
    client.force_login(coordinator)

    html = client.get(reverse("admin:index")).text

    assert f'href="{reverse("workspace:coordination")}"' in html
    assert f'href="{reverse("workspace:review_list")}"' in html


def test_admin_header_has_no_coordination_links_for_other_staff(client, admin_user):
    # A superuser is a coordinator too; plain staff (no group) are not.
    admin_user.is_superuser = False
    admin_user.save()
    client.force_login(admin_user)

    response = client.get(reverse("admin:index"), follow=True)

    assert reverse("workspace:review_list") not in response.text


def test_admin_speaks_the_language_the_portal_was_last_read_in(client, coordinator):
    client.force_login(coordinator)

    page = client.get("/it/")
    assert page.cookies[settings.LANGUAGE_COOKIE_NAME].value == "it"
    html = client.get(reverse("admin:index")).text

    assert '<html lang="it"' in html
    assert ">Coordinamento</a>" in html


def test_visitors_get_no_language_cookie(client):
    response = client.get("/it/")

    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
