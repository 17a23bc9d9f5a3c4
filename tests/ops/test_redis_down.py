"""With Redis down or silent, pages, sign-in and sign-up answer; /health/ says 503."""

import logging
import socket

import pytest
from django.test import override_settings
from django.urls import reverse

from core.cache_backends import ResilientRedisCache

OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


@pytest.fixture
def closed_port() -> str:
    """An address where nothing listens: connections are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def silent_server():
    """A server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    server.close()


@pytest.mark.parametrize("where", ["closed_port", "silent_server"])
def test_the_cache_answers_as_a_miss_and_asks_once(request, caplog, where):
    cache = ResilientRedisCache(request.getfixturevalue(where), {"OPTIONS": OPTIONS})

    with caplog.at_level(logging.ERROR, logger="core.cache_backends"):
        answers = [cache.get("page", "missing") for _ in range(10)]
        cache.set("page", "html")
        added = cache.add("limit", 1)

    assert answers == ["missing"] * 10
    assert added is True  # as for a missing key: a lock taken with add() lets the request on
    # One failed attempt, then the cache is left alone for a while.
    assert len(caplog.records) == 1


@pytest.mark.django_db
def test_pages_sign_in_and_sign_up_work_without_redis(client, closed_port):
    dead = {
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": closed_port,
            "OPTIONS": OPTIONS,
        }
    }
    with override_settings(CACHES=dead):
        assert client.get(reverse("home")).status_code == 200
        assert client.get(reverse("toolkit:list")).status_code == 200
        assert client.get(reverse("account_login")).status_code == 200
        signup = client.post(
            reverse("account_signup"),
            {
                "email": "volunteer@example.org",
                "password1": "a long enough passphrase 42",
                "password2": "a long enough passphrase 42",
            },
        )
        health = client.get(reverse("health"))

    assert signup.status_code == 302
    assert health.status_code == 503
    assert health.json()["checks"]["cache"] == "error"
