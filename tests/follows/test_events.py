"""What is news is recorded once per change, by the service that makes it."""

import pytest
from django.core.files.base import ContentFile

from core.models import Event, EventKind
from exchanges.models import PublicationStatus, StudyVisit, Transfer
from exchanges.services import (
    action_plan_publish,
    action_plan_version_upload,
    staff_exchange_recorded,
    study_visit_recorded,
    transfer_recorded,
)
from tests.admin.cases import admin_url
from tests.factories import (
    PDF_BYTES,
    ActionPlanFactory,
    PracticeFactory,
    StaffExchangeFactory,
    StudyVisitFactory,
    TransferFactory,
)
from toolkit.models import PracticeStatus
from toolkit.services import practice_publish, practice_unpublish

pytestmark = pytest.mark.django_db


def kinds() -> list[str]:
    return list(Event.objects.order_by("pk").values_list("kind", flat=True))


def test_publishing_a_practice_is_recorded_once_in_its_language(coordinator):
    practice = PracticeFactory(
        status=PracticeStatus.DRAFT, published_at=None, language="de", title_de="Willkommen"
    )

    practice_publish(practice=practice, by=coordinator)
    practice_unpublish(practice=practice, by=coordinator)
    practice_publish(practice=practice, by=coordinator)

    event = Event.objects.get()
    assert (event.kind, event.about, event.language) == (
        EventKind.PRACTICE_PUBLISHED,
        practice,
        "de",
    )
    assert event.title == "Willkommen"


def test_publishing_a_plan_and_each_new_version_is_recorded(coordinator):
    plan = ActionPlanFactory(status=PublicationStatus.DRAFT, published_at=None)
    action_plan_publish(plan=plan, by=coordinator)
    action_plan_publish(plan=plan, by=coordinator)

    for label in ("v1", "v2"):
        action_plan_version_upload(
            plan=plan,
            file=ContentFile(PDF_BYTES, name="plan.pdf"),
            version_label=label,
            by=coordinator,
        )

    assert kinds() == [EventKind.PLAN_PUBLISHED, EventKind.PLAN_VERSION, EventKind.PLAN_VERSION]


def test_a_version_of_a_draft_plan_is_not_news(coordinator):
    plan = ActionPlanFactory(status=PublicationStatus.DRAFT, published_at=None)

    action_plan_version_upload(
        plan=plan, file=ContentFile(PDF_BYTES, name="plan.pdf"), version_label="v1", by=coordinator
    )

    assert not Event.objects.exists()


def test_a_visit_is_announced_once_and_its_lessons_once():
    visit = StudyVisitFactory(lessons_learned="")
    study_visit_recorded(visit=visit, created=True)
    study_visit_recorded(visit=visit, created=False)  # saved again, nothing new

    visit.lessons_learned = "Mentors need training."
    study_visit_recorded(visit=visit, created=False, lessons_before="")
    study_visit_recorded(visit=visit, created=False, lessons_before="Mentors need training.")

    assert kinds() == [EventKind.VISIT_ANNOUNCED, EventKind.VISIT_LESSONS]


def test_the_admin_action_announces_registration_once(client, coordinator):
    visit = StudyVisitFactory()
    client.force_login(coordinator)

    for _ in range(2):
        client.post(
            admin_url(StudyVisit, "changelist"),
            {"action": "open_registration", "_selected_action": [visit.pk]},
        )

    assert kinds() == [EventKind.VISIT_OPEN]


def test_a_staff_exchange_is_recorded_once():
    exchange = StaffExchangeFactory()

    staff_exchange_recorded(exchange=exchange)
    staff_exchange_recorded(exchange=exchange)

    assert kinds() == [EventKind.STAFF_EXCHANGE]


def test_each_stage_a_transfer_reaches_is_recorded_once():
    transfer = TransferFactory(stage="adapting")
    transfer_recorded(transfer=transfer)
    transfer_recorded(transfer=transfer)
    transfer.stage = "adopted"
    transfer_recorded(transfer=transfer)

    assert list(Event.objects.order_by("pk").values_list("key", flat=True)) == [
        "adapting",
        "adopted",
    ]


def test_the_admin_records_a_new_transfer_and_not_a_save_at_the_same_stage(
    client, coordinator, turin
):
    practice = PracticeFactory()
    client.force_login(coordinator)
    data = {
        "practice": practice.pk,
        "organisation": turin.pk,
        "stage": "adapting",
        "started_on": "2020-01-01",
    }

    client.post(admin_url(Transfer, "add"), data)
    transfer = Transfer.objects.get()
    client.post(admin_url(Transfer, "change", transfer.pk), {**data, "notes": "More."})
    client.post(admin_url(Transfer, "change", transfer.pk), {**data, "stage": "piloting"})

    assert list(Event.objects.order_by("pk").values_list("key", flat=True)) == [
        "adapting",
        "piloting",
    ]
