"""The sign-in, sign-up and password pages and mails speak as the portal, under its name."""

import io
import re

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation

from core.mail import ConsoleBackend

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]


def signup(client, language="en"):
    with translation.override(language):
        url = reverse("account_signup")
    return client.post(
        url,
        {
            "email": "newcomer@example.org",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        },
    )


def test_the_sign_in_page_says_sign_in_and_keeps_no_colons(client):
    html = client.get(reverse("account_login")).text

    assert "Sign In" not in html
    assert "Remember Me" not in html
    assert "<h1>Sign in</h1>" in html
    assert '<label for="id_remember">Keep me signed in on this device</label>' in html
    assert "Email address:" not in html
    assert 'href="/en/accounts/signup/"' in html


def test_the_pages_use_the_portal_name_from_the_setting(client, settings):
    settings.PORTAL_NAME = "Welcoming Cities"

    html = client.get(reverse("account_signup")).text

    assert "An account on the Welcoming Cities" in html


def test_the_confirmation_mail_names_the_portal_not_the_host(client, settings):
    settings.PORTAL_NAME = "Welcoming Cities"
    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Welcoming Cities] "

    signup(client)

    message = mail.outbox[0]
    assert message.subject == "[Welcoming Cities] Confirm your email address"
    assert "Hello from" not in message.body
    assert "testserver!" not in message.body
    assert "The Welcoming Cities team" in message.body
    assert re.search(r"^https?://testserver/en/accounts/confirm-email/\S+/$", message.body, re.M)


def test_the_confirmation_mail_is_in_italian_for_an_italian_sign_up(client):
    signup(client, "it")

    message = mail.outbox[0]
    assert message.subject == "[VALUES Portal] Conferma il tuo indirizzo email"
    assert message.body.startswith("Buongiorno,")


def test_the_development_mailer_prints_links_whole():
    link = "http://127.0.0.1:8101/en/accounts/confirm-email/" + "Mg:1vQx" * 20 + "/"
    stream = io.StringIO()
    message = EmailMessage(subject="Confirm", body=f"Hello,\n\n{link}\n", to=["a@example.org"])

    ConsoleBackend(stream=stream).send_messages([message])

    printed = stream.getvalue()
    assert f"\n{link}\n" in printed
    assert "Subject: Confirm" in printed
    assert "=\n" not in printed


def test_the_signed_in_message_is_not_allauths(client, member, verified):
    verified(member)

    with translation.override("it"):
        url = reverse("account_login")
    response = client.post(
        url,
        {"login": member.email, "password": "correct horse battery staple"},
        follow=True,
    )

    assert "Hai effettuato l\u2019accesso come" in response.text
    assert "Ti sei collegato" not in response.text


def test_the_email_page_speaks_plainly(client, member, verified):
    verified(member)
    client.force_login(member)

    html = client.get(reverse("account_email")).text

    assert "<h1>" in html
    assert "Your email address" in html
    assert "Change the address" in html
    assert "Email Address" not in html
    assert "Change Email" not in html
