import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # allauth counts attempts in the cache; one test's failures must not lock out the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def verified(db):
    """Give a user the verified email address that allauth asks for at sign-in."""

    def make(user):
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        return user

    return make
