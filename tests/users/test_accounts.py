import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from values_portal.users.models import User

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's password


def signup(client, **extra):
    return client.post(
        reverse("account_signup"),
        {
            "email": "newcomer@example.org",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
            **extra,
        },
    )


def test_signup_sends_a_verification_email_and_does_not_sign_in(client):
    response = signup(client)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="newcomer@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["newcomer@example.org"]
    assert "_auth_user_id" not in client.session


def test_confirming_the_email_signs_the_newcomer_in(client):
    signup(client)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]

    client.post(path)

    user = User.objects.get(email="newcomer@example.org")
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_unverified_account_cannot_sign_in(client):
    signup(client)
    mail.outbox.clear()

    response = client.post(
        reverse("account_login"),
        {"login": "newcomer@example.org", "password": "a long passphrase 42"},
    )

    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert mail.outbox == []  # not sent again within allauth's three-minute cooldown


def test_signup_with_an_email_already_in_use_creates_no_second_account(client, member):
    response = signup(client, email="MEMBER@example.org")

    assert User.objects.filter(email__iexact="member@example.org").count() == 1
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)


def test_signup_form_hides_its_honeypot_without_an_inline_style(client):
    response = client.get(reverse("account_signup"))

    html = response.text
    assert re.search(r'<div class="honeypot" hidden>.*name="contact_number"', html, re.S)
    assert "style=" not in html


def test_a_bot_filling_the_honeypot_gets_no_account(client):
    response = signup(client, contact_number="+39 011 000000")

    assert response.status_code == 302
    assert not User.objects.filter(email="newcomer@example.org").exists()
    assert mail.outbox == []


def test_member_with_a_verified_email_signs_in_and_lands_on_their_account(client, member, verified):
    verified(member)

    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("accounts:account")
    assert client.session["_auth_user_id"] == str(member.pk)


def test_wrong_password_shows_an_error_summary_tied_to_the_form(client, member, verified):
    verified(member)

    response = client.post(reverse("account_login"), {"login": member.email, "password": "nope"})

    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert "The email address and/or password you specified are not correct." in response.text


def test_five_wrong_passwords_lock_the_login_with_a_clear_message(client, member, verified):
    verified(member)
    url = reverse("account_login")
    for _attempt in range(5):
        client.post(url, {"login": member.email, "password": "wrong"})

    response = client.post(url, {"login": member.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.text
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link(client, member, verified):
    verified(member)

    response = client.post(reverse("account_reset_password"), {"email": member.email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_allauth_pages_use_the_portal_layout(client):
    response = client.get(reverse("account_login"))

    html = response.text
    assert '<html lang="en">' in html
    assert 'class="site-header"' in html
    assert "css/workspace.css" in html
    assert '<label for="id_login">' in html
    assert "<title>" in html
    assert "Sign in" in html.split("</title>")[0]


def test_field_errors_are_tied_to_their_control(client):
    response = client.post(reverse("account_signup"), {"email": "not-an-email"})

    html = response.text
    assert 'id="id_email_error"' in html
    assert re.search(
        r'<input[^>]*aria-describedby="[^"]*id_email_error[^"]*"[^>]*id="id_email"', html
    ) or re.search(r'<input[^>]*id="id_email"[^>]*aria-describedby="[^"]*id_email_error', html)
    assert '<a href="#id_email">' in html  # the summary links to the field


def test_account_pages_of_allauth_lead_back_to_your_account(client, member):
    client.force_login(member)

    response = client.get(reverse("account_change_password"))

    assert response.status_code == 200
    assert f'href="{reverse("accounts:account")}"' in response.text


def test_changing_your_email_takes_effect_once_the_new_address_is_confirmed(
    client, member, verified
):
    verified(member)
    client.force_login(member)

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "new.address@example.org"}
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "member@example.org"  # not before the link is followed
    assert mail.outbox[-1].to == ["new.address@example.org"]
    link = re.search(r"https?://testserver(/\S+/confirm-email/\S+/)", mail.outbox[-1].body)
    client.post(link.group(1))
    member.refresh_from_db()
    assert member.email == "new.address@example.org"
    assert list(EmailAddress.objects.filter(user=member).values_list("email", flat=True)) == [
        "new.address@example.org"
    ]


def test_changing_your_password(client, member):
    client.force_login(member)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a new long passphrase 7",
            "password2": "a new long passphrase 7",
        },
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("a new long passphrase 7")


def test_signing_up_with_a_known_address_hashes_a_password_too(client, member, monkeypatch):
    """The same slow step runs either way, so the timing tells nothing about the address."""
    from django.contrib.auth import hashers

    hashed = []
    real = hashers.make_password

    def counting(password, *args, **kwargs):
        hashed.append(password)
        return real(password, *args, **kwargs)

    monkeypatch.setattr(hashers, "make_password", counting)
    monkeypatch.setattr("django.contrib.auth.base_user.make_password", counting)
    monkeypatch.setattr("values_portal.users.forms.make_password", counting)
    for email in ("member@example.org", "someone.new@example.org"):
        client.post(
            reverse("account_signup"),
            {
                "email": email,
                "password1": "a long enough passphrase 42",
                "password2": "a long enough passphrase 42",
            },
        )

    assert hashed.count("a long enough passphrase 42") == 2


def test_sessions_of_coordinators_and_editors_end_when_idle(client, settings, turin_editor):
    settings.STAFF_SESSION_IDLE_SECONDS = 3600
    client.force_login(turin_editor)  # sends user_logged_in, as signing in does

    client.get(reverse("accounts:account"))

    assert client.session.get_expiry_age() == 3600


def test_everybody_else_signs_in_again_after_fourteen_days_at_most(client, settings, member):
    client.force_login(member)

    client.get(reverse("accounts:account"))

    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE <= 14 * 24 * 3600
