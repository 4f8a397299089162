"""The daily expiry task on a real Celery worker (against Redis and the test database): a second run opens
nothing and sends nothing."""

import os
import subprocess
import sys
import uuid
from datetime import date

import pytest

from documents.models import Notice
from leasing.models import Lease, RenewalCase
from leasing.tasks import lease_expiry_reminders_send
from tests.leasing.lease_factories import lease_in
from tests.test_celery_worker import ROOT, _database_url


@pytest.fixture
def worker_queue(tmp_path):
    """A worker on a private queue; letters go to the test's folder, its output to ``worker.log``."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DOCUMENT_ROOT": str(tmp_path / "documents"),
    }
    log = (tmp_path / "worker.log").open("wb")
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
def test_a_real_worker_runs_the_expiry_task_once_per_term(worker_queue):
    # given: committed leases, one due for its reminder on 1 April 2027
    due = lease_in(Lease.Status.ACTIVE, end_date=date(2027, 5, 31))
    lease_in(Lease.Status.ACTIVE, end_date=date(2027, 12, 31))
    # when
    first = lease_expiry_reminders_send.apply_async(args=["2027-04-01"], queue=worker_queue).get(timeout=90)
    second = lease_expiry_reminders_send.apply_async(args=["2027-04-01"], queue=worker_queue).get(timeout=90)
    # then
    assert (first, second) == (1, 0)
    assert list(RenewalCase.objects.values_list("lease", flat=True)) == [due.pk]
    assert Notice.objects.filter(tenant=due.tenant).count() == 1
