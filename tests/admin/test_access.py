import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from cities.models import Invitation
from tests.admin.cases import CASES, Case, admin_url
from toolkit.models import ProjectBenchmarking, ReviewNote
from values_portal.users.models import User

pytestmark = pytest.mark.django_db

ADMIN_APPS = ("cities", "exchanges", "toolkit", "users")


def portal_models() -> set:
    # History rows (django-simple-history) are read from each object's history page; the
    # search vectors and the stored counts are kept by PostgreSQL, nobody edits them.
    return {
        model
        for label in ADMIN_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
        and model.__name__
        not in ("PracticeSearchVectors", "PublishedFacetCount", "ProjectPracticeCount")
    }


def test_every_model_of_the_portal_is_registered_and_covered():
    models = portal_models()
    assert models <= set(admin.site._registry)
    assert {case.model for case in CASES} == models


@pytest.mark.parametrize("case", CASES, ids=str)
def test_changelist_lists_the_object_for_a_coordinator(client, coordinator, case: Case):
    case.make()
    client.force_login(coordinator)

    response = client.get(admin_url(case.model, "changelist"))

    assert response.status_code == 200
    assert case.shown in response.text
    assert response.context["cl"].result_count == case.model.objects.count()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_change_page_shows_the_object_to_a_coordinator(client, coordinator, case: Case):
    obj = case.make()
    client.force_login(coordinator)

    response = client.get(admin_url(case.model, "change", obj.pk))

    assert response.status_code == 200
    assert case.shown in response.text


# Accounts are made by signing up, review notes on the review page, projects in cities,
# invitations from "Invite people".
READ_ONLY = (User, ReviewNote, ProjectBenchmarking, Invitation)


@pytest.mark.parametrize("case", [c for c in CASES if c.model not in READ_ONLY], ids=str)
def test_add_page_renders_for_a_coordinator(client, coordinator, case: Case):
    client.force_login(coordinator)

    response = client.get(admin_url(case.model, "add"))

    assert response.status_code == 200
    assert "<form" in response.text
    assert response.context["adminform"].form.instance.pk is None


def test_coordinator_sees_users_read_only_and_cannot_add_them(client, coordinator):
    volunteer = next(c for c in CASES if c.model is User).make()
    client.force_login(coordinator)

    add = client.get(admin_url(User, "add"))
    change = client.get(admin_url(User, "change", volunteer.pk))

    assert add.status_code == 403
    assert change.status_code == 200
    assert change.context["has_change_permission"] is False
    assert 'name="is_superuser"' not in change.text


@pytest.mark.parametrize("case", CASES, ids=str)
def test_admin_pages_send_a_non_staff_user_to_the_login(client, member, case: Case):
    obj = case.make()
    client.force_login(member)

    for url in (
        admin_url(case.model, "changelist"),
        admin_url(case.model, "add"),
        admin_url(case.model, "change", obj.pk),
    ):
        response = client.get(url)

        assert response.status_code == 302, url
        assert response.url == redirect_to_login(url, login_url=reverse("admin:login")).url


def test_review_notes_are_read_only_in_the_admin(client, coordinator):
    note = next(c for c in CASES if c.model is ReviewNote).make()
    client.force_login(coordinator)

    add = client.get(admin_url(ReviewNote, "add"))
    change = client.get(admin_url(ReviewNote, "change", note.pk))

    assert add.status_code == 403
    assert change.status_code == 200
    assert change.context["has_change_permission"] is False
    assert 'name="comment"' not in change.text


def test_superuser_adds_a_user_who_logs_in_with_an_email(admin_client):
    response = admin_client.post(
        admin_url(User, "add"),
        {
            "email": "new.coordinator@example.org",
            "name": "New Coordinator",
            "usable_password": "true",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="new.coordinator@example.org")
    assert user.name == "New Coordinator"
    assert user.check_password("a long enough passphrase 42")


def test_superuser_sees_the_full_user_form(admin_client, coordinator):
    response = admin_client.get(admin_url(User, "change", coordinator.pk))

    assert response.status_code == 200
    for field in ("email", "name", "is_staff", "is_superuser", "groups"):
        assert f'name="{field}"' in response.text
    assert 'name="username"' not in response.text


def test_adding_an_email_that_differs_only_in_case_is_refused(admin_client, coordinator):
    response = admin_client.post(
        admin_url(User, "add"),
        {
            "email": "Coordinator@Example.org",
            "usable_password": "false",
            "_save": "Save",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert User.objects.filter(email__iexact="coordinator@example.org").count() == 1
