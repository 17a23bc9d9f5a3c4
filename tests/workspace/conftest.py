import pytest

# The same sign-in helpers as the account tests: a fresh rate-limit count per test
# and verified addresses.
from tests.users.conftest import _fresh_rate_limits, verified

__all__ = ["_fresh_rate_limits", "verified"]


@pytest.fixture
def turin_practice(turin):
    from tests.factories import PracticeFactory, ResourceFactory
    from toolkit.models import PracticeStatus

    practice = PracticeFactory(
        organisation=turin,
        title="Turin buddies",
        slug="turin-buddies",
        status=PracticeStatus.DRAFT,
        published_at=None,
    )
    ResourceFactory(practice=practice, title="Turin guide")
    return practice


@pytest.fixture
def turin_plan(turin):
    from tests.factories import ActionPlanFactory

    return ActionPlanFactory(organisation=turin, title="Turin action plan", slug="turin-plan")
