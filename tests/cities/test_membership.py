"""Members-only means staff of a partner: membership asked for, confirmed, and enforced."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse

from cities.models import Membership, MembershipRole, MembershipStatus, is_member
from cities.services import LastEditorError, membership_remove
from core.models import Visibility
from tests.factories import (
    ActionPlanFactory,
    ActionPlanVersionFactory,
    MembershipFactory,
    ParticipationFactory,
    PracticeFactory,
    ResourceFactory,
    UserFactory,
    VisitDocumentFactory,
)
from toolkit.models import PracticeStatus

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% members only\n%%EOF\n"


@pytest.fixture
def files(turin):
    """One members-only file of each kind: a plan version, a resource, a visit document."""
    plan = ActionPlanFactory(organisation=turin, slug="turin-plan", visibility=Visibility.MEMBERS)
    version = ActionPlanVersionFactory(plan=plan, file=ContentFile(PDF, name="plan.pdf"))
    practice = PracticeFactory(slug="buddies", status=PracticeStatus.PUBLISHED)
    resource = ResourceFactory(
        practice=practice, visibility=Visibility.MEMBERS, file=ContentFile(PDF, name="r.pdf")
    )
    document = VisitDocumentFactory(
        visibility=Visibility.MEMBERS, file=ContentFile(PDF, name="agenda.pdf")
    )
    return {
        "plan": reverse("exchanges:plan_download", kwargs={"slug": plan.slug, "pk": version.pk}),
        "resource": reverse(
            "toolkit:resource_download", kwargs={"slug": practice.slug, "pk": resource.pk}
        ),
        "document": reverse(
            "exchanges:document_download",
            kwargs={"slug": document.visit.slug, "pk": document.pk},
        ),
    }


# What each persona gets for each members-only file: 200 the file, 403 the page explaining
# how to get it (sign in or create an account, or ask to join an organisation).
EXPECTED = {
    "anonymous": {"plan": 403, "resource": 403, "document": 403},
    "signed_up": {"plan": 403, "resource": 403, "document": 403},
    "member": {"plan": 200, "resource": 200, "document": 200},
    "turin_editor": {"plan": 200, "resource": 200, "document": 200},
    "bristol_editor": {"plan": 200, "resource": 200, "document": 200},
    "coordinator": {"plan": 200, "resource": 200, "document": 200},
}


@pytest.mark.parametrize("persona", EXPECTED)
def test_members_only_files_by_persona(client, request, files, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    got = {kind: client.get(url).status_code for kind, url in files.items()}

    assert got == EXPECTED[persona]


def test_members_only_files_are_never_cached(client, member, files):
    client.force_login(member)

    for url in files.values():
        assert client.get(url)["Cache-Control"] == "private, no-store"


def test_a_signed_up_person_is_told_how_to_join(client, signed_up, files):
    client.force_login(signed_up)

    response = client.get(files["resource"])

    assert response.status_code == 403
    assert "Ask to join your organisation" in response.text
    assert PDF not in response.content


def test_signing_up_alone_makes_nobody_a_member(signed_up, member, coordinator):
    assert not is_member(AnonymousUser())
    assert not is_member(signed_up)
    assert is_member(member)
    assert is_member(coordinator)


def test_asking_to_join_tells_the_editors_and_waits_for_them(
    client, signed_up, turin, turin_editor, files
):
    ParticipationFactory(organisation=turin)
    client.force_login(signed_up)

    response = client.post(reverse("accounts:join"), {"organisation": "turin"})

    assert response.status_code == 302
    membership = Membership.objects.get(user=signed_up, organisation=turin)
    assert membership.status == MembershipStatus.REQUESTED
    assert [m.to for m in mail.outbox] == [["editor@turin.example.org"]]
    # Waiting is not membership.
    signed_up.refresh_from_db()
    assert client.get(files["resource"]).status_code == 403
    assert "waiting for its editors" in client.get(reverse("accounts:account")).text

    # Asking twice sends nothing more.
    client.post(reverse("accounts:join"), {"organisation": "turin"})
    assert len(mail.outbox) == 1


def test_an_editor_confirms_a_request_and_the_person_is_told(client, turin, turin_editor, files):
    person = UserFactory(email="new.staff@turin.example.org")
    request = MembershipFactory(user=person, organisation=turin, status=MembershipStatus.REQUESTED)
    client.force_login(turin_editor)

    client.post(reverse("workspace:membership", kwargs={"pk": request.pk}), {"action": "confirm"})

    request.refresh_from_db()
    assert request.status == MembershipStatus.CONFIRMED
    assert mail.outbox[-1].to == ["new.staff@turin.example.org"]
    client.force_login(person)
    assert client.get(files["resource"]).status_code == 200


def test_an_editor_of_another_organisation_cannot_decide(client, turin, bristol_editor):
    request = MembershipFactory(organisation=turin, status=MembershipStatus.REQUESTED)
    client.force_login(bristol_editor)

    response = client.post(
        reverse("workspace:membership", kwargs={"pk": request.pk}), {"action": "confirm"}
    )

    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == MembershipStatus.REQUESTED


def test_a_requested_editor_role_gives_no_editing(client, turin):
    hopeful = MembershipFactory(
        organisation=turin, role=MembershipRole.EDITOR, status=MembershipStatus.REQUESTED
    ).user
    client.force_login(hopeful)

    assert (
        client.get(reverse("workspace:organisation", kwargs={"slug": "turin"})).status_code == 404
    )


def test_the_last_editor_cannot_be_removed(turin, turin_editor):
    membership = Membership.objects.get(user=turin_editor)

    with pytest.raises(LastEditorError):
        membership_remove(membership=membership, by=turin_editor)

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_account_says_plainly_what_the_person_is(client, signed_up, member):
    client.force_login(signed_up)
    assert "No organisation yet" in client.get(reverse("accounts:account")).text

    client.force_login(member)
    html = client.get(reverse("accounts:account")).text
    assert "Member of" in html
    assert "No organisation yet" not in html


def test_personal_pages_are_private(client, member):
    client.force_login(member)

    for name in ("accounts:account", "accounts:export"):
        assert client.get(reverse(name))["Cache-Control"] == "private, no-store"


def test_feed_summaries_are_text_not_markup(client):
    PracticeFactory(
        status=PracticeStatus.PUBLISHED,
        summary='<img src=x onerror="alert(1)">',
    )

    xml = client.get(reverse("toolkit:feed")).text

    assert "<img" not in xml
    assert "&amp;lt;img" in xml


def test_a_superuser_who_is_not_staff_sets_up_two_factor_too(client):
    root = UserFactory(email="root@example.org", is_superuser=True, is_staff=False)
    client.force_login(root)

    response = client.get(reverse("reporting:index"))

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_behind_the_proxy_rate_limits_count_per_client(monkeypatch):
    import importlib

    from values_portal import settings as portal_settings

    monkeypatch.setenv("DJANGO_BEHIND_PROXY", "true")
    try:
        reloaded = importlib.reload(portal_settings)
        assert reloaded.ALLAUTH_TRUSTED_PROXY_COUNT == 1
    finally:
        monkeypatch.delenv("DJANGO_BEHIND_PROXY")
        importlib.reload(portal_settings)


# Where a members-only plan's title appears, by persona: the plan list page and its CSV
# (members), the open data and the sitemap (never: they are public by nature).
LISTED = {
    "anonymous": {"list": False, "csv": False, "api": False, "sitemap": False},
    "signed_up": {"list": False, "csv": False, "api": False, "sitemap": False},
    "member": {"list": True, "csv": True, "api": False, "sitemap": False},
    "coordinator": {"list": True, "csv": True, "api": False, "sitemap": False},
}


@pytest.mark.parametrize("persona", LISTED)
def test_a_members_only_plan_is_listed_only_where_the_persona_may_see_it(
    client, request, turin, persona
):
    ActionPlanFactory(
        organisation=turin,
        title="Internal budget plan",
        slug="internal-budget-plan",
        visibility=Visibility.MEMBERS,
    )
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    pages = {
        "list": client.get(reverse("exchanges:plan_list")).text,
        "csv": client.get(reverse("exchanges:plan_csv")).content.decode(),
        "api": client.get(reverse("api:plans")).content.decode(),
        "sitemap": client.get(reverse("sitemap")).content.decode(),
    }

    assert {name: "Internal budget plan" in text for name, text in pages.items()} == LISTED[persona]


def invite(client, coordinator, **data):
    client.force_login(coordinator)
    return client.post(reverse("workspace:invite"), data)


def test_a_coordinator_invites_and_the_invited_person_accepts(client, coordinator, turin, files):
    ParticipationFactory(organisation=turin)
    response = invite(
        client,
        coordinator,
        email="new.staff@turin.example.org",
        organisation=turin.pk,
        role=MembershipRole.EDITOR,
    )

    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["new.staff@turin.example.org"]
    link = re.search(r"https?://\S+/account/invitations/\S+/", message.body).group(0)
    person = UserFactory(email="new.staff@turin.example.org")
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    client.force_login(person)

    assert "Accept the invitation" in client.get(link).text
    client.post(link)

    membership = Membership.objects.get(user=person, organisation=turin)
    assert (membership.role, membership.status) == (
        MembershipRole.EDITOR,
        MembershipStatus.CONFIRMED,
    )
    assert client.get(files["resource"]).status_code == 200
    # Used once.
    assert client.get(link).status_code == 404


def test_an_invitation_needs_the_invited_address_verified(client, coordinator, turin):
    ParticipationFactory(organisation=turin)
    invite(
        client, coordinator, email="invited@turin.example.org", organisation=turin.pk, role="member"
    )
    link = re.search(r"https?://\S+/account/invitations/\S+/", mail.outbox[-1].body).group(0)
    someone_else = UserFactory(email="someone.else@example.org")
    client.force_login(someone_else)

    page = client.get(link)
    client.post(link)

    assert "Sign in with that address" in page.text
    assert not Membership.objects.filter(user=someone_else).exists()


def test_an_invitation_expires(client, coordinator, turin, settings):
    ParticipationFactory(organisation=turin)
    invite(
        client, coordinator, email="late@turin.example.org", organisation=turin.pk, role="member"
    )
    link = re.search(r"https?://\S+/account/invitations/\S+/", mail.outbox[-1].body).group(0)
    settings.INVITATION_DAYS = -1  # every signature is now too old
    person = UserFactory(email="late@turin.example.org")
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    client.force_login(person)

    response = client.post(link)

    assert response.status_code == 404
    assert "cannot be used" in response.text
    assert not Membership.objects.filter(user=person).exists()


@pytest.mark.parametrize("persona", ["member", "turin_editor", "coordinator_without_two_factor"])
def test_only_coordinators_with_two_factor_invite(client, request, turin, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        reverse("workspace:invite"),
        {"email": "x@example.org", "organisation": turin.pk, "role": "editor"},
    )

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "invitations" not in response.url
    assert not mail.outbox
