import io
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
)
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from tests.authenticator import current_code
from tests.factories import TOTP_SECRET, PracticeFactory, TOTPAuthenticatorFactory, UserFactory
from toolkit.models import PracticeStatus

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]


def sign_in(client, user, verified) -> None:
    """Sign in through allauth's form: its set-up pages want a recent real sign-in."""
    verified(user)
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("url_name", ["admin:index", "admin:toolkit_practice_changelist"])
def test_coordinator_without_an_authenticator_is_sent_to_set_one_up(
    client, coordinator_without_two_factor, url_name, verified
):
    sign_in(client, coordinator_without_two_factor, verified)

    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    # The password was typed moments ago: the set-up does not ask for it again.
    follow = client.get(response.url)
    assert follow.status_code == 200
    assert 'class="qr-code"' in follow.text
    assert "authenticator app before they use the administration" in follow.text


def test_set_up_asks_the_password_again_when_the_sign_in_is_not_recent(
    client, coordinator_without_two_factor, verified, settings
):
    sign_in(client, coordinator_without_two_factor, verified)
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0

    response = client.get(reverse("mfa_activate_totp"))

    assert response.url.startswith(reverse("account_reauthenticate"))


def test_removing_the_authenticator_still_asks_the_password_again(client, member, verified):
    TOTPAuthenticatorFactory(user=member)
    sign_in(client, member, verified)
    client.post(reverse("mfa_authenticate"), {"code": current_code(TOTP_SECRET)})

    response = client.get(reverse("mfa_deactivate_totp"))

    assert response.url.startswith(reverse("account_reauthenticate"))


def test_first_sign_in_with_set_up_ends_where_the_coordinator_was_going(
    client, coordinator_without_two_factor, verified
):
    destination = reverse("workspace:coordination")
    response = client.get(destination)
    assert response.url.startswith(reverse("account_login"))
    verified(coordinator_without_two_factor)
    response = client.post(
        reverse("account_login"),
        {
            "login": coordinator_without_two_factor.email,
            "password": "correct horse battery staple",
            "next": destination,
        },
    )
    assert response.url == destination
    response = client.get(destination)
    assert response.url == reverse("mfa_activate_totp")
    client.get(response.url)
    secret = client.session[SECRET_SESSION_KEY]

    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    codes = client.get(response.url)

    assert f'<a class="button" href="{destination}">Continue</a>' in codes.text
    assert client.get(destination).status_code == 200


def test_coordinator_with_an_authenticator_reaches_the_admin(
    client, coordinator_without_two_factor
):
    TOTPAuthenticatorFactory(user=coordinator_without_two_factor)
    client.force_login(coordinator_without_two_factor)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert "administration" in response.text
    assert 'id="site-name"' in response.text


def test_the_coordinator_persona_reaches_the_admin(client, coordinator):
    client.force_login(coordinator)

    assert client.get(reverse("admin:index")).status_code == 200


def test_review_pages_also_need_the_authenticator(client, coordinator_without_two_factor):
    practice = PracticeFactory(status=PracticeStatus.IN_REVIEW, published_at=None)
    client.force_login(coordinator_without_two_factor)

    for url in (reverse("workspace:review_list"), reverse("workspace:review", args=[practice.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")


def test_a_member_is_not_asked_for_two_factor_but_kept_out_of_the_admin(client, member):
    client.force_login(member)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert client.get(reverse("accounts:account")).status_code == 200


def test_staff_without_an_authenticator_may_still_sign_out_of_the_admin(
    client, coordinator_without_two_factor
):
    client.force_login(coordinator_without_two_factor)

    response = client.post(reverse("admin:logout"))

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_two_factor_is_offered_to_every_member(client, member, verified):
    sign_in(client, member, verified)
    client.post(reverse("account_reauthenticate"), {"password": "correct horse battery staple"})

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 200
    assert 'class="qr-code"' in response.text
    assert not Authenticator.objects.filter(user=member).exists()


def test_demo_coordinator_signs_in_sets_up_totp_and_reaches_the_admin(client, settings):
    """The path `make run` prints: sign in, confirm the email, set up the app, use the admin."""
    settings.DEBUG = True  # demo_coordinator refuses to run otherwise
    out = io.StringIO()
    call_command("demo_coordinator", stdout=out)
    email = re.search(r"Email:\s+(\S+)", out.getvalue()).group(1)
    password = re.search(r"Password:\s+(\S+)", out.getvalue()).group(1)
    settings.DEBUG = False

    # The admin's login hands over to allauth's (rate limits, two-factor).
    response = client.get(reverse("admin:index"))
    assert response.url.startswith(reverse("admin:login"))
    assert client.get(response.url).url.startswith(reverse("account_login"))

    response = client.post(
        reverse("account_login"),
        {"login": email, "password": password, "next": reverse("admin:index")},
    )
    if response.url == reverse("account_email_verification_sent"):
        # The demo account's address is not verified yet: confirm it from the email
        # that the console mailer prints in development.
        link = re.search(r"https?://testserver(/\S+/confirm-email/\S+/)", mail.outbox[-1].body)
        response = client.post(link.group(1))
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")

    response = client.get(reverse("admin:index"))
    assert response.url == reverse("mfa_activate_totp")
    page = client.get(response.url)  # no second password: the sign-in was just now
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    codes = client.get(response.url)  # the recovery codes, shown once set up
    assert codes.status_code == 200
    assert "Recovery Codes" in codes.text
    assert f'href="{reverse("admin:index")}">Continue</a>' in codes.text
    assert Authenticator.objects.filter(user__email=email, type="totp").exists()

    assert client.get(reverse("admin:index")).status_code == 200

    # From now on signing in asks for a code from the app.
    client.post(reverse("account_logout"))
    cache.clear()  # a TOTP code is accepted once; let the test reuse the current one
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert 'name="code"' in client.get(response.url).text
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_sign_in_asks_for_the_code_when_an_authenticator_is_set_up(client, verified):
    user = verified(UserFactory(email="careful@example.org"))
    TOTPAuthenticatorFactory(user=user)

    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "correct horse battery staple"},
    )
    assert response.url == reverse("mfa_authenticate")
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    client.post(reverse("mfa_authenticate"), {"code": current_code(TOTP_SECRET)})

    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_coordinator_signing_in_without_a_destination_starts_on_the_coordination_page(
    client, coordinator, verified
):
    verified(coordinator)  # the persona has an authenticator app (TOTP_SECRET)
    coordinator.set_password("correct horse battery staple")
    coordinator.save()
    client.post(
        reverse("account_login"),
        {"login": coordinator.email, "password": "correct horse battery staple"},
    )

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(TOTP_SECRET)})

    assert response.url == reverse("workspace:coordination")


def test_a_member_signing_in_without_a_destination_does_not(client, member, verified):
    verified(member)

    response = client.post(
        reverse("account_login"),
        {"login": member.email, "password": "correct horse battery staple"},
    )

    assert response.status_code == 302
    assert response.url != reverse("workspace:coordination")
