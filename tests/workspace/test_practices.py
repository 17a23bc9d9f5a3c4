import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PDF_BYTES, ParticipationFactory, TargetGroupFactory, UserFactory
from tests.workspace import uploads
from toolkit.models import Practice, PracticeStatus, Resource, ReviewDecision, ReviewNote

pytestmark = pytest.mark.django_db


def practice_data(**extra) -> dict:
    return {
        "title": "Welcome walks",
        "summary": "Volunteers walk newcomers through the neighbourhood.",
        "origin_city": "Turin",
        "origin_country": "IT",
        "volunteering_model": "neighbourhood",
        "language": "en",
        "resources-TOTAL_FORMS": "0",
        "resources-INITIAL_FORMS": "0",
        **extra,
    }


def with_resources(*resources: dict) -> dict:
    data = {"resources-TOTAL_FORMS": str(len(resources)), "resources-INITIAL_FORMS": "0"}
    for index, resource in enumerate(resources):
        data.update(
            {
                f"resources-{index}-language": "en",
                f"resources-{index}-visibility": "public",
                **{f"resources-{index}-{key}": value for key, value in resource.items()},
            }
        )
    return data


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def create_url(slug: str = "turin") -> str:
    return reverse("workspace:practice_create", kwargs={"slug": slug})


def test_editor_writes_a_draft_practice_with_a_file_and_a_link(client, turin, turin_editor):
    group = TargetGroupFactory(name="Young migrants")
    client.force_login(turin_editor)

    response = client.post(
        create_url(),
        practice_data(
            target_groups=[group.pk],
            **with_resources(
                {"title": "Walk guide", "file": uploads.pdf("walk guide.pdf")},
                {"title": "Route map", "url": "https://maps.example/route"},
            ),
        ),
    )

    practice = Practice.objects.get(title="Welcome walks")
    assert response.status_code == 302
    assert response.url == reverse("workspace:practice_detail", kwargs={"pk": practice.pk})
    assert practice.organisation == turin
    assert practice.status == PracticeStatus.DRAFT
    assert practice.slug == "welcome-walks"
    assert list(practice.target_groups.all()) == [group]
    guide = practice.resources.get(title="Walk guide")
    assert guide.original_filename == "walk guide.pdf"
    assert guide.size == len(PDF_BYTES)
    assert len(guide.checksum) == 64
    assert guide.file.read() == PDF_BYTES
    assert practice.resources.get(title="Route map").is_link
    # A draft is not public.
    assert client.get(practice.get_absolute_url()).status_code == 404


def test_new_practice_form_starts_from_the_organisations_city(client, turin_editor):
    client.force_login(turin_editor)

    response = client.get(create_url())

    assert response.context["form"].initial["origin_city"] == "Turin"
    assert 'enctype="multipart/form-data"' in response.text


def test_a_second_practice_with_the_same_title_gets_its_own_slug(client, turin_editor):
    client.force_login(turin_editor)
    client.post(create_url(), practice_data())
    client.post(create_url(), practice_data())

    assert sorted(Practice.objects.values_list("slug", flat=True)) == [
        "welcome-walks",
        "welcome-walks-2",
    ]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("guide.pdf", uploads.HTML_BYTES, "not one of the accepted kinds"),
        ("guide.pdf", uploads.SVG_BYTES, "not one of the accepted kinds"),
        ("guide.pdf", uploads.EXE_BYTES, "not one of the accepted kinds"),
        ("guide.pdf", uploads.png_bytes(), "its content is PNG"),
    ],
)
def test_a_refused_resource_file_stores_nothing_and_says_why(
    client, settings, turin_editor, name, data, reason
):
    client.force_login(turin_editor)

    response = client.post(
        create_url(),
        practice_data(**with_resources({"title": "Guide", "file": uploads.upload(name, data)})),
    )

    assert response.status_code == 200
    assert reason in response.text
    assert 'class="error-summary"' in response.text
    assert 'href="#id_resources-0-file"' in response.text
    assert not Practice.objects.exists()
    assert not Resource.objects.exists()
    assert stored_files(settings) == []


def test_a_too_large_resource_file_is_refused_with_the_limit(client, settings, turin_editor):
    settings.MAX_UPLOAD_BYTES = 100
    client.force_login(turin_editor)

    response = client.post(
        create_url(),
        practice_data(**with_resources({"title": "Guide", "file": uploads.pdf()})),
    )

    assert "files may be at most 100\xa0bytes" in response.text
    assert not Practice.objects.exists()
    assert stored_files(settings) == []


