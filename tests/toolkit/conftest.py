import datetime as dt

import pytest

from tests.factories import ClusterFactory, PracticeFactory, TargetGroupFactory


@pytest.fixture
def mentoring(db):
    return ClusterFactory(name="Mentoring and buddying", short_name="Mentoring", slug="mentoring")


@pytest.fixture
def sport(db):
    return ClusterFactory(name="Sport and culture", short_name="Sport", slug="sport")


@pytest.fixture
def refugees(db):
    return TargetGroupFactory(name="Refugees", slug="refugees")


@pytest.fixture
def buddies(turin, mentoring, refugees):
    return PracticeFactory(
        title="Buddies for newcomers",
        slug="buddies",
        summary="Each newcomer gets a local buddy.",
        organisation=turin,
        origin_city="Turin",
        origin_country="IT",
        clusters=[mentoring],
        target_groups=[refugees],
        language="it",
        is_example=True,
        published_at=dt.datetime(2024, 1, 10, 9, 0, tzinfo=dt.UTC),
    )


@pytest.fixture
def football(bristol, sport):
    return PracticeFactory(
        title="Football on Fridays",
        slug="football",
        summary="A weekly match that mixes newcomers and residents.",
        organisation=bristol,
        origin_city="Bristol",
        origin_country="GB",
        clusters=[sport],
        volunteering_model="event",
        language="en",
        published_at=dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.UTC),
    )
