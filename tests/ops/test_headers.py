"""Every page carries the security headers; admin and allauth pages live with the CSP."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.admin.cases import admin_url
from tests.factories import ActionPlanFactory, PracticeFactory
from toolkit.models import Practice

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]


def test_a_public_page_carries_every_security_header(client):
    response = client.get(reverse("home"), secure=True)

    assert response.status_code == 200
    headers = response.headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    policy = headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_the_content_security_policy_allows_nothing_inline_and_no_other_host(client):
    response = client.get(reverse("home"), secure=True)

    csp = response.headers["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    # 'self', and a nonce when the page has a script that needs one.
    assert directives["script-src"][0] == "'self'"
    assert all(re.fullmatch(r"'nonce-[\w+/=-]+'", s) for s in directives["script-src"][1:])
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    # Only keywords, nonces and data: pictures: no host of any kind.
    for sources in directives.values():
        for source in sources:
            assert source.startswith("'") or source == "data:", source


def test_cookies_are_secure_and_out_of_reach_of_scripts(client, member):
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    login_page = client.get(reverse("account_login"), secure=True)
    csrf = login_page.cookies["csrftoken"]
    assert csrf["secure"]
    assert csrf["httponly"]
    assert csrf["samesite"] == "Lax"

    signed_in = client.post(
        reverse("account_login"),
        {"login": member.email, "password": "correct horse battery staple"},
        secure=True,
    )
    assert signed_in.status_code == 302
    session = signed_in.cookies["sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"


def test_plain_http_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(reverse("home"))

    assert response.status_code == 301
    assert response.url.startswith("https://")


# Markup a strict CSP blocks: inline scripts (other than JSON and JSON-LD data blocks), event
# handler attributes and style attributes.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)


def blocked_markup(html: str) -> list[str]:
    found = []
    for pattern in (INLINE_SCRIPT, HANDLER, STYLE_ATTRIBUTE):
        found += [match.group(0)[:120] for match in pattern.finditer(html)]
    return found


def test_admin_pages_work_under_the_content_security_policy(client, coordinator):
    practice = PracticeFactory()
    plan = ActionPlanFactory()
    client.force_login(coordinator)
    pages = [
        reverse("admin:index"),
        admin_url(Practice, "changelist"),
        admin_url(Practice, "change", practice.pk),
        admin_url(Practice, "add"),
        reverse("admin:toolkit_practice_history", args=[practice.pk]),
        reverse("admin:toolkit_practice_export"),
        reverse("admin:exchanges_actionplan_change", args=[plan.pk]),
        reverse("admin:exchanges_actionplan_history", args=[plan.pk]),
        reverse("admin:cities_organisation_delete", args=[plan.organisation.pk]),
    ]
    for url in pages:
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert blocked_markup(response.text) == [], url


def test_export_page_wires_select_all_from_a_file(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("admin:toolkit_practice_export"), secure=True)

    assert 'src="/static/ops/export_select_all.js"' in response.text
    assert 'id="select-all-toggle"' in response.text


@pytest.mark.parametrize(
    "name", ["account_login", "account_signup", "account_reset_password", "home"]
)
def test_account_and_public_pages_have_no_inline_script_or_style(client, name):
    response = client.get(reverse(name), secure=True)

    assert response.status_code == 200
    assert blocked_markup(response.text) == []
