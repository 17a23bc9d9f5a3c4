"""A mail server that is down costs the email, never the page or the change."""

import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from tests.factories import PracticeFactory
from toolkit.models import PracticeStatus
from values_portal.users.models import User

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]


class RefusingBackend(BaseEmailBackend):
    """A mailer whose server hangs up, as smtplib reports it."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def mail_server_down(settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}


def test_signing_up_while_the_mail_server_is_down_says_the_email_did_not_go(
    client, mail_server_down
):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "newcomer@example.org",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert User.objects.filter(email="newcomer@example.org").exists()
    assert "We could not send you an email just now" in response.text


def test_a_password_reset_while_the_mail_server_is_down_is_answered(
    client, member, mail_server_down
):
    response = client.post(reverse("account_reset_password"), {"email": member.email}, follow=True)

    assert response.status_code == 200
    assert "We could not send you an email just now" in response.text


def test_submitting_a_practice_while_the_mail_server_is_down_still_submits_it(
    client, turin, turin_editor, coordinator, mail_server_down
):
    practice = PracticeFactory(organisation=turin, status=PracticeStatus.DRAFT)
    client.force_login(turin_editor)

    response = client.post(reverse("workspace:practice_submit", kwargs={"pk": practice.pk}))

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.IN_REVIEW
