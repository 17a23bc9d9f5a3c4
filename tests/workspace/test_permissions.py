"""Who may open and post every "My organisation" page, persona by persona."""

import pytest
from django.core import mail
from django.urls import reverse

from exchanges.models import ActionPlanVersion
from tests.workspace import uploads
from toolkit.models import Practice, PracticeStatus, Resource

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]

OUTSIDERS = ["member", "coordinator", "bristol_editor"]


@pytest.fixture
def edit_urls(turin, turin_practice, turin_plan):
    return {
        "organisation": reverse("workspace:organisation", kwargs={"slug": turin.slug}),
        "profile": reverse("workspace:profile", kwargs={"slug": turin.slug}),
        "practice_create": reverse("workspace:practice_create", kwargs={"slug": turin.slug}),
        "practice_detail": reverse("workspace:practice_detail", kwargs={"pk": turin_practice.pk}),
        "practice_update": reverse("workspace:practice_update", kwargs={"pk": turin_practice.pk}),
        "plan_version_create": reverse(
            "workspace:plan_version_create", kwargs={"pk": turin_plan.pk}
        ),
    }


PAGES = [
    "organisation",
    "profile",
    "practice_create",
    "practice_detail",
    "practice_update",
    "plan_version_create",
]


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, edit_urls, page):
    response = client.get(edit_urls[page])

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("page", PAGES)
def test_the_turin_editor_opens_every_page_of_turin(client, turin_editor, edit_urls, page):
    client.force_login(turin_editor)

    response = client.get(edit_urls[page])

    assert response.status_code == 200
    assert "City of Turin" in response.text or "Turin" in response.text


@pytest.mark.parametrize("persona", OUTSIDERS)
@pytest.mark.parametrize("page", PAGES)
def test_nobody_else_finds_turins_pages(client, request, edit_urls, persona, page):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(edit_urls[page])

    assert response.status_code == 404


def test_the_dashboard_lists_only_the_organisations_you_edit(client, turin, bristol_editor):
    client.force_login(bristol_editor)

    response = client.get(reverse("workspace:dashboard"))

    assert response.status_code == 200
    assert "City of Bristol" in response.text
    assert "City of Turin" not in response.text
    assert reverse("workspace:organisation", kwargs={"slug": "turin"}) not in response.text


def test_a_member_is_told_how_to_become_an_editor(client, turin, member):
    client.force_login(member)

    response = client.get(reverse("workspace:dashboard"))

    assert "You are not an editor of any organisation yet" in response.text
    assert "City of Turin" not in response.text


