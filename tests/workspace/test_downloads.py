"""Members-only files reach members and nobody else; every file goes through a view."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode

from core.models import Visibility
from exchanges.models import PublicationStatus
from tests.factories import (
    ActionPlanFactory,
    ActionPlanVersionFactory,
    PracticeFactory,
    ResourceFactory,
    VisitDocumentFactory,
)

pytestmark = pytest.mark.django_db

SECRET_PLAN = b"%PDF-1.4\n% members only: the Turin plan with the partners' budget\n%%EOF\n"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def members_plan_version(turin):
    plan = ActionPlanFactory(
        organisation=turin, slug="turin-internal", visibility=Visibility.MEMBERS
    )
    return ActionPlanVersionFactory(
        plan=plan, version_label="v1", file=ContentFile(SECRET_PLAN, name="budget.pdf")
    )


def plan_url(version) -> str:
    return reverse("exchanges:plan_download", kwargs={"slug": version.plan.slug, "pk": version.pk})


def test_members_only_plan_explains_itself_to_anonymous_visitors(client, members_plan_version):
    response = client.get(plan_url(members_plan_version))

    assert response.status_code == 403
    assert SECRET_PLAN not in response.content
    assert "For members of partner organisations" in response.text
    assert "Turin" in response.text
    login = reverse("account_login") + "?" + urlencode({"next": plan_url(members_plan_version)})
    assert f'href="{escape(login)}"' in response.text
    assert reverse("account_signup") + "?next=" in response.text
    assert response["Cache-Control"] == "private, no-store"
    members_plan_version.refresh_from_db()
    assert members_plan_version.download_count == 0


@pytest.mark.parametrize("persona", ["member", "bristol_editor", "turin_editor", "coordinator"])
def test_members_only_plan_streams_the_exact_bytes_to_members(
    client, request, members_plan_version, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(plan_url(members_plan_version))

    assert response.status_code == 200
    assert body(response) == SECRET_PLAN
    assert response["Content-Disposition"] == 'attachment; filename="budget.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    members_plan_version.refresh_from_db()
    assert members_plan_version.download_count == 1


def test_public_plan_is_served_through_the_same_view(client, turin):
    version = ActionPlanVersionFactory(plan=ActionPlanFactory(organisation=turin))

    response = client.get(plan_url(version))

    assert response.status_code == 200
    assert body(response).startswith(b"%PDF")


@pytest.mark.parametrize("persona", [None, "member", "turin_editor"])
def test_a_draft_plans_files_are_not_downloadable(client, request, turin, persona):
    version = ActionPlanVersionFactory(
        plan=ActionPlanFactory(
            organisation=turin, status=PublicationStatus.DRAFT, published_at=None
        )
    )
    if persona:
        client.force_login(request.getfixturevalue(persona))

    assert client.get(plan_url(version)).status_code == 404


@pytest.fixture
def members_resource(turin):
    practice = PracticeFactory(organisation=turin, slug="turin-buddies")
    return ResourceFactory(
        practice=practice,
        visibility=Visibility.MEMBERS,
        file=ContentFile(b"%PDF-1.4\n% volunteers' phone list\n%%EOF\n", name="contacts.pdf"),
    )


def resource_url(resource) -> str:
    return reverse(
        "toolkit:resource_download",
        kwargs={"slug": resource.practice.slug, "pk": resource.pk},
    )


def test_members_only_resource_asks_anonymous_visitors_to_sign_in(client, members_resource):
    response = client.get(resource_url(members_resource))

    assert response.status_code == 403
    assert members_resource.title in response.text
    assert reverse("account_login") + "?next=" in response.text
    assert b"phone list" not in response.content


def test_members_only_resource_streams_the_exact_bytes_to_a_member(
    client, member, members_resource
):
    client.force_login(member)

    response = client.get(resource_url(members_resource))

    assert body(response) == b"%PDF-1.4\n% volunteers' phone list\n%%EOF\n"
    assert response["Content-Disposition"] == 'attachment; filename="contacts.pdf"'


def test_members_only_visit_document_is_for_members(client, member):
    document = VisitDocumentFactory(
        visibility=Visibility.MEMBERS,
        file=ContentFile(b"%PDF-1.4\n% visit minutes\n%%EOF\n", name="minutes.pdf"),
    )
    url = reverse(
        "exchanges:document_download", kwargs={"slug": document.visit.slug, "pk": document.pk}
    )

    anonymous = client.get(url)
    client.force_login(member)
    signed_in = client.get(url)

    assert anonymous.status_code == 403
    assert document.title in anonymous.text
    assert b"visit minutes" not in anonymous.content
    assert body(signed_in) == b"%PDF-1.4\n% visit minutes\n%%EOF\n"


def test_stored_files_have_no_public_address(
    client, member, members_plan_version, members_resource
):
    client.force_login(member)

    for stored in (members_plan_version.file, members_resource.file):
        for prefix in ("/", "/en/"):
            response = client.get(f"{prefix}{settings.MEDIA_URL}{stored.name}")
            assert response.status_code == 404
            assert b"members only" not in response.content


def plan_page(plan) -> str:
    return reverse("exchanges:plan_detail", kwargs={"slug": plan.slug})


@pytest.mark.parametrize("persona", [None, "signed_up"])
def test_a_forwarded_members_only_plan_page_says_how_to_get_it(
    client, request, members_plan_version, persona
):
    plan = members_plan_version.plan
    if persona:
        client.force_login(request.getfixturevalue(persona))

    response = client.get(plan_page(plan))

    assert response.status_code == 403
    assert plan.title in response.text
    assert "Turin" in response.text
    assert plan_url(members_plan_version) not in response.text
    assert (reverse("accounts:join") in response.text) == (persona is not None)
    assert (reverse("account_signup") in response.text) == (persona is None)


def test_a_members_only_draft_stays_a_404(client, turin):
    plan = ActionPlanFactory(
        organisation=turin,
        visibility=Visibility.MEMBERS,
        status=PublicationStatus.DRAFT,
        published_at=None,
    )

    assert client.get(plan_page(plan)).status_code == 404


def test_the_plan_page_offers_the_download_before_the_summary(client, member, members_plan_version):
    client.force_login(member)

    page = client.get(plan_page(members_plan_version.plan)).text

    assert page.index(plan_url(members_plan_version)) < page.index('id="actions"')