def test_a_resource_needs_a_file_or_a_link_but_not_both(client, turin_editor):
    client.force_login(turin_editor)

    both = client.post(
        create_url(),
        practice_data(
            **with_resources({"title": "Guide", "file": uploads.pdf(), "url": "https://x.example"})
        ),
    )
    neither = client.post(create_url(), practice_data(**with_resources({"title": "Guide"})))

    assert "Give either a file or a link, not both." in both.text
    assert "Add a file or a link." in neither.text
    assert not Practice.objects.exists()


def test_practice_errors_are_summarised_and_tied_to_fields(client, turin_editor):
    client.force_login(turin_editor)

    response = client.post(create_url(), practice_data(title=""))

    html = response.text
    assert '<a href="#id_title">' in html
    assert 'id="id_title_error"' in html
    assert 'aria-describedby="id_title_error"' in html
    assert 'aria-invalid="true"' in html


def test_editor_edits_a_draft_and_replaces_nothing_they_did_not_touch(
    client, turin_editor, turin_practice
):
    resource = turin_practice.resources.get()
    client.force_login(turin_editor)
    url = reverse("workspace:practice_update", kwargs={"pk": turin_practice.pk})

    response = client.post(
        url,
        practice_data(
            title="Turin buddies, revised",
            **{
                "resources-TOTAL_FORMS": "1",
                "resources-INITIAL_FORMS": "1",
                "resources-0-id": str(resource.pk),
                "resources-0-title": "Turin guide, 2nd edition",
                "resources-0-language": "it",
                "resources-0-visibility": "members",
            },
        ),
    )

    assert response.status_code == 302
    turin_practice.refresh_from_db()
    resource.refresh_from_db()
    assert turin_practice.title == "Turin buddies, revised"
    assert turin_practice.slug == "turin-buddies"
    assert resource.title == "Turin guide, 2nd edition"
    assert resource.visibility == "members"
    assert resource.file.read() == PDF_BYTES  # the stored file is kept


@pytest.mark.parametrize("status", [PracticeStatus.IN_REVIEW, PracticeStatus.PUBLISHED])
def test_only_drafts_are_edited(client, turin_editor, turin_practice, status):
    turin_practice.status = status
    turin_practice.published_at = turin_practice.updated_at
    turin_practice.save()
    client.force_login(turin_editor)

    edit = client.get(reverse("workspace:practice_update", kwargs={"pk": turin_practice.pk}))
    detail = client.get(reverse("workspace:practice_detail", kwargs={"pk": turin_practice.pk}))

    assert edit.status_code == 404
    assert reverse("workspace:practice_withdraw", kwargs={"pk": turin_practice.pk}) in detail.text


@pytest.fixture
def coordinators(coordinator):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Coordinators")
    second = UserFactory(email="second.coordinator@example.org", is_staff=True)
    second.groups.add(group)
    retired = UserFactory(email="retired@example.org", is_staff=True, is_active=False)
    retired.groups.add(group)
    UserFactory(email="it.support@example.org", is_staff=True)  # staff, not a coordinator
    return [coordinator, second]


def submit(client, practice):
    return client.post(reverse("workspace:practice_submit", kwargs={"pk": practice.pk}))


def test_submitting_for_review_notifies_every_active_coordinator(
    client, turin_editor, turin_practice, coordinators
):
    client.force_login(turin_editor)

    response = submit(client, turin_practice)

    assert response.status_code == 302
    turin_practice.refresh_from_db()
    assert turin_practice.status == PracticeStatus.IN_REVIEW
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        user.email for user in coordinators
    )
    assert all(len(message.to) == 1 for message in mail.outbox)
    message = mail.outbox[0]
    assert "Turin buddies" in message.subject
    assert reverse("workspace:review", kwargs={"pk": turin_practice.pk}) in message.body
    assert turin_editor.email in message.body or turin_editor.name in message.body


def test_submitting_twice_does_not_notify_twice(client, turin_editor, turin_practice, coordinator):
    client.force_login(turin_editor)

    submit(client, turin_practice)
    second = submit(client, turin_practice)

    assert second.status_code == 404
    assert len(mail.outbox) == 1


def review(client, practice, **data):
    return client.post(reverse("workspace:review", kwargs={"pk": practice.pk}), data)


@pytest.fixture
def in_review(client, turin_editor, turin_practice, coordinator):
    client.force_login(turin_editor)
    submit(client, turin_practice)
    mail.outbox.clear()
    turin_practice.refresh_from_db()
    return turin_practice


