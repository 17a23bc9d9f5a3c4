"""The settings module refuses to start with unsafe or malformed values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def import_settings(**env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environ.pop("DATABASE_URL", None)
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import values_portal.settings as s; print(s.DEBUG)"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


def test_settings_refuse_to_start_without_secret_when_debug_is_off():
    result = import_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_settings_start_in_debug_without_secret():
    result = import_settings(DJANGO_DEBUG="true")
    assert result.returncode == 0
    assert result.stdout.strip() == "True"


def test_debug_is_off_unless_explicitly_on():
    result = import_settings(DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("value", ["maybe", "2", "enabled"])
def test_settings_refuse_a_malformed_boolean(value):
    result = import_settings(DJANGO_DEBUG=value)
    assert result.returncode != 0
    assert "is not a boolean" in result.stderr


def test_settings_refuse_an_accessibility_contact_that_is_not_an_address():
    result = import_settings(DJANGO_DEBUG="true", ACCESSIBILITY_CONTACT_EMAIL="the coordinators")
    assert result.returncode != 0
    assert "ACCESSIBILITY_CONTACT_EMAIL='the coordinators' is not an email address" in result.stderr


def test_the_portal_name_comes_from_the_environment_into_mail_and_authenticator_apps():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import values_portal.settings as s;"
            "print(s.PORTAL_NAME, s.ACCOUNT_EMAIL_SUBJECT_PREFIX, s.MFA_TOTP_ISSUER, sep='|')",
        ],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_DEBUG": "true",
            "DJANGO_PORTAL_NAME": "Welcoming Cities",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "Welcoming Cities|[Welcoming Cities] |Welcoming Cities"


def test_settings_refuse_an_empty_portal_name():
    result = import_settings(DJANGO_DEBUG="true", DJANGO_PORTAL_NAME=" ")
    assert result.returncode != 0
    assert "DJANGO_PORTAL_NAME must not be empty" in result.stderr
