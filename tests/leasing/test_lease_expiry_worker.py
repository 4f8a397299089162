"""The daily expiry task on a real Celery worker (against Redis and the test database): a second run opens
nothing and sends nothing."""

from datetime import date

import pytest

from documents.models import Notice
from leasing.models import Lease, RenewalCase
from leasing.tasks import lease_expiry_reminders_send
from tests.celery_workers import celery_worker, private_prefix
from tests.leasing.lease_factories import lease_in


@pytest.fixture
def worker_queue(tmp_path):
    """A worker on a private queue; letters go to the test's folder, its output to ``worker.log``."""
    prefix = private_prefix()
    queue = f"{prefix}private"
    env = {"DOCUMENT_ROOT": str(tmp_path / "documents")}
    with celery_worker(queue, prefix=prefix, log=tmp_path / "worker.log", env=env):
        yield queue


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