# Forged posts: a Bristol editor (and the others) sending Turin's forms by hand.


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_forged_profile_post_changes_nothing(client, request, turin, edit_urls, persona):
    before = turin.description
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        edit_urls["profile"], {"description": "Taken over", "website": "https://evil.example"}
    )

    assert response.status_code == 404
    turin.refresh_from_db()
    assert turin.description == before
    assert turin.website == ""


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_forged_practice_edit_changes_nothing(client, request, turin_practice, edit_urls, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        edit_urls["practice_update"],
        {
            "title": "Taken over",
            "summary": "x",
            "origin_city": "x",
            "origin_country": "GB",
            "volunteering_model": "other",
            "language": "en",
            "resources-TOTAL_FORMS": "0",
            "resources-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 404
    turin_practice.refresh_from_db()
    assert turin_practice.title == "Turin buddies"


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_forged_practice_creation_for_turin_creates_nothing(client, request, edit_urls, persona):
    client.force_login(request.getfixturevalue(persona))
    count = Practice.objects.count()

    response = client.post(
        edit_urls["practice_create"],
        {
            "title": "Planted",
            "summary": "x",
            "origin_city": "x",
            "origin_country": "IT",
            "volunteering_model": "other",
            "language": "en",
            "resources-TOTAL_FORMS": "0",
            "resources-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 404
    assert Practice.objects.count() == count


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_forged_submit_and_withdraw_change_nothing(client, request, turin_practice, persona):
    client.force_login(request.getfixturevalue(persona))

    submit = client.post(reverse("workspace:practice_submit", kwargs={"pk": turin_practice.pk}))
    turin_practice.status = PracticeStatus.IN_REVIEW
    turin_practice.save()
    withdraw = client.post(reverse("workspace:practice_withdraw", kwargs={"pk": turin_practice.pk}))

    assert submit.status_code == 404
    assert withdraw.status_code == 404
    turin_practice.refresh_from_db()
    assert turin_practice.status == PracticeStatus.IN_REVIEW
    assert mail.outbox == []


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_forged_plan_upload_stores_nothing(
    client, request, settings, turin_plan, edit_urls, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        edit_urls["plan_version_create"], {"version_label": "hijack", "file": uploads.pdf()}
    )

    assert response.status_code == 404
    assert not ActionPlanVersion.objects.filter(plan=turin_plan).exists()
    assert not (settings.MEDIA_ROOT / "action-plans").exists()


@pytest.mark.parametrize("delete", [True, False])
def test_bristol_editor_cannot_reach_turins_resource_through_their_own_practice(
    client, bristol, bristol_editor, turin_practice, delete
):
    from tests.factories import PracticeFactory

    bristol_practice = PracticeFactory(
        organisation=bristol, status=PracticeStatus.DRAFT, published_at=None
    )
    turin_resource = Resource.objects.get(practice=turin_practice)
    client.force_login(bristol_editor)
    data = {
        "title": bristol_practice.title,
        "summary": "x",
        "origin_city": "Bristol",
        "origin_country": "GB",
        "volunteering_model": "other",
        "language": "en",
        "resources-TOTAL_FORMS": "1",
        "resources-INITIAL_FORMS": "1",
        "resources-0-id": str(turin_resource.pk),
        "resources-0-practice": str(turin_practice.pk),
        "resources-0-title": "Mine now",
        "resources-0-url": "https://evil.example/",
        "resources-0-language": "en",
        "resources-0-visibility": "public",
    }
    if delete:
        data["resources-0-DELETE"] = "on"

    client.post(reverse("workspace:practice_update", kwargs={"pk": bristol_practice.pk}), data)

    turin_resource.refresh_from_db()
    assert turin_resource.title == "Turin guide"
    assert turin_resource.practice == turin_practice
    assert turin_resource.url == ""


def test_organisation_cannot_be_switched_by_adding_a_field(
    client, bristol, turin_editor, turin_practice
):
    client.force_login(turin_editor)

    client.post(
        reverse("workspace:practice_update", kwargs={"pk": turin_practice.pk}),
        {
            "title": "Turin buddies",
            "summary": "x",
            "origin_city": "Turin",
            "origin_country": "IT",
            "volunteering_model": "other",
            "language": "en",
            "organisation": str(bristol.pk),
            "status": "published",
            "resources-TOTAL_FORMS": "0",
            "resources-INITIAL_FORMS": "0",
        },
    )

    turin_practice.refresh_from_db()
    assert turin_practice.organisation.slug == "turin"
    assert turin_practice.status == PracticeStatus.DRAFT


@pytest.mark.parametrize("persona", ["member", "turin_editor"])
def test_review_pages_are_for_coordinators_only(client, request, turin_practice, persona):
    turin_practice.status = PracticeStatus.IN_REVIEW
    turin_practice.save()
    client.force_login(request.getfixturevalue(persona))

    listing = client.get(reverse("workspace:review_list"))
    review = client.post(
        reverse("workspace:review", kwargs={"pk": turin_practice.pk}),
        {"decision": "published", "comment": ""},
    )

    assert listing.status_code == 403
    assert review.status_code == 403
    turin_practice.refresh_from_db()
    assert turin_practice.status == PracticeStatus.IN_REVIEW


def test_review_pages_send_anonymous_visitors_to_sign_in(client, turin_practice):
    response = client.get(reverse("workspace:review_list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
