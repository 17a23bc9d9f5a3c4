"""allauth's pages render in the portal's layout, with nothing the CSP would block."""

import re

import pytest
from django.urls import reverse

from tests.factories import TOTPAuthenticatorFactory

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]

ANONYMOUS_PAGES = ["account_login", "account_signup", "account_reset_password"]
MEMBER_PAGES = [
    "account_email",
    "account_change_password",
    "account_reauthenticate",
    "account_logout",
    "mfa_index",
    "accounts:account",
    "accounts:delete",
]


def assert_portal_page(response) -> None:
    html = response.text
    assert response.status_code == 200
    assert re.search(r'<html lang="[a-z-]+"', html)
    assert html.count("<h1") == 1
    assert 'id="main"' in html
    assert "style=" not in html  # the Content-Security-Policy forbids inline styles
    # and scripts only from this host (the CSP's 'self') or with a nonce
    assert not re.search(r'<script(?![^>]*\b(?:nonce=|src="/))', html)
    assert "css/workspace.css" in html


@pytest.mark.parametrize("url_name", ANONYMOUS_PAGES)
def test_entrance_pages_use_the_portal_layout(client, url_name):
    assert_portal_page(client.get(reverse(url_name)))


@pytest.mark.parametrize("url_name", MEMBER_PAGES)
def test_account_pages_use_the_portal_layout(client, member, url_name):
    client.force_login(member)

    assert_portal_page(client.get(reverse(url_name)))


def test_recovery_codes_and_deactivation_pages_render_for_a_member_with_totp(client, member):
    TOTPAuthenticatorFactory(user=member)
    client.force_login(member)

    response = client.get(reverse("mfa_index"))

    assert_portal_page(response)
    assert "Authentication using an authenticator app is active." in response.text


@pytest.mark.parametrize("name", ["account_login", "account_signup"])
def test_where_to_go_next_comes_back_without_characters_html_forbids(client, name):
    response = client.get(reverse(name), {"next": "/en/toolkit/\x00\x01"})

    assert '<input type="hidden" name="next" value="/en/toolkit/">' in response.text
    assert "\x00" not in response.text
    assert "\x01" not in response.text
