"""The Redis cache gives back every value as it was stored (core.cache_backends.Serializer)."""

import pytest
from django.conf import settings

from core.cache_backends import ResilientRedisCache

pytestmark = [
    pytest.mark.shared_cache,
    pytest.mark.skipif(not settings.REDIS_URL, reason="Needs REDIS_URL (.ci/run sets it)."),
]

VALUES = [
    0,
    7,
    -12,
    2**70,
    True,
    False,
    None,
    1.5,
    "",
    "7",
    "token",
    b"\x80raw",
    [1, "a"],
    {"a": 1},
]


@pytest.fixture
def redis_cache():
    cache = ResilientRedisCache(settings.REDIS_URL, {"KEY_PREFIX": "test-values"})
    yield cache
    cache.delete_many([f"value-{index}" for index in range(len(VALUES))] + ["counter"])


def test_every_kind_of_value_reads_back_as_stored(redis_cache):
    for index, value in enumerate(VALUES):
        redis_cache.set(f"value-{index}", value)

    keys = [f"value-{index}" for index in range(len(VALUES))]
    found = redis_cache.get_many(keys)

    assert [found[key] for key in keys] == VALUES
    assert [type(found[key]) for key in keys] == [type(value) for value in VALUES]
    assert [redis_cache.get(key) for key in keys] == VALUES


def test_a_counter_stays_an_integer(redis_cache):
    redis_cache.set("counter", 1)

    assert redis_cache.incr("counter", 2) == 3
    assert redis_cache.get("counter") == 3
