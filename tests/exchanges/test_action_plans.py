import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from core.models import Visibility
from exchanges.models import ActionPlanVersion
from tests.factories import (
    PDF_BYTES,
    ActionPlanFactory,
    ActionPlanVersionFactory,
    ProjectFactory,
    StudyVisitFactory,
)

LIST = reverse("exchanges:plan_list")


def titles(response) -> list[str]:
    return [plan.title for plan in response.context["page_obj"].object_list]


def download_url(version) -> str:
    return reverse("exchanges:plan_download", args=[version.plan.slug, version.pk])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def plans(turin, bristol):
    values = ProjectFactory(acronym="VALUES", slug="values")
    return {
        "turin": ActionPlanFactory(
            title="Turin volunteers' plan",
            slug="turin-plan",
            organisation=turin,
            project=values,
            language="it",
            is_example=True,
        ),
        "bristol": ActionPlanFactory(
            title="Bristol welcome plan", slug="bristol-plan", organisation=bristol
        ),
        "members": ActionPlanFactory(
            title="Bristol internal plan",
            slug="bristol-internal",
            organisation=bristol,
            visibility=Visibility.MEMBERS,
        ),
        "draft": ActionPlanFactory(
            title="Turin draft plan",
            slug="turin-draft",
            organisation=turin,
            status="draft",
            published_at=None,
        ),
    }


def test_plan_list_shows_published_public_plans(client, plans):
    response = client.get(LIST)

    html = response.content.decode()
    assert "<h1>Action plans</h1>" in html
    assert titles(response) == ["Bristol welcome plan", "Turin volunteers' plan"]
    assert "Turin draft plan" not in html
    assert "Bristol internal plan" not in html
    assert html.count("example-mark") == 1


def test_plan_list_shows_members_plans_to_members(client, member, plans):
    client.force_login(member)

    response = client.get(LIST)

    assert titles(response) == [
        "Bristol internal plan",
        "Bristol welcome plan",
        "Turin volunteers' plan",
    ]
    assert "Members only" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"organisation": "turin"}, ["Turin volunteers' plan"]),
        ({"project": "values"}, ["Turin volunteers' plan"]),
        ({"language": "en"}, ["Bristol welcome plan"]),
        ({"language": "it", "organisation": "bristol"}, []),
    ],
)
def test_plan_list_filters(client, plans, params, expected):
    assert titles(client.get(LIST, params)) == expected


@pytest.mark.parametrize(
    "params", [{"organisation": "atlantis"}, {"project": "nope"}, {"language": "xx"}]
)
def test_plan_list_bad_filter_values_show_a_message(client, plans, params):
    response = client.get(LIST, params)

    assert response.status_code == 200
    assert "Some filters could not be used" in response.content.decode()
    assert titles(response) == []


@pytest.mark.parametrize("page", ["abc", "99999"])
def test_plan_list_bad_page_is_404(client, plans, page):
    assert client.get(LIST, {"page": page}).status_code == 404


@pytest.mark.parametrize("count", [1, 25])
def test_plan_list_queries_do_not_grow(db, client, django_assert_num_queries, count):
    for plan in ActionPlanFactory.create_batch(count):
        ActionPlanVersionFactory(plan=plan)

    # count, page, and the options of organisation and project
    with django_assert_num_queries(4):
        response = client.get(LIST)

    assert len(titles(response)) == min(count, 20)
    assert response.context["page_obj"].object_list[0].version_count == 1


def test_plan_page_lists_versions_newest_first(client, plans):
    plan = plans["turin"]
    old = ActionPlanVersionFactory(
        plan=plan,
        version_label="First draft",
        uploaded_at=dt.datetime(2020, 1, 15, 10, 0, tzinfo=dt.UTC),
    )
    new = ActionPlanVersionFactory(
        plan=plan,
        version_label="Final",
        uploaded_at=dt.datetime(2020, 11, 2, 10, 0, tzinfo=dt.UTC),
    )
    plan.study_visits.add(StudyVisitFactory(title="Visit to Bristol"))

    response = client.get(plan.get_absolute_url())

    html = response.content.decode()
    assert '<h1><span lang="it">Turin volunteers&#x27; plan</span>' in html
    assert html.index("Version Final") < html.index("Version First draft")
    assert f'href="{download_url(new)}"' in html
    assert f'href="{download_url(old)}"' in html
    assert "(PDF, 193\xa0bytes)" in html
    assert '<time datetime="2020-11-02">2 November 2020</time>' in html
    assert "Visit to Bristol" in html
    assert response.context["breadcrumbs"][1] == ("Action plans", LIST)


