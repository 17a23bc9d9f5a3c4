import pytest
from django.urls import reverse

from tests.factories import PracticeFactory
from toolkit.models import PracticeStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(turin):
    return PracticeFactory(
        organisation=turin, title="Turin buddies", status=PracticeStatus.IN_REVIEW
    )


def test_review_buttons_say_the_action(client, coordinator, in_review):
    client.force_login(coordinator)

    html = client.get(reverse("workspace:review", kwargs={"pk": in_review.pk})).text

    assert (
        '<button type="submit" class="button" name="decision" value="published">Publish</button>'
        in html
    )
    assert 'name="decision" value="sent_back">Send back with a comment</button>' in html
    assert 'type="radio"' not in html
    assert "Record the decision" not in html


def test_publish_button_publishes(client, coordinator, in_review):
    client.force_login(coordinator)

    response = client.post(
        reverse("workspace:review", kwargs={"pk": in_review.pk}),
        {"decision": "published", "comment": ""},
    )

    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == PracticeStatus.PUBLISHED


def test_send_back_without_a_comment_says_so_beside_the_comment(client, coordinator, in_review):
    client.force_login(coordinator)

    response = client.post(
        reverse("workspace:review", kwargs={"pk": in_review.pk}),
        {"decision": "sent_back", "comment": ""},
    )

    assert response.status_code == 200
    assert 'href="#id_comment"' in response.text
    in_review.refresh_from_db()
    assert in_review.status == PracticeStatus.IN_REVIEW


def test_a_post_without_a_decision_is_refused_with_a_message(client, coordinator, in_review):
    client.force_login(coordinator)

    response = client.post(
        reverse("workspace:review", kwargs={"pk": in_review.pk}), {"comment": "Hm."}
    )

    assert response.status_code == 200
    assert 'href="#id_decision"' in response.text
    assert '<p class="field-error" id="id_decision">' in response.text
