"""`manage.py check --deploy` is clean with production values, and says so loudly when not."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.shared_cache

ROOT = Path(__file__).resolve().parents[2]


def production_env(**overrides: str) -> dict[str, str]:
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SMTP_", "AWS_"))
        and key not in {"REDIS_URL", "ACCESSIBILITY_CONTACT_EMAIL"}
    }
    environ.update(
        {
            "DJANGO_DEBUG": "false",
            # Production runs on PostgreSQL (nothing connects to it for these checks).
            "DATABASE_URL": "postgres://portal@db.values.example.eu:5432/values",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "values.example.eu",
            "DJANGO_CSRF_TRUSTED_ORIGINS": "https://values.example.eu",
            "DJANGO_ADMIN_URL": "coordinators-7f3a/",
            "DJANGO_BEHIND_PROXY": "true",
            "SMTP_HOST": "smtp.example.eu",
            "SMTP_USER": "portal",
            "SMTP_PASSWORD": "not-a-real-password",
            "ACCESSIBILITY_CONTACT_EMAIL": "accessibility@values.example.eu",
        }
    )
    environ.update(overrides)
    return environ


def check_deploy(**overrides: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(**overrides),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_check_deploy_prints_no_warning_with_production_values():
    result = check_deploy()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_is_clean_with_redis_and_s3_configured():
    result = check_deploy(
        REDIS_URL="redis://127.0.0.1:6379/9",
        AWS_STORAGE_BUCKET_NAME="values-uploads",
        AWS_S3_ENDPOINT_URL="https://s3.example.eu",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="not-a-real-secret",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_when_a_protection_is_switched_off():
    # The test above would pass trivially if the check did not run: switching
    # HSTS off must make it fail.
    result = check_deploy(DJANGO_HSTS_SECONDS="0")

    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_check_deploy_warns_when_accessibility_reports_have_no_address():
    result = check_deploy(ACCESSIBILITY_CONTACT_EMAIL="")

    assert result.returncode != 0
    assert "network.W001" in result.stdout + result.stderr
