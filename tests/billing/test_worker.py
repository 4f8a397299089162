"""The daily billing clock on a real Celery worker against Redis: issues the month's bills once."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.utils import timezone

from billing.models import Bill
from billing.tasks import billing_clock
from leasing.models import PaymentCycle
from tests.billing.factories import active_lease
from tests.test_celery_worker import ROOT, _database_url


@pytest.fixture
def billing_worker(tmp_path: Path):
    """A worker on a private queue (its log in the test's tmp_path), stopped afterwards."""
    queue = f"test-billing-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DATABASE_URL": _database_url(), "CELERY_TASK_ALWAYS_EAGER": "false"}
    log = (tmp_path / "worker.log").open("w")
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
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield queue
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_billing_clock_runs_on_a_worker_and_twice_adds_nothing(billing_worker):
    # given: a monthly lease running this month
    today = timezone.localdate()
    lease = active_lease(
        payment_cycle=PaymentCycle.MONTHLY,
        start_date=today.replace(day=1),
        end_date=today.replace(year=today.year + 1),
    )
    # when
    first = billing_clock.apply_async(queue=billing_worker).get(timeout=90)
    second = billing_clock.apply_async(queue=billing_worker).get(timeout=90)
    # then
    assert first["bills"] == 1 and second["bills"] == 0
    assert Bill.objects.filter(lease=lease).count() == 1
