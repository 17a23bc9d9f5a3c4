import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from cities.models import Membership, MembershipRole

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("demo_people", stdout=out)
    return out.getvalue()


def passwords(output: str) -> dict[str, str]:
    return dict(re.findall(r"Email:\s+(\S+)\s+Password:\s+(\S+)", output))


def test_demo_people_refuses_when_debug_is_off(settings, turin):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="refusing: DEBUG is off"):
        run()

    assert not get_user_model().objects.filter(email__endswith="@values.example").exists()


def test_demo_people_makes_a_member_an_editor_and_a_coordinator_who_can_sign_in(
    settings, turin, client
):
    settings.DEBUG = True

    output = run()

    logins = passwords(output)
    assert set(logins) == {
        "member@values.example",
        "editor@values.example",
        "coordinator@values.example",
    }
    assert "authenticator app" in output
    roles = dict(Membership.objects.filter(organisation=turin).values_list("user__email", "role"))
    assert roles == {
        "member@values.example": MembershipRole.MEMBER,
        "editor@values.example": MembershipRole.EDITOR,
    }
    coordinator = get_user_model().objects.get(email="coordinator@values.example")
    assert coordinator.is_staff
    assert coordinator.groups.filter(name="Coordinators").exists()
    for email, password in logins.items():
        response = client.post(reverse("account_login"), {"login": email, "password": password})
        assert response.status_code == 302, email
        client.logout()


def test_demo_people_again_gives_new_passwords_to_the_same_people(settings, turin):
    settings.DEBUG = True

    first, second = passwords(run()), passwords(run())

    assert first.keys() == second.keys()
    assert all(first[email] != second[email] for email in first)
    assert get_user_model().objects.filter(email__endswith="@values.example").count() == 3
