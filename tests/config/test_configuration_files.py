"""Deployment files agree with the settings: every variable documented; `make run` creates its database."""

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _variables_read_by_settings() -> set[str]:
    source = (ROOT / "config" / "settings.py").read_text()
    return set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", source))


def _variables_in_env_example() -> set[str]:
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_env_example_documents_every_variable_the_settings_read():
    # given
    read = _variables_read_by_settings()
    # then
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL"} <= read  # the pattern still finds them
    assert sorted(read - _variables_in_env_example()) == []


def test_procfile_runs_the_web_server_one_worker_and_beat():
    # given
    processes = dict(
        line.split(":", 1)
        for line in (ROOT / "config" / "Procfile").read_text().splitlines()
        if line[:1].isalpha()
    )
    # then
    assert sorted(processes) == ["beat", "web", "worker"]
    assert "runserver $HOST:$PORT" in processes["web"]
    assert "worker" in processes["worker"] and "--concurrency 2" in processes["worker"]
    assert "--schedule var/celerybeat-schedule" in processes["beat"]


def test_make_run_listens_on_this_machine_unless_told_otherwise():
    # given
    makefile = (ROOT / "Makefile").read_text()
    serve = (ROOT / ".ci" / "serve").read_text()
    # then: HOST defaults to the loopback address in both, and the Procfile's web server uses it
    assert re.search(r"^HOST :?= 127\.0\.0\.1$", makefile, flags=re.MULTILINE)
    assert "HOST=$(HOST)" in makefile
    assert 'export HOST="${HOST:-127.0.0.1}"' in serve
    assert "0.0.0.0:" not in (ROOT / "config" / "Procfile").read_text()


def _server_params() -> dict[str, str | int | None]:
    db = settings.DATABASES["default"]
    return {
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
    }


def _database_exists(name: str) -> bool:
    with psycopg.connect(dbname="postgres", **_server_params()) as connection:
        return (
            connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
        )


def test_ensure_database_creates_a_missing_database_and_leaves_an_existing_one():
    # given
    params = _server_params()
    name = f"bo_ensure_{uuid.uuid4().hex[:10]}"
    credentials = f"{params['user']}:{params['password'] or ''}" if params["user"] else ""
    url = f"postgres://{credentials}@{params['host'] or '127.0.0.1'}:{params['port'] or 5432}/{name}"
    command = [sys.executable, str(ROOT / ".ci" / "ensure_database.py")]
    env = {**os.environ, "DATABASE_URL": url}
    try:
        # when: run twice, as two `make run`s would
        first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)  # noqa: S603
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)  # noqa: S603
        # then
        assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
        assert f"Created the database {name}" in first.stderr
        assert "Created" not in second.stderr
        assert _database_exists(name)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