def test_coordinator_sends_back_with_a_comment_the_editor_sees_and_acts_on(
    client, in_review, coordinator, turin_editor
):
    client.force_login(coordinator)
    queue = client.get(reverse("workspace:review_list"))
    assert "Turin buddies" in queue.text

    response = review(client, in_review, decision="sent_back", comment="Please add a contact.")

    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == PracticeStatus.DRAFT
    note = ReviewNote.objects.get(practice=in_review)
    assert (note.decision, note.author, note.comment) == (
        ReviewDecision.SENT_BACK,
        coordinator,
        "Please add a contact.",
    )
    assert [message.to for message in mail.outbox] == [[turin_editor.email]]
    assert "Please add a contact." in mail.outbox[0].body

    client.force_login(turin_editor)
    detail = client.get(reverse("workspace:practice_detail", kwargs={"pk": in_review.pk}))
    edit = client.get(reverse("workspace:practice_update", kwargs={"pk": in_review.pk}))
    assert "Please add a contact." in detail.text
    assert "Please add a contact." in edit.text
    assert submit(client, in_review).status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == PracticeStatus.IN_REVIEW


def test_sending_back_without_a_comment_is_refused(client, in_review, coordinator):
    client.force_login(coordinator)

    response = review(client, in_review, decision="sent_back", comment="  ")

    assert response.status_code == 200
    assert "Say what should change" in response.text
    in_review.refresh_from_db()
    assert in_review.status == PracticeStatus.IN_REVIEW
    assert not ReviewNote.objects.exists()
    assert mail.outbox == []


def test_coordinator_publishes_from_the_review_page(client, in_review, coordinator, turin_editor):
    client.force_login(coordinator)

    review(client, in_review, decision="published", comment="")

    in_review.refresh_from_db()
    assert in_review.status == PracticeStatus.PUBLISHED
    assert in_review.published_at is not None
    assert [message.to for message in mail.outbox] == [[turin_editor.email]]
    assert client.get(in_review.get_absolute_url()).status_code == 200


def test_a_practice_no_longer_in_review_cannot_be_reviewed(client, turin_practice, coordinator):
    client.force_login(coordinator)

    response = review(client, turin_practice, decision="published", comment="")

    assert response.status_code == 404
    turin_practice.refresh_from_db()
    assert turin_practice.status == PracticeStatus.DRAFT


def test_editor_takes_a_published_practice_offline_to_revise_it(
    client, turin_editor, turin_practice
):
    turin_practice.status = PracticeStatus.PUBLISHED
    turin_practice.published_at = turin_practice.created_at
    turin_practice.save()
    client.force_login(turin_editor)

    client.post(reverse("workspace:practice_withdraw", kwargs={"pk": turin_practice.pk}))

    turin_practice.refresh_from_db()
    assert turin_practice.status == PracticeStatus.DRAFT
    assert client.get(turin_practice.get_absolute_url()).status_code == 404


def test_organisation_page_queries_do_not_grow_with_its_content(
    client, turin, turin_editor, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ActionPlanFactory, ActionPlanVersionFactory, PracticeFactory

    def make(count: int) -> None:
        for _ in range(count):
            PracticeFactory(organisation=turin)
            ActionPlanVersionFactory(plan=ActionPlanFactory(organisation=turin))

    client.force_login(turin_editor)
    url = reverse("workspace:organisation", kwargs={"slug": "turin"})
    make(1)
    client.get(url)
    with CaptureQueriesContext(connection) as with_one:
        client.get(url)
    make(19)

    with django_assert_num_queries(len(with_one)):
        response = client.get(url)

    practices_path = reverse("workspace:dashboard") + "practices/"
    assert response.text.count(f'href="{practices_path}') == 20


def test_editors_of_a_partner_in_a_project_are_offered_a_self_assessment(
    client, turin, turin_editor, turin_practice
):
    ParticipationFactory(organisation=turin)
    page = reverse("workspace:practice_detail", kwargs={"pk": turin_practice.pk})
    assess = reverse("toolkit:assess", kwargs={"slug": turin_practice.slug})

    client.force_login(turin_editor)
    offered = client.get(page).text

    assert "Self-assessment" in offered
    assert f'href="{assess}"' in offered
    assert client.get(assess).status_code == 200


def test_no_self_assessment_is_offered_outside_a_project(client, turin_editor, turin_practice):
    page = reverse("workspace:practice_detail", kwargs={"pk": turin_practice.pk})
    assess = reverse("toolkit:assess", kwargs={"slug": turin_practice.slug})
    client.force_login(turin_editor)

    assert assess not in client.get(page).text
    assert client.get(assess).status_code == 404
