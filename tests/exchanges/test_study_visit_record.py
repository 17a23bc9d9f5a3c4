import datetime as dt

import pytest
from django.utils import timezone

from core.models import Event, EventKind
from exchanges.models import ActivityStatus, StudyVisit
from exchanges.services import study_visit_record
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def new_visit(host, **fields) -> StudyVisit:
    return StudyVisit(
        title="Study visit to Turin",
        project=ProjectFactory(),
        host=host,
        start_date=fields.pop("start_date", dt.date(2025, 3, 12)),
        end_date=fields.pop("end_date", dt.date(2025, 3, 13)),
        **fields,
    )


def test_counts_of_one_organisation_given_twice_are_added_up(coordinator, turin, bristol):
    visit = study_visit_record(
        visit=new_visit(turin),
        participants=[
            {"organisation": bristol, "city_staff": 2, "volunteers": None},
            {"organisation": bristol, "city_staff": 1, "migrants": 3},
        ],
        documents=[],
        by=coordinator,
    )

    participation = visit.participations.get()
    assert (participation.city_staff, participation.volunteers, participation.migrants) == (
        3,
        0,
        3,
    )


def test_a_visit_still_to_come_stays_planned_and_is_announced(coordinator, turin):
    today = timezone.localdate()

    visit = study_visit_record(
        visit=new_visit(
            turin, start_date=today + dt.timedelta(days=30), end_date=today + dt.timedelta(days=31)
        ),
        participants=[],
        documents=[],
        by=coordinator,
    )

    assert visit.status == ActivityStatus.PLANNED
    assert Event.objects.filter(kind=EventKind.VISIT_ANNOUNCED, object_id=visit.pk).exists()


def test_a_visit_that_has_ended_is_recorded_as_completed(coordinator, turin):
    visit = study_visit_record(
        visit=new_visit(turin), participants=[], documents=[], by=coordinator
    )

    assert visit.status == ActivityStatus.COMPLETED
