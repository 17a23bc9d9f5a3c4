import pytest
from django.urls import reverse

from follows.models import Follow
from follows.services import follow_set, followed_by
from tests.factories import PracticeFactory, StudyVisitFactory
from toolkit.models import PracticeStatus

pytestmark = pytest.mark.django_db


def follow_url(kind: str, slug: str) -> str:
    return reverse("accounts:follow", kwargs={"kind": kind, "slug": slug})


def test_following_a_cluster_from_its_page_adds_it_to_the_list(client, signed_up, youth):
    client.force_login(signed_up)

    page = client.get(follow_url("cluster", "youth"))
    response = client.post(follow_url("cluster", "youth"), {"following": "1"})

    assert "Follow Youth" in page.text
    assert response.url == youth.get_absolute_url()
    assert ("cluster", youth.pk) in followed_by(signed_up)
    listing = client.get(reverse("accounts:following"))
    assert youth.get_absolute_url() in listing.text


def test_stopping_following_removes_it(client, signed_up):
    visit = StudyVisitFactory(slug="rotterdam")
    follow_set(user=signed_up, target=visit, following=True)
    client.force_login(signed_up)

    response = client.post(
        follow_url("visit", "rotterdam"), {"following": "0", "back": "following"}
    )

    assert response.url == reverse("accounts:following")
    assert ("visit", visit.pk) not in followed_by(signed_up)
    assert not Follow.objects.filter(user=signed_up).exists()


def test_a_visitor_is_asked_to_sign_in_before_following(client, youth):
    response = client.get(follow_url("cluster", "youth"))

    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_a_draft_practice_cannot_be_followed(client, signed_up):
    PracticeFactory(slug="draft", status=PracticeStatus.DRAFT, published_at=None)
    client.force_login(signed_up)

    assert client.get(follow_url("practice", "draft")).status_code == 404
    assert client.post(follow_url("practice", "draft"), {"following": "1"}).status_code == 404


def test_an_unknown_kind_is_a_404(client, signed_up):
    client.force_login(signed_up)

    assert client.get(follow_url("user", "someone")).status_code == 404


def test_members_follow_their_organisation_and_its_groups_clusters_by_default(
    turin_member, turin, youth, welcome
):
    followed = followed_by(turin_member)

    assert followed.organisation == {turin.pk}
    assert followed.cluster == {youth.pk}
    assert ("cluster", welcome.pk) not in followed


def test_a_member_can_stop_a_default_follow_and_take_it_up_again(turin_member, youth):
    follow_set(user=turin_member, target=youth, following=False)
    assert ("cluster", youth.pk) not in followed_by(turin_member)

    follow_set(user=turin_member, target=youth, following=True)
    assert ("cluster", youth.pk) in followed_by(turin_member)


def test_the_list_marks_what_is_followed_as_a_member(client, turin_member):
    client.force_login(turin_member)

    response = client.get(reverse("accounts:following"))

    assert "City of Turin" in response.text
    assert "Youth" in response.text
    assert response.text.count("(as a member)") == 2


def test_the_cached_cluster_page_links_to_follow_without_a_token(client, youth):
    response = client.get(youth.get_absolute_url())

    assert follow_url("cluster", "youth") in response.text
    assert "csrfmiddlewaretoken" not in response.text


@pytest.mark.parametrize(
    ("kind", "make"),
    [
        ("practice", lambda: PracticeFactory(slug="walks")),
        ("visit", lambda: StudyVisitFactory(slug="walks")),
    ],
)
def test_practice_and_visit_pages_link_to_follow(client, kind, make):
    obj = make()

    assert follow_url(kind, "walks") in client.get(obj.get_absolute_url()).text


def test_partner_pages_link_to_follow(client, turin):
    assert follow_url("organisation", "turin") in client.get(turin.get_absolute_url()).text


def test_the_data_export_lists_what_you_follow(client, turin_member):
    client.force_login(turin_member)

    data = client.get(reverse("accounts:export")).json()

    assert {(row["kind"], row["slug"]) for row in data["follows"]} == {
        ("organisation", "turin"),
        ("cluster", "youth"),
    }


def test_the_list_of_follows_does_not_grow_in_queries(client, signed_up):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ClusterFactory

    client.force_login(signed_up)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("accounts:following"))
        return len(context)

    def follow_one_of_each() -> None:
        for target in (ClusterFactory(), StudyVisitFactory(), PracticeFactory()):
            follow_set(user=signed_up, target=target, following=True)

    queries()  # the first visit stores the digest settings
    follow_one_of_each()
    one_each = queries()
    for _ in range(10):
        follow_one_of_each()

    assert queries() == one_each
