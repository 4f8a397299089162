"""Billing's clocks: the monthly run, daily late fees and dunning; each a thin, idempotent wrapper."""

from datetime import date

from celery import shared_task
from django.core.cache import cache
from django.db import OperationalError
from django.utils import timezone

from .services import arrears, bills, documents, move_in
from .services import collection_clock as collection


def progress_key(month: date) -> str:
    return f"billing:run:{month:%Y-%m}"


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def billing_run(month: str | None = None) -> int:
    """Monthly (and on demand): issue the month's bills, then send each by notice. Returns how many."""
    first = date.fromisoformat(month) if month else timezone.localdate().replace(day=1)
    key = progress_key(first)

    def progress(done: int, total: int) -> None:
        cache.set(key, {"done": done, "total": total, "finished": False}, 24 * 60 * 60)

    issued = bills.billing_run(month=first, progress=progress, chunk_committed=bills_send_queue)
    cache.set(key, {"done": 1, "total": 1, "finished": True, "issued": len(issued)}, 24 * 60 * 60)
    return len(issued)


def bills_send_queue(bill_ids: list[int]) -> None:
    """Queue the sending of a committed chunk's bills (on the ``documents`` queue: each renders its bill)."""
    for bill_id in bill_ids:
        bill_send.delay(bill_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def bill_send(bill_id: int) -> None:
    """Render one bill and send it by notice; a bill sent already is not sent again."""
    documents.bill_send(bill_id=bill_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def bills_unsent_send() -> int:
    """Daily: queue the sending of every recent regular bill no notice went out for; returns how many."""
    bill_ids = documents.bills_unsent(today=timezone.localdate())
    bills_send_queue(bill_ids)
    return len(bill_ids)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def late_fees_accrue() -> int:
    """Daily: late fees for every overdue bill, once per bill and day."""
    return arrears.late_fees_accrue(today=timezone.localdate())


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def dunning_run() -> int:
    """Daily: the dunning letters due, once per bill and stage."""
    return arrears.dunning_run(today=timezone.localdate())


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def billing_clock() -> dict[str, int]:
    """Daily (one beat entry): the month's billing run (idempotent, so it also catches leases activated
    since the 1st), the move-in charge notices of signed leases that have none, then late fees and dunning."""
    today = timezone.localdate()
    month = today.replace(day=1)
    issued = bills.billing_run(month=month, today=today, chunk_committed=bills_send_queue)
    return {
        "bills": len(issued),
        "move_in_notices": move_in.move_in_charges_issue_due(today=today),
        "late_fees": arrears.late_fees_accrue(today=today),
        "letters": arrears.dunning_run(today=today),
    }


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def collection_clock() -> dict[str, int]:
    """Daily, after dunning: the arrears files' clock (idempotent)."""
    return collection.collection_clock(today=timezone.localdate())
