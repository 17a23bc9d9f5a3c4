"""A Redis cache that a Redis down or slow cannot turn into errors or slow pages.

Every use of the cache in the portal (shared pages and fragments, sessions written
through to the database, sign-in rate limits) is an optimisation or a counter that
may be lost. So when Redis refuses, times out or answers nonsense, each call answers
as a cache miss would, the failure is logged, and for ``RETRY_SECONDS`` the cache is
not asked at all: one slow Redis costs one request one timeout, not every request
every call. Sign-in rate limits are not enforced meanwhile (they live in Redis).
``/health/`` says 503, since its write-then-read finds nothing.
"""

import logging
import pickle
import time

from django.core.cache.backends.redis import RedisCache, RedisSerializer
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

FAILURES = (RedisError, OSError)
# How every pickle of protocol 2 and later begins (Django's serializer writes the highest).
PICKLE_START = pickle.PROTO


class Serializer(RedisSerializer):
    """Django's, reading a pickled value without first trying it as an integer.

    Django stores integers as they are (for ``incr()``) and everything else pickled,
    then reads each value by trying ``int()`` and catching its failure: an exception for
    each of the two dozen tokens a shared page reads at every request.
    """

    def loads(self, data):
        if data[:1] == PICKLE_START:
            return pickle.loads(data)  # noqa: S301 (the portal's own cache, as Django's)
        return int(data)


class ResilientRedisCache(RedisCache):
    RETRY_SECONDS = 10.0

    def __init__(self, server, params):
        options = params.get("OPTIONS", {})
        super().__init__(server, {**params, "OPTIONS": {"serializer": Serializer, **options}})
        self._down_until = 0.0

    def validate_key(self, key):
        """Nothing to check: Redis takes any key. (Django's check, for keys that memcached
        would refuse, looks at every character of every key: a tenth of a millisecond
        for the tokens of one page.)"""

    def _guard(self, fallback, method, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(super(), method)(*args, **kwargs)
        except FAILURES:
            self._down_until = time.monotonic() + self.RETRY_SECONDS
            logger.exception("The cache does not answer; going on without it for a while.")
            return fallback

    def get(self, key, default=None, version=None):
        return self._guard(default, "get", key, default, version)

    def add(self, key, value, timeout=None, version=None):
        # As for a key that is not there: added. Locks taken with add() (allauth's rate
        # limits) then let the request through instead of waiting for a lock forever.
        return self._guard(True, "add", key, value, timeout, version)

    def set(self, key, value, timeout=None, version=None):
        return self._guard(None, "set", key, value, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._guard(False, "touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._guard(False, "delete", key, version)

    def get_many(self, keys, version=None):
        return self._guard({}, "get_many", keys, version)

    def has_key(self, key, version=None):
        return self._guard(False, "has_key", key, version)

    def incr(self, key, delta=1, version=None):
        # As for a missing key: the caller decides what a counter it cannot read means.
        if time.monotonic() < self._down_until:
            raise ValueError(f"Key {key!r} not found.")
        try:
            return super().incr(key, delta, version)
        except FAILURES:
            self._down_until = time.monotonic() + self.RETRY_SECONDS
            logger.exception("The cache does not answer; going on without it for a while.")
            raise ValueError(f"Key {key!r} not found.") from None

    def set_many(self, data, timeout=None, version=None):
        return self._guard(list(data), "set_many", data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guard(None, "delete_many", keys, version)

    def clear(self):
        return self._guard(False, "clear")
