"""`manage.py check --deploy` is clean with production settings, and catches the settings that are not."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The production values of .env.example, with the secret an operator fills in. Every security-relevant
# variable is set there, so a developer's .env (read only for what is unset) cannot weaken the check.
PRODUCTION = {
    **dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", (ROOT / ".env.example").read_text(), flags=re.MULTILINE)),
    "SECRET_KEY": secrets.token_urlsafe(50),
}


def _check_deploy(**overrides: str) -> subprocess.CompletedProcess[str]:
    passed_through = ("PATH", "HOME", "LANG", "DATABASE_URL", "REDIS_URL")
    env = {name: os.environ[name] for name in passed_through if name in os.environ}
    env.update(PRODUCTION, **overrides)
    return subprocess.run(  # noqa: S603 - fixed argument list
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_example_settings_are_the_production_ones():
    # then: what the check below relies on
    for variable in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "REQUIRE_2FA"):
        assert PRODUCTION[variable] == "true", variable
    assert PRODUCTION["DEBUG"] == "false"
    assert int(PRODUCTION["SECURE_HSTS_SECONDS"]) >= 31536000
    assert "*" not in PRODUCTION["ALLOWED_HOSTS"]


def test_check_deploy_passes_with_production_settings():
    # when
    result = _check_deploy()
    # then
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "warning"),
    [
        ("DEBUG", "true", "security.W018"),
        ("SECRET_KEY", "dev-only", "security.W009"),
        ("SECURE_SSL_REDIRECT", "false", "security.W008"),
        ("SESSION_COOKIE_SECURE", "false", "security.W012"),
        ("CSRF_COOKIE_SECURE", "false", "security.W016"),
        ("SECURE_HSTS_SECONDS", "0", "security.W004"),
    ],
)
def test_check_deploy_fails_on_an_unsafe_setting(variable, value, warning):
    # when
    result = _check_deploy(**{variable: value})
    # then
    assert result.returncode != 0
    assert warning in result.stdout + result.stderr
