"""Logs are one JSON object per line, with what a log collector needs."""

import json
import logging

from django.test import RequestFactory

from ops.log import JSONFormatter


def formatted(record: logging.LogRecord) -> dict:
    return json.loads(JSONFormatter().format(record))


def test_a_record_becomes_one_json_line_with_time_level_logger_and_message():
    record = logging.LogRecord(
        "toolkit.services", logging.INFO, __file__, 1, "Practice %s published", (7,), None
    )

    line = JSONFormatter().format(record)
    entry = json.loads(line)

    assert "\n" not in line
    assert entry["level"] == "INFO"
    assert entry["logger"] == "toolkit.services"
    assert entry["message"] == "Practice 7 published"
    assert entry["time"].endswith("+00:00")


def test_request_errors_carry_method_path_and_status_but_not_the_request_object():
    request = RequestFactory().post("/en/toolkit/?q=secret")
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/x",), None
    )
    record.request = request
    record.status_code = 500

    entry = formatted(record)

    assert entry["method"] == "POST"
    assert entry["path"] == "/en/toolkit/"
    assert entry["status_code"] == 500
    assert "request" not in entry


def test_exceptions_are_kept_in_one_field():
    try:
        raise ValueError("broken")
    except ValueError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "failed", (), exc_info=__import__("sys").exc_info()
        )

    entry = formatted(record)

    assert "ValueError: broken" in entry["exception"]


def test_gunicorn_access_lines_name_their_fields():
    atoms = {"h": "127.0.0.1", "m": "GET", "U": "/health/", "s": "200", "M": 3, "B": "55"}
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, '%(h)s "%(m)s %(U)s" %(s)s', (), None
    )
    record.args = atoms

    entry = formatted(record)

    assert entry["message"] == '127.0.0.1 "GET /health/" 200'
    assert entry["path"] == "/health/"
    assert entry["status_code"] == "200"
    assert entry["duration_ms"] == 3
