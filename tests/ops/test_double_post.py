"""A form posted twice at once creates one object, and the second post gets an answer.

Two threads post at the same moment on PostgreSQL. A barrier holds both
requests after the form has checked for a duplicate and before either one
writes, so that the race happens every time, not once in a while.
"""

import threading

import pytest
from allauth.account.forms import SignupForm
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from exchanges.models import ActionPlanVersion
from tests.factories import PDF_BYTES, ActionPlanFactory, ActionPlanVersionFactory
from tests.workspace import uploads
from values_portal.users.models import User
from workspace.forms import ActionPlanVersionForm

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two real connections need PostgreSQL"
)
# Real commits from two connections; the flush afterwards restores what migrations made.
race = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def post_together(requests, monkeypatch, form_class, method_name):
    """Run each ``(client, url, data)`` in its own thread, released together."""
    barrier = threading.Barrier(len(requests), timeout=20)
    original = getattr(form_class, method_name)

    def held(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        barrier.wait()  # both requests have passed the duplicate check
        return result

    monkeypatch.setattr(form_class, method_name, held)
    responses = [None] * len(requests)

    def run(index, client, url, data):
        try:
            responses[index] = client.post(url, data)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, *request))
        for index, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def race_plan_version(monkeypatch, turin, turin_editor):
    plan = ActionPlanFactory(organisation=turin)
    clients = [Client(raise_request_exception=False) for _ in range(2)]
    for client in clients:
        client.force_login(turin_editor)
    url = reverse("workspace:plan_version_create", kwargs={"pk": plan.pk})
    requests = [
        (client, url, {"version_label": "2.0", "file": uploads.upload("plan.pdf", PDF_BYTES)})
        for client in clients
    ]
    responses = post_together(requests, monkeypatch, ActionPlanVersionForm, "clean_version_label")
    return plan, responses


def race_sign_up(monkeypatch):
    clients = [Client(raise_request_exception=False) for _ in range(2)]
    data = {
        "email": "twice@example.org",
        "password1": "a long and unusual passphrase",
        "password2": "a long and unusual passphrase",
    }
    requests = [(client, reverse("account_signup"), data) for client in clients]
    return post_together(requests, monkeypatch, SignupForm, "clean_email")


@needs_postgresql
@race
def test_a_plan_version_posted_twice_at_once_is_stored_once(monkeypatch, turin, turin_editor):
    plan, _responses = race_plan_version(monkeypatch, turin, turin_editor)

    assert ActionPlanVersion.objects.filter(plan=plan, version_label="2.0").count() == 1


@needs_postgresql
@race
def test_the_second_plan_version_post_gets_a_form_error_and_leaves_no_file(
    monkeypatch, settings, turin, turin_editor
):
    _plan, responses = race_plan_version(monkeypatch, turin, turin_editor)

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 302], statuses
    refused = next(response for response in responses if response.status_code == 200)
    assert "already has a version" in refused.text
    assert len(list((settings.MEDIA_ROOT / "action-plans").iterdir())) == 1


@needs_postgresql
@race
def test_a_sign_up_posted_twice_at_once_makes_one_account(monkeypatch):
    race_sign_up(monkeypatch)

    assert User.objects.filter(email="twice@example.org").count() == 1


@needs_postgresql
@race
def test_the_second_sign_up_gets_the_usual_answer(monkeypatch):
    responses = race_sign_up(monkeypatch)

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [302, 302], statuses


@pytest.mark.django_db
def test_the_database_itself_refuses_a_duplicate_version():
    version = ActionPlanVersionFactory(version_label="1.0")

    with pytest.raises(IntegrityError), transaction.atomic():
        ActionPlanVersion.objects.create(
            plan=version.plan, version_label="1.0", file=uploads.upload("a.pdf", PDF_BYTES)
        )


@pytest.mark.django_db
def test_the_database_itself_refuses_a_second_account_with_the_same_email():
    User.objects.create_user(email="once@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="once@example.org")
