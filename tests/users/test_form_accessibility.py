"""Account forms: errors in the title, personal fields with their purpose, a copyable secret."""

import re

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.urls import reverse

from tests.factories import OrganisationFactory, ParticipationFactory

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]


def test_a_failed_sign_in_is_titled_error_with_the_summary_at_the_top(client, member, verified):
    verified(member)

    html = client.post(
        reverse("account_login"), {"login": member.email, "password": "not the password"}
    ).text

    assert re.search(r"<title>Error: \s*Sign in", html)
    assert '<div class="error-summary" role="alert" aria-labelledby="error-summary-title"' in html


def test_a_page_without_errors_keeps_its_title(client):
    html = client.get(reverse("account_login")).text

    assert "<title>Error:" not in html


def test_the_title_says_error_in_italian(client, member, verified):
    verified(member)
    with_prefix = reverse("account_login").replace("/en/", "/it/")

    html = client.post(with_prefix, {"login": member.email, "password": "wrong"}).text

    assert "<title>Errore: " in html


def test_personal_fields_say_their_purpose(client, member, verified):
    ParticipationFactory(organisation=OrganisationFactory(slug="riga"))
    client.force_login(member)

    account = client.get(reverse("accounts:account")).text
    email = client.get(reverse("account_email")).text

    assert re.search(r'<input type="text" name="name"[^>]*autocomplete="name"', account)
    assert re.search(r'<select name="organisation"[^>]*autocomplete="organization"', account)
    assert re.search(r'<input type="email" name="email"[^>]*autocomplete="email"', email)


def test_the_authenticator_secret_is_text_to_copy(client, member, verified):
    verified(member)
    client.force_login(member)
    # allauth asks for the password once more before adding an authenticator.
    reauthenticate = client.get(reverse("mfa_activate_totp")).url
    client.post(reauthenticate, {"password": "correct horse battery staple"})

    html = client.get(reverse("mfa_activate_totp")).text

    secret = client.session[SECRET_SESSION_KEY]
    assert f'<code class="secret__value" id="authenticator_secret">{secret}</code>' in html
    assert 'id="authenticator_secret" type' not in html  # no (disabled) input any more
    assert "disabled" not in html