def test_draft_and_unknown_plans_are_404(client, member, plans):
    assert client.get(plans["draft"].get_absolute_url()).status_code == 404
    assert client.get(reverse("exchanges:plan_detail", args=["nope"])).status_code == 404
    client.force_login(member)
    assert client.get(plans["draft"].get_absolute_url()).status_code == 404


def test_members_plan_page_explains_itself_to_anonymous_visitors(client, member, plans):
    explained = client.get(plans["members"].get_absolute_url())
    assert explained.status_code == 403
    assert "For members of partner organisations" in explained.text
    client.force_login(member)
    assert client.get(plans["members"].get_absolute_url()).status_code == 200


# Downloads -------------------------------------------------------------------------


def test_public_plan_download_counts_once(client, plans):
    version = ActionPlanVersionFactory(plan=plans["bristol"])

    response = client.get(download_url(version))

    assert response.status_code == 200
    assert body(response) == PDF_BYTES
    assert response["Content-Disposition"] == 'attachment; filename="action-plan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    version.refresh_from_db()
    assert version.download_count == 1
    client.head(download_url(version))
    version.refresh_from_db()
    assert version.download_count == 1


def test_members_plan_download_refused_to_anonymous_and_served_to_members(client, member, plans):
    version = ActionPlanVersionFactory(plan=plans["members"])

    assert client.get(download_url(version)).status_code == 403
    version.refresh_from_db()
    assert version.download_count == 0

    client.force_login(member)
    response = client.get(download_url(version))

    assert response.status_code == 200
    assert body(response) == PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment;")
    version.refresh_from_db()
    assert version.download_count == 1


def test_download_counter_adds_up(client, plans):
    version = ActionPlanVersionFactory(plan=plans["bristol"])
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        body(client.get(download_url(version), REMOTE_ADDR=address))
    # A stale copy saved elsewhere does not matter to the F() update.
    ActionPlanVersion.objects.filter(pk=version.pk).record_download()

    version.refresh_from_db()
    assert version.download_count == 4


def test_one_persons_repeated_downloads_count_once(client, member, plans):
    version = ActionPlanVersionFactory(plan=plans["bristol"])
    for _ in range(3):
        body(client.get(download_url(version)))
    client.force_login(member)
    for _ in range(2):
        body(client.get(download_url(version)))

    version.refresh_from_db()
    assert version.download_count == 2  # the visitor once, the member once


def test_draft_plan_download_and_wrong_slug_are_404(client, member, plans):
    draft = ActionPlanVersionFactory(plan=plans["draft"])
    public = ActionPlanVersionFactory(plan=plans["bristol"])
    client.force_login(member)

    assert client.get(download_url(draft)).status_code == 404
    wrong = reverse("exchanges:plan_download", args=["turin-plan", public.pk])
    assert client.get(wrong).status_code == 404


@pytest.mark.parametrize(
    ("original", "served"),
    [
        ('../../etc/"passwd".pdf', "passwd.pdf"),
        ("Piano d'azione Torino.pdf", "Piano_dazione_Torino.pdf"),
        ("C:\\Users\\me\\plan.pdf", "plan.pdf"),
        ("..", "turin-plan-v1.pdf"),
    ],
)
def test_download_filename_is_sanitised(client, plans, original, served):
    version = ActionPlanVersionFactory(
        plan=plans["turin"], version_label="v1", file=ContentFile(PDF_BYTES, name="upload.pdf")
    )
    # Whatever the upload form let through, the download must be safe.
    ActionPlanVersion.objects.filter(pk=version.pk).update(original_filename=original)

    response = client.get(download_url(version))

    assert response["Content-Disposition"] == f'attachment; filename="{served}"'


def test_plan_filter_offers_only_organisations_with_visible_plans(client, member, plans):
    options = client.get(LIST).context["filter"].form.fields["organisation"].queryset
    assert {o.slug for o in options} == {"turin", "bristol"}

    ActionPlanFactory(organisation__slug="secretive", visibility=Visibility.MEMBERS)
    options = client.get(LIST).context["filter"].form.fields["organisation"].queryset
    assert "secretive" not in {o.slug for o in options}

    client.force_login(member)
    options = client.get(LIST).context["filter"].form.fields["organisation"].queryset
    assert "secretive" in {o.slug for o in options}
