"""The billing clocks: the daily run on a real Celery worker against Redis issues the month's bills once;
the bills of every committed chunk are queued for sending even when the run fails later; a daily sweep sends
what an interrupted run left unsent."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from billing import tasks
from billing.models import Bill
from billing.services.bills import billing_run
from billing.tasks import billing_clock
from documents.models import Notice
from leasing.models import PaymentCycle
from tests.billing.factories import MARCH, active_lease
from tests.celery_workers import celery_worker, private_prefix
from tests.documents.factories import DocumentFactory


@pytest.fixture
def billing_worker(tmp_path: Path):
    """A worker on a private queue (its log in the test's tmp_path), stopped afterwards."""
    prefix = private_prefix()
    queue = f"{prefix}billing"
    with celery_worker(queue, prefix=prefix, log=tmp_path / "worker.log"):
        yield queue


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


@pytest.fixture
def queued_sending(monkeypatch):
    """The bill ids queued for sending, in order (instead of queueing them in Redis)."""
    queued: list[int] = []
    monkeypatch.setattr(tasks.bill_send, "delay", queued.append)
    return queued


def _today_is(monkeypatch, day):
    monkeypatch.setattr("billing.tasks.timezone.localdate", lambda value=None: day)


def test_bills_of_committed_chunks_are_queued_for_sending_when_the_run_fails_later(
    db, monkeypatch, queued_sending, django_capture_on_commit_callbacks
):
    # given: two leases billed in chunks of one, and the second chunk fails
    _today_is(monkeypatch, MARCH)
    first, second = active_lease(), active_lease()
    monkeypatch.setattr("billing.services.bills.CHUNK", 1)
    real_credits_apply = tasks.bills.credits_apply
    calls = []

    def credits_apply_failing_the_second_time(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("worker lost its database connection")
        return real_credits_apply(**kwargs)

    monkeypatch.setattr("billing.services.bills.credits_apply", credits_apply_failing_the_second_time)
    # when
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        billing_clock()
    # then: the first chunk's bill was issued and is on its way; the second chunk left nothing
    (issued,) = Bill.objects.all()
    assert issued.lease_id in (first.pk, second.pk)
    assert queued_sending == [issued.pk]


def test_a_chunk_hands_on_its_bills_only_once_it_committed(db, django_capture_on_commit_callbacks):
    # given
    lease = active_lease()
    handed_on: list[list[int]] = []
    # when
    with django_capture_on_commit_callbacks() as callbacks:
        billing_run(month=MARCH, today=MARCH, chunk_committed=handed_on.append)
        # then: nothing while the chunk's transaction is open
        assert handed_on == []
    for callback in callbacks:
        callback()
    assert handed_on == [[Bill.objects.get(lease=lease).pk]]


def test_the_sweep_queues_recent_regular_bills_no_notice_went_out_for(db, monkeypatch, queued_sending):
    # given: the March run issued two bills but stopped before sending them; one was sent by hand since
    unsent, sent = active_lease(), active_lease()
    billing_run(month=MARCH, today=MARCH)
    sent_bill = Bill.objects.get(lease=sent)
    pdf = DocumentFactory(tenant=sent.tenant)
    Bill.objects.filter(pk=sent_bill.pk).update(document_id=pdf.pk)
    Notice.objects.create(tenant=sent.tenant, subject="Bill", body="Bill", attachment=pdf)
    _today_is(monkeypatch, MARCH + timedelta(days=1))
    # when
    found = tasks.bills_unsent_send()
    # then
    assert found == 1
    assert queued_sending == [Bill.objects.get(lease=unsent).pk]


def test_the_sweep_leaves_old_bills_alone(db, monkeypatch, queued_sending):
    # given: a bill issued more than five weeks ago (before sending was recorded, say)
    active_lease()
    billing_run(month=MARCH, today=MARCH)
    _today_is(monkeypatch, MARCH + timedelta(days=40))
    # when / then
    assert tasks.bills_unsent_send() == 0 and queued_sending == []


def test_the_sweep_sends_each_unsent_bill_once(db, monkeypatch, settings, tmp_path, tasks_inline):
    # given: an issued bill never sent
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    lease = active_lease()
    billing_run(month=MARCH, today=MARCH)
    _today_is(monkeypatch, MARCH + timedelta(days=1))
    # when
    first, second = tasks.bills_unsent_send(), tasks.bills_unsent_send()
    # then
    assert (first, second) == (1, 0)
    bill = Bill.objects.get(lease=lease)
    assert Notice.objects.filter(tenant=lease.tenant, attachment_id=bill.document_id).count() == 1
