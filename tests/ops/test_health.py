"""/health/ tells a load balancer whether the database and the cache answer."""

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

pytestmark = [pytest.mark.shared_cache, pytest.mark.django_db]


def test_health_is_ok_when_database_and_cache_answer(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-cache" in response.headers["Cache-Control"]


def test_health_lives_outside_the_language_prefix_and_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(reverse("health"))

    assert reverse("health") == "/health/"
    assert response.status_code == 200


def test_health_is_503_when_the_cache_is_down(client, settings):
    # Nothing listens on port 1: a real connection failure, not a mock.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {"database": "ok", "cache": "error"}}


def test_health_is_503_when_the_database_is_down(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "error", "cache": "ok"}


def test_health_answers_get_only(client):
    assert client.post("/health/").status_code == 405
