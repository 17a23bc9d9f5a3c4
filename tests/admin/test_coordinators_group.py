import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

migration = importlib.import_module("values_portal.users.migrations.0002_coordinator_group")
learning_loop = importlib.import_module(
    "values_portal.users.migrations.0003_coordinators_learning_loop"
)
history = importlib.import_module("values_portal.users.migrations.0004_coordinators_history")
transfers = importlib.import_module("exchanges.migrations.0007_transfer")
review_notes = importlib.import_module("toolkit.migrations.0008_reviewnote")
benchmarking = importlib.import_module("toolkit.migrations.0009_project_benchmarking")
invitations = importlib.import_module("cities.migrations.0007_invitation")
registrations = importlib.import_module("exchanges.migrations.0009_registration")
digests = importlib.import_module("follows.migrations.0002_coordinators_read_digests")


def group_permissions() -> set[str]:
    group = Group.objects.get(name="Coordinators")
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_coordinators_hold_exactly_the_listed_permissions():
    assert group_permissions() == (
        set(migration.COORDINATOR_PERMISSIONS)
        | set(learning_loop.ADDED_PERMISSIONS)
        | set(history.ADDED_PERMISSIONS)
        | set(transfers.ADDED_PERMISSIONS)
        | set(review_notes.ADDED_PERMISSIONS)
        | set(benchmarking.ADDED_PERMISSIONS)
        | set(invitations.ADDED_PERMISSIONS)
        | set(registrations.ADDED_PERMISSIONS)
        | set(digests.ADDED_PERMISSIONS)
    )


def test_coordinators_manage_every_model_of_the_portal_apps():
    expected = {
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for label in ("cities", "exchanges", "toolkit")
        for model in apps.get_app_config(label).get_models()
        # History, review notes and invitations are records of what happened: read only.
        # The search vectors and the stored counts are kept by PostgreSQL.
        if not model.__name__.startswith("Historical")
        and model.__name__
        not in (
            "ReviewNote",
            "Invitation",
            "PracticeSearchVectors",
            "PublishedFacetCount",
            "ProjectPracticeCount",
        )
        for action in ("view", "add", "change", "delete")
    }

    assert expected <= group_permissions()
    assert "toolkit.view_reviewnote" in group_permissions()


def test_coordinators_publish_and_look_people_up_but_cannot_change_accounts():
    permissions = group_permissions()

    assert {"toolkit.publish_practice", "exchanges.publish_actionplan"} <= permissions
    assert {p for p in permissions if p.startswith(("users.", "auth."))} == {"users.view_user"}


def test_coordinator_persona_has_the_group_permissions(coordinator):
    assert coordinator.has_perm("toolkit.publish_practice")
    assert coordinator.has_perm("cities.delete_organisation")
    assert not coordinator.has_perm("users.change_user")
    assert not coordinator.is_superuser
