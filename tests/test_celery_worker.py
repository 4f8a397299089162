"""A real Celery worker process, against Redis and the test database, runs a task end to end; real beat
processes share one lock, so only one fires the clocks."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import transaction

from config.celery import ping
from tests.celery_workers import ROOT, celery_worker, private_prefix, process_stop
from tests.celery_workers import database_url as _database_url
from tests.factories import TenantFactory


@pytest.fixture
def worker_queue(tmp_path):
    """A worker on a private queue (its output in the test's ``worker.log``); stopped afterwards."""
    prefix = private_prefix()
    queue = f"{prefix}private"
    with celery_worker(queue, prefix=prefix, log=tmp_path / "worker.log"):
        yield queue


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


def _beat(tmp_path: Path, name: str, lock_key: str) -> tuple[subprocess.Popen, Path]:
    """A real beat process (its own schedule file and log) sharing the test's beat lock in Redis."""
    log = tmp_path / f"{name}.log"
    env = {**os.environ, "DATABASE_URL": _database_url(), "CELERY_BEAT_LOCK_KEY": lock_key}
    process = subprocess.Popen(  # noqa: S603 - fixed argument list
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "beat",
            "-l",
            "info",
            "--schedule",
            str(tmp_path / f"{name}-schedule"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    return process, log


def _wait_for(log: Path, text: str, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log.read_text():
            return True
        time.sleep(0.5)
    return False


@pytest.mark.worker
def test_a_second_beat_stays_idle_until_the_first_one_stops(tmp_path):
    # given: a first beat runs and holds the lock
    lock_key = f"test-beat-lock-{uuid.uuid4().hex}"
    first, first_log = _beat(tmp_path, "first", lock_key)
    second = None
    try:
        assert _wait_for(first_log, "beat: holds the lock"), first_log.read_text()
        # when: a second beat starts against the same Redis
        second, second_log = _beat(tmp_path, "second", lock_key)
        # then: it waits, and never opens its schedule
        assert _wait_for(second_log, "another beat holds the lock"), second_log.read_text()
        time.sleep(2)
        assert "beat: holds the lock" not in second_log.read_text()
        assert not list(tmp_path.glob("second-schedule*"))
        # when the first one stops, the second takes over
        process_stop(first)
        assert _wait_for(second_log, "beat: holds the lock", timeout=30), second_log.read_text()
    finally:
        process_stop(first)
        if second is not None:
            process_stop(second)
        redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(lock_key)
