"""A real Celery worker process, against Redis and the test database, runs a task end to end."""

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import transaction

from config.celery import ping
from tests.factories import TenantFactory

ROOT = Path(__file__).resolve().parents[1]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker_queue():
    """Start a worker on a private queue; stop it afterwards."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DATABASE_URL": _database_url(), "CELERY_TASK_ALWAYS_EAGER": "false"}
    process = subprocess.Popen(  # noqa: S603 - fixed argument list
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            queue,
            "-c",
            "1",
            "--pool",
            "solo",
            "-n",
            f"{queue}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    yield queue
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_task_against_redis_and_the_database(worker_queue):
    # given: committed data the worker can see
    TenantFactory.create_batch(2)
    # when
    result = ping.apply_async(queue=worker_queue)
    # then
    assert result.get(timeout=60) == {"status": "ok", "tenants": 2}


def test_tasks_are_queued_only_when_the_transaction_commits(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    # given
    queued = []
    monkeypatch.setattr(ping, "apply_async", lambda *args, **kwargs: queued.append(kwargs))
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        ping.delay_on_commit()
        # then: nothing is queued while the transaction is open
        assert queued == []
    assert len(callbacks) == 1 and len(queued) == 1
