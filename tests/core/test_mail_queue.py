"""Mail about a change goes through the task queue, never the request's own time."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from core.mail import deliver_mail
from tests.factories import MembershipFactory, PracticeFactory
from toolkit.models import PracticeStatus

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_review_notice_is_queued_not_sent_inside_the_request(
    client, dummy_tasks, turin, turin_editor, coordinator
):
    practice = PracticeFactory(organisation=turin, status=PracticeStatus.DRAFT, published_at=None)
    client.force_login(turin_editor)

    response = client.post(reverse("workspace:practice_submit", kwargs={"pk": practice.pk}))

    assert response.status_code == 302
    assert mail.outbox == []
    [queued] = dummy_tasks.results
    assert queued.task == deliver_mail
    assert queued.kwargs["to"] == coordinator.email
    assert practice.title in queued.kwargs["subject"]


def test_a_membership_mail_is_queued(client, dummy_tasks, turin, turin_editor, signed_up):
    membership = MembershipFactory(user=signed_up, organisation=turin, status="requested")
    client.force_login(turin_editor)

    client.post(
        reverse("workspace:membership", kwargs={"pk": membership.pk}), {"action": "confirm"}
    )

    assert mail.outbox == []
    assert [r.kwargs["to"] for r in dummy_tasks.results] == [signed_up.email]


def test_a_refused_mail_is_retried_later_with_backoff(settings, dummy_tasks):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}

    assert deliver_mail.call(subject="Hello", body="Text", to="a@example.org") is False

    [retry] = dummy_tasks.results
    assert retry.kwargs["attempt"] == 2
    assert retry.task.run_after is not None


def test_the_last_attempt_raises_so_the_queue_records_the_failure(settings, dummy_tasks):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}

    with pytest.raises(smtplib.SMTPServerDisconnected):
        deliver_mail.call(
            subject="Hello", body="Text", to="a@example.org", attempt=settings.MAIL_MAX_ATTEMPTS
        )
    assert dummy_tasks.results == []


def test_with_the_immediate_backend_a_server_down_costs_the_mail_not_the_page(
    client, settings, turin, turin_editor, coordinator
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    practice = PracticeFactory(organisation=turin, status=PracticeStatus.DRAFT, published_at=None)
    client.force_login(turin_editor)

    response = client.post(reverse("workspace:practice_submit", kwargs={"pk": practice.pk}))

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.IN_REVIEW
