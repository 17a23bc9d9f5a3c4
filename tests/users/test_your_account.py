import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.services import user_export_data
from cities.models import Membership, MembershipRole, Organisation
from exchanges.models import ActionPlanVersion
from tests.factories import (
    ActionPlanFactory,
    ActionPlanVersionFactory,
    MembershipFactory,
    PracticeFactory,
    TOTPAuthenticatorFactory,
)
from toolkit.models import Practice, ReviewDecision, ReviewNote
from values_portal.users.models import User

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]

PASSWORD = "correct horse battery staple"


def header(response) -> str:
    return response.text.split('<main id="main"', 1)[0]


def test_anonymous_visitors_see_sign_in_in_the_header(client):
    html = header(client.get(reverse("home")))

    assert "Sign in" in html
    assert "Sign out" not in html
    assert "Your account" not in html


def test_a_member_sees_their_account_and_sign_out_but_no_organisation_or_admin(client, member):
    client.force_login(member)

    html = header(client.get(reverse("home")))

    assert f'href="{reverse("accounts:account")}"' in html
    assert f'action="{reverse("account_logout")}"' in html
    assert "Sign out" in html
    assert reverse("workspace:dashboard") not in html
    assert reverse("admin:index") not in html


def test_an_editor_also_sees_my_organisation(client, turin_editor):
    client.force_login(turin_editor)

    html = header(client.get(reverse("home")))

    assert f'href="{reverse("workspace:dashboard")}"' in html
    assert reverse("admin:index") not in html


def test_a_coordinator_also_sees_the_admin(client, coordinator):
    client.force_login(coordinator)

    html = header(client.get(reverse("home")))

    assert f'href="{reverse("admin:index")}"' in html
    assert f'href="{reverse("workspace:coordination")}"' in html
    assert f'href="{reverse("workspace:dashboard")}"' not in html


def test_signing_out_is_a_post(client, member):
    client.force_login(member)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url_name", ["accounts:account", "accounts:export", "accounts:delete"])
def test_account_pages_send_anonymous_visitors_to_sign_in(client, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_account_page_lists_roles_and_links_to_email_password_and_two_factor(client, turin_editor):
    client.force_login(turin_editor)

    response = client.get(reverse("accounts:account"))

    html = response.text
    assert turin_editor.email in html
    assert "City of Turin" in html
    assert "Editor" in html
    for name in ("account_email", "account_change_password", "mfa_index", "accounts:export"):
        assert f'href="{reverse(name)}"' in html


def test_changing_your_name(client, member):
    client.force_login(member)

    response = client.post(reverse("accounts:account"), {"name": "Ada Lovelace"})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.name == "Ada Lovelace"


@pytest.fixture
def busy_editor(turin, turin_editor):
    """An editor who uploaded a plan version and, as a reviewer too, wrote a note."""
    EmailAddress.objects.create(
        user=turin_editor, email=turin_editor.email, verified=True, primary=True
    )
    TOTPAuthenticatorFactory(user=turin_editor)
    plan = ActionPlanFactory(organisation=turin, title="Turin plan")
    ActionPlanVersionFactory(plan=plan, version_label="v1", uploaded_by=turin_editor)
    practice = PracticeFactory(organisation=turin, title="Turin mentoring")
    ReviewNote.objects.create(
        practice=practice,
        author=turin_editor,
        decision=ReviewDecision.SENT_BACK,
        comment="Add the contact.",
    )
    return turin_editor


def test_export_holds_account_memberships_uploads_and_notes_but_no_secrets(client, busy_editor):
    client.force_login(busy_editor)

    response = client.get(reverse("accounts:export"))

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == busy_editor.email
    assert data["email_addresses"] == [
        {"email": busy_editor.email, "verified": True, "primary": True}
    ]
    assert data["memberships"][0]["organisation"] == "City of Turin"
    assert data["memberships"][0]["role"] == "editor"
    assert [u["version"] for u in data["uploads"]] == ["v1"]
    assert data["uploads"][0]["action_plan"] == "Turin plan"
    assert data["review_notes"][0]["comment"] == "Add the contact."
    assert [a["type"] for a in data["two_factor"]] == ["totp"]
    text = response.content.decode()
    assert busy_editor.password not in text
    assert "secret" not in text


def test_export_is_only_ever_your_own(client, busy_editor, bristol_editor):
    client.force_login(bristol_editor)

    data = json.loads(client.get(reverse("accounts:export")).content)

    assert data["account"]["email"] == bristol_editor.email
    assert data["uploads"] == []
    assert data["review_notes"] == []
    assert data == {**user_export_data(user=bristol_editor), "exported_at": data["exported_at"]}


def test_deleting_needs_your_password_and_keeps_everything_on_a_wrong_one(client, busy_editor):
    client.force_login(busy_editor)

    response = client.post(reverse("accounts:delete"), {"password": "guess", "confirm": "on"})

    assert response.status_code == 200
    assert "That is not your password" in response.text
    assert 'class="error-summary"' in response.text
    assert User.objects.filter(pk=busy_editor.pk).exists()
    assert client.session["_auth_user_id"] == str(busy_editor.pk)


def test_deleting_your_account_removes_personal_data_and_keeps_the_organisations_content(
    client, busy_editor, turin
):
    user_pk = busy_editor.pk
    client.force_login(busy_editor)

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(pk=user_pk).exists()
    assert not Membership.objects.filter(user_id=user_pk).exists()
    assert not EmailAddress.objects.filter(user_id=user_pk).exists()
    assert not Authenticator.objects.filter(user_id=user_pk).exists()
    # The organisation's content stays, attributed to the organisation alone.
    assert Organisation.objects.filter(pk=turin.pk).exists()
    version = ActionPlanVersion.objects.get(version_label="v1")
    assert version.uploaded_by is None
    assert version.plan.organisation == turin
    assert version.file.read().startswith(b"%PDF")
    assert Practice.objects.filter(title="Turin mentoring", organisation=turin).exists()
    note = ReviewNote.objects.get()
    assert note.author is None
    assert note.comment == "Add the contact."
    follow = client.get(response.url)
    assert "Your account has been deleted" in follow.text


def test_deleting_one_editor_leaves_the_other_editors_membership(client, busy_editor, turin):
    other = MembershipFactory(organisation=turin, role=MembershipRole.EDITOR).user
    client.force_login(busy_editor)

    client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})

    assert Organisation.objects.editable_by(other).get() == turin
