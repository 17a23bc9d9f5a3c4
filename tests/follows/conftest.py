import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import ClusterFactory, MembershipFactory, WorkingGroupFactory

# A Wednesday: its week starts on Monday 30 November 2026; the next starts on 7 December.
WEDNESDAY = timezone.make_aware(dt.datetime(2026, 12, 2, 12, 0))  # noqa: DTZ001
NEXT_MONDAY = timezone.make_aware(dt.datetime(2026, 12, 7, 6, 0))  # noqa: DTZ001


@pytest.fixture
def youth(db):
    return ClusterFactory(name="Youth and schools", short_name="Youth", slug="youth", position=1)


@pytest.fixture
def welcome(db):
    return ClusterFactory(
        name="Welcoming newcomers", short_name="Welcome", slug="welcome", position=2
    )


@pytest.fixture
def turin_member(turin, youth):
    """Staff of Turin, whose working group is in the youth cluster."""
    WorkingGroupFactory(cluster=youth, members=[turin])
    return MembershipFactory(user__email="staff@turin.example.org", organisation=turin).user
