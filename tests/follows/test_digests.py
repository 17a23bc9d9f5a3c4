import io
import re
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse

from core.models import Event, EventKind
from exchanges.models import PublicationStatus, Visibility
from exchanges.services import action_plan_publish, staff_exchange_recorded, study_visit_recorded
from follows.models import Digest, DigestStatus, Follow, Frequency
from follows.services import digest_groups, follow_set, unsubscribe_token
from follows.tasks import deliver_digest
from tests.factories import (
    ActionPlanFactory,
    DigestSettingsFactory,
    PracticeFactory,
    StaffExchangeFactory,
    StudyVisitFactory,
    UserFactory,
)
from tests.follows.conftest import NEXT_MONDAY, WEDNESDAY
from toolkit.models import PracticeStatus
from toolkit.services import practice_publish

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def on_wednesday() -> None:
    """Every event so far happened in the week before NEXT_MONDAY."""
    Event.objects.update(happened_at=WEDNESDAY)


def publish(coordinator, **fields):
    practice = PracticeFactory(status=PracticeStatus.DRAFT, published_at=None, **fields)
    practice_publish(practice=practice, by=coordinator)
    return practice


@pytest.fixture
def reader(youth, welcome):
    """Follows two clusters."""
    user = UserFactory(email="reader@example.org")
    follow_set(user=user, target=youth, following=True)
    follow_set(user=user, target=welcome, following=True)
    return user


def send_digests(*args: str) -> None:
    call_command("send_digests", "--now", NEXT_MONDAY.isoformat(), *args, stdout=io.StringIO())


def test_a_digest_groups_by_cluster_then_kind(coordinator, reader, youth, welcome, turin):
    publish(coordinator, title="Welcome dinners", clusters=[welcome])
    visit = StudyVisitFactory(title="Visit to Turin", cluster=youth, host=turin)
    study_visit_recorded(visit=visit, created=True)
    publish(coordinator, title="School buddies", clusters=[youth])
    publish(coordinator, title="Not followed")  # no cluster, no followed partner
    on_wednesday()

    groups = digest_groups(user=reader, start=WEDNESDAY.replace(hour=0), end=NEXT_MONDAY)

    assert [group.cluster for group in groups] == [youth, welcome]
    assert [section.kind for section in groups[0].sections] == [
        EventKind.PRACTICE_PUBLISHED,
        EventKind.VISIT_ANNOUNCED,
    ]
    assert [item.event.title for item in groups[0].sections[0].items] == ["School buddies"]
    assert [item.event.title for item in groups[1].sections[0].items] == ["Welcome dinners"]


def test_what_is_across_clusters_comes_last(coordinator, reader, youth, turin, bristol):
    follow_set(user=reader, target=turin, following=True)
    staff_exchange_recorded(exchange=StaffExchangeFactory(title="Turin to Bristol", sending=turin))
    publish(coordinator, title="School buddies", clusters=[youth])
    on_wednesday()

    groups = digest_groups(user=reader, start=WEDNESDAY.replace(hour=0), end=NEXT_MONDAY)

    assert [group.cluster for group in groups] == [youth, None]
    assert groups[1].sections[0].items[0].event.title == "Turin to Bristol"


def test_a_members_only_plan_is_left_out_for_someone_who_is_not_a_member(
    coordinator, signed_up, turin
):
    follow_set(user=signed_up, target=turin, following=True)
    plan = ActionPlanFactory(
        organisation=turin,
        status=PublicationStatus.DRAFT,
        published_at=None,
        visibility=Visibility.MEMBERS,
    )
    action_plan_publish(plan=plan, by=coordinator)
    on_wednesday()

    assert digest_groups(user=signed_up, start=WEDNESDAY.replace(hour=0), end=NEXT_MONDAY) == []


def test_send_digests_sends_one_mail_per_period_however_often_it_runs(coordinator, reader, youth):
    publish(coordinator, title="School buddies", clusters=[youth])
    on_wednesday()

    send_digests()
    send_digests()

    assert [message.to for message in mail.outbox] == [["reader@example.org"]]
    digest = Digest.objects.get()
    assert (digest.status, digest.event_count, digest.frequency) == (
        DigestStatus.SENT,
        1,
        Frequency.WEEKLY,
    )


def test_the_database_refuses_a_second_digest_for_a_period(reader):
    Digest.objects.create(
        user=reader, frequency="weekly", period_start=WEDNESDAY, period_end=NEXT_MONDAY
    )
    with pytest.raises(IntegrityError):
        Digest.objects.create(
            user=reader, frequency="weekly", period_start=WEDNESDAY, period_end=NEXT_MONDAY
        )


def test_nothing_new_sends_nothing(reader):
    send_digests()

    assert mail.outbox == []
    assert not Digest.objects.exists()


def test_people_who_chose_never_get_nothing(coordinator, reader, youth):
    DigestSettingsFactory(user=reader, frequency=Frequency.NEVER)
    publish(coordinator, title="School buddies", clusters=[youth])
    on_wednesday()

    send_digests()

    assert mail.outbox == []


