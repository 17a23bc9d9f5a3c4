"""Reporting an accessibility problem: mailed to the operator, the person always thanked."""

import logging
import smtplib

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from network.views import ACCESSIBILITY_REPORTS_PER_HOUR

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]

REPORT = reverse("network:accessibility_report")
SENT = reverse("network:accessibility_report_sent")
VALID = {
    "name": "Ada",
    "email": "ada@example.org",
    "page": "https://values.example.eu/en/toolkit/",
    "description": "The filters cannot be opened with the keyboard.",
}


class RefusingBackend(BaseEmailBackend):
    """A mailer whose server hangs up, as smtplib reports it."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture(autouse=True)
def _operator(settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "accessibility@values.example.eu"
    cache.clear()  # the rate limit counts in the cache


def test_a_report_is_mailed_to_the_operator_and_the_person_thanked(client):
    response = client.post(REPORT, VALID, follow=True)

    assert response.redirect_chain == [(SENT, 302)]
    assert "Thank you: your report was sent" in response.text
    (message,) = mail.outbox
    assert message.to == ["accessibility@values.example.eu"]
    assert message.reply_to == ["ada@example.org"]
    assert "https://values.example.eu/en/toolkit/" in message.subject
    assert "The filters cannot be opened with the keyboard." in message.body
    assert "Ada" in message.body


def test_name_and_email_are_optional(client):
    response = client.post(REPORT, {**VALID, "name": "", "email": ""})

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.reply_to == []


def test_an_incomplete_report_comes_back_with_its_errors_and_nothing_is_sent(client):
    response = client.post(REPORT, {**VALID, "description": "", "email": "not an address"})

    assert response.status_code == 200
    assert not mail.outbox
    html = response.text
    assert html.startswith("<!DOCTYPE html>")
    assert '<div class="error-summary" role="alert"' in html
    assert 'href="#id_description">Description of the problem: This field is required.' in html
    assert 'href="#id_email">' in html
    assert "<title>Error: Report an accessibility problem" in html
    # What the person wrote is kept.
    assert 'value="https://values.example.eu/en/toolkit/"' in html


def test_a_mail_server_that_is_down_is_logged_and_the_person_still_thanked(
    client, settings, caplog
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}

    with caplog.at_level(logging.ERROR):
        response = client.post(REPORT, VALID, follow=True)

    assert response.redirect_chain == [(SENT, 302)]
    assert "Thank you: your report was sent" in response.text
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Could not send the accessibility_report email" in logged
    # The report itself is in the log, so that it is not lost.
    assert "The filters cannot be opened with the keyboard." in logged


def test_without_an_address_to_send_to_the_report_is_logged(client, settings, caplog):
    settings.ACCESSIBILITY_CONTACT_EMAIL = ""

    with caplog.at_level(logging.ERROR):
        response = client.post(REPORT, VALID)

    assert response.status_code == 302
    assert not mail.outbox
    assert "ACCESSIBILITY_CONTACT_EMAIL: not set" in caplog.text


def test_one_address_may_send_only_a_few_reports_an_hour(client):
    for _ in range(ACCESSIBILITY_REPORTS_PER_HOUR):
        assert client.post(REPORT, VALID).status_code == 302

    response = client.post(REPORT, VALID)

    assert response.status_code == 429
    assert "Please wait an hour" in response.text
    assert len(mail.outbox) == ACCESSIBILITY_REPORTS_PER_HOUR


def test_the_form_starts_from_the_page_the_person_came_from(client):
    response = client.get(REPORT, {"page": "https://values.example.eu/en/partners/"})

    html = response.text
    assert 'value="https://values.example.eu/en/partners/"' in html
    assert 'autocomplete="name"' in html
    assert 'autocomplete="email"' in html


def test_the_statement_and_every_footer_link_to_the_form(client, settings):
    statement = client.get(reverse("accessibility")).text
    home = client.get(reverse("home")).text

    assert f'href="{REPORT}"' in statement
    assert 'href="mailto:accessibility@values.example.eu"' in statement
    assert f'href="{REPORT}?page=http%3A//testserver/en/"' in home


def test_the_form_is_in_italian_too(client):
    response = client.get(reverse("network:accessibility_report").replace("/en/", "/it/"))

    assert response.status_code == 200
    assert '<html lang="it">' in response.text
