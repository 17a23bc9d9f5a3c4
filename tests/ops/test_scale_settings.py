"""Scaling out is configuration: Redis, S3 and JSON logs are switched on by environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.shared_cache

ROOT = Path(__file__).resolve().parents[2]

SHOW = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "session_engine": settings.SESSION_ENGINE,
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "storage_options": {
        name: getattr(default_storage, name, None)
        for name in ("bucket_name", "endpoint_url", "location", "default_acl",
                     "querystring_auth", "file_overwrite", "custom_domain")
    },
    "log_formatter": settings.LOGGING["handlers"]["console"]["formatter"],
    "log_stream": settings.LOGGING["handlers"]["console"]["stream"],
    "database_conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "database_health_checks": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "database_options": settings.DATABASES["default"].get("OPTIONS", {}),
}))
"""


def show_settings(**env: str) -> subprocess.CompletedProcess:
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AWS_")) and key not in {"REDIS_URL", "DATABASE_URL"}
    }
    environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "values_portal.settings",
            "DJANGO_SECRET_KEY": "x" * 50,
            **env,
        }
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def shown(**env: str) -> dict:
    result = show_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_services_the_portal_uses_memory_cache_and_local_files():
    values = shown()

    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["session_engine"] == "django.contrib.sessions.backends.cached_db"
    assert values["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_redis_url_shares_the_cache_sessions_and_rate_limits():
    values = shown(REDIS_URL="redis://cache.internal:6379/2")

    assert values["cache"] == "core.cache_backends.ResilientRedisCache"
    assert values["cache_location"] == "redis://cache.internal:6379/2"
    # Sessions are read from that cache and written through to the database.
    assert values["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_a_malformed_redis_url_stops_the_portal():
    result = show_settings(REDIS_URL="cache.internal:6379")

    assert result.returncode != 0
    assert "is not a Redis address" in result.stderr


def test_a_bucket_name_stores_files_privately_in_s3():
    values = shown(
        AWS_STORAGE_BUCKET_NAME="values-uploads",
        AWS_S3_ENDPOINT_URL="https://s3.example.eu",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="not-a-real-secret",
    )

    assert values["storage"] == "storages.backends.s3.S3Storage"
    options = values["storage_options"]
    assert options["bucket_name"] == "values-uploads"
    assert options["endpoint_url"] == "https://s3.example.eu"
    assert options["location"] == "media"
    # No ACL is sent: objects keep the bucket's private default, and any address
    # the storage hands out is signed and short-lived.
    assert options["default_acl"] is None
    assert options["querystring_auth"] is True
    assert options["custom_domain"] is None
    assert options["file_overwrite"] is False


def test_logs_are_json_lines_on_stdout_unless_debug():
    assert shown()["log_formatter"] == "json"
    assert shown()["log_stream"] == "ext://sys.stdout"
    assert shown(DJANGO_DEBUG="true")["log_formatter"] == "plain"
    assert shown(DJANGO_LOG_FORMAT="plain")["log_formatter"] == "plain"


@pytest.mark.parametrize("value", ["xml", "yes"])
def test_an_unknown_log_format_stops_the_portal(value):
    result = show_settings(DJANGO_LOG_FORMAT=value)

    assert result.returncode != 0
    assert "must be json or plain" in result.stderr


def test_database_connections_persist_with_health_checks():
    values = shown(
        DATABASE_URL="postgres://portal@db.internal:5432/values", DATABASE_CONN_MAX_AGE="60"
    )

    assert values["database_conn_max_age"] == 60
    assert values["database_health_checks"] is True


def test_postgresql_plans_a_repeated_query_once_per_connection():
    values = shown(DATABASE_URL="postgres://portal@db.internal:5432/values")

    assert values["database_options"] == {"server_side_binding": True, "prepare_threshold": 5}


@pytest.mark.parametrize(
    ("url", "prepared"),
    [
        ("postgres://portal@db.internal:5432/values", "false"),
        ("sqlite:///portal.sqlite3", "true"),
    ],
)
def test_prepared_statements_are_off_behind_a_pooler_and_on_sqlite(url, prepared):
    values = shown(DATABASE_URL=url, DATABASE_PREPARED_STATEMENTS=prepared)

    assert "prepare_threshold" not in values["database_options"]
    assert "server_side_binding" not in values["database_options"]


def test_an_unknown_prepared_statements_value_stops_the_portal():
    result = show_settings(
        DATABASE_URL="postgres://portal@db.internal:5432/values",
        DATABASE_PREPARED_STATEMENTS="sometimes",
    )

    assert result.returncode != 0
    assert "DATABASE_PREPARED_STATEMENTS" in result.stderr