def test_the_digest_is_in_the_persons_language_and_the_items_in_theirs(coordinator, reader, youth):
    DigestSettingsFactory(user=reader, language="it")
    publish(coordinator, title_de="Schulpaten", language="de", clusters=[youth])
    on_wednesday()

    send_digests()

    message = mail.outbox[0]
    html = message.alternatives[0].content
    assert "novità" in message.subject
    assert "Pratiche appena pubblicate" in message.body
    assert "Schulpaten" in message.body
    assert 'lang="de">Schulpaten</a>' in html
    assert '<html lang="it">' in html


def test_each_item_is_one_line_with_a_link(coordinator, reader, youth):
    practice = publish(coordinator, title="School buddies", clusters=[youth])
    on_wednesday()

    send_digests()

    body = mail.outbox[0].body
    assert f"- School buddies: http://testserver{practice.get_absolute_url()}\n" in body
    assert f"http://testserver{reverse('accounts:following')}" in body


def test_every_digest_has_a_one_click_unsubscribe(coordinator, reader, youth):
    publish(coordinator, title="School buddies", clusters=[youth])
    on_wednesday()

    send_digests()

    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<https?://[^/]+(/\S+)>", headers["List-Unsubscribe"]).group(1)
    assert url == reverse("accounts:unsubscribe", kwargs={"token": unsubscribe_token(reader)})


def test_unsubscribing_works_without_a_session(client, reader):
    url = reverse("accounts:unsubscribe", kwargs={"token": unsubscribe_token(reader)})

    assert "Stop the digest" in client.get(url).text
    assert not hasattr(reader, "digest_settings") or reader.digest_settings.frequency != "never"
    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.digest_settings.frequency == Frequency.NEVER
    assert Follow.objects.filter(user=reader).count() == 2  # still follows


def test_a_tampered_unsubscribe_link_is_refused(client, reader, signed_up):
    token = unsubscribe_token(reader)
    forged = f"{signed_up.pk}:{token.split(':', 1)[1]}"
    url = reverse("accounts:unsubscribe", kwargs={"token": forged})

    assert client.get(url).status_code == 400
    assert client.post(url).status_code == 400
    assert not hasattr(signed_up, "digest_settings")


def test_a_mail_server_that_is_down_leaves_the_digest_to_retry(
    settings, dummy_tasks, coordinator, reader, youth
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    publish(coordinator, title="School buddies", clusters=[youth])
    on_wednesday()
    send_digests()
    digest = Digest.objects.get()
    assert [r.task for r in dummy_tasks.results] == [deliver_digest]

    assert deliver_digest.call(digest_id=digest.pk) == DigestStatus.QUEUED

    digest.refresh_from_db()
    assert (digest.status, digest.attempts) == (DigestStatus.QUEUED, 1)
    assert "SMTPServerDisconnected" in digest.error
    retry = dummy_tasks.results[-1]
    assert retry.kwargs == {"digest_id": digest.pk, "attempt": 2}
    assert retry.task.run_after is not None


def test_the_last_failed_attempt_is_recorded(settings, dummy_tasks, coordinator, reader, youth):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    publish(coordinator, title="School buddies", clusters=[youth])
    on_wednesday()
    send_digests()
    digest = Digest.objects.get()

    with pytest.raises(smtplib.SMTPServerDisconnected):
        deliver_digest.call(digest_id=digest.pk, attempt=settings.MAIL_MAX_ATTEMPTS)

    digest.refresh_from_db()
    assert digest.status == DigestStatus.FAILED


def test_the_preview_shows_what_the_next_digest_would_say(client, coordinator, reader, youth):
    publish(coordinator, title="School buddies", clusters=[youth])
    client.force_login(reader)

    response = client.get(reverse("accounts:digest_preview"))

    assert "School buddies" in response.text
    assert "Newly published practices" in response.text


def test_dry_run_prints_the_digest_and_sends_nothing(coordinator, reader, youth, capsys):
    publish(coordinator, title="School buddies", clusters=[youth])
    on_wednesday()

    call_command("send_digests", "--dry-run", "--now", NEXT_MONDAY.isoformat())

    out = capsys.readouterr().out
    assert "To: reader@example.org" in out
    assert "School buddies" in out
    assert mail.outbox == []
    assert not Digest.objects.exists()


def test_coordinators_see_digests_per_period(client, coordinator, reader):
    Digest.objects.create(
        user=reader,
        frequency="weekly",
        period_start=WEDNESDAY,
        period_end=NEXT_MONDAY,
        status=DigestStatus.FAILED,
    )
    client.force_login(coordinator)

    response = client.get(reverse("admin:follows_digest_changelist"))

    assert response.status_code == 200
    assert "Digests per period" in response.text
    assert response.context["periods"][0]["failed"] == 1
