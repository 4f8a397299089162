"""Documents' clocks: thin Celery wrappers around services, safe to run twice."""

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from . import fixity, reminders, retention


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def expiry_reminders_send() -> int:
    """Daily: remind tenants of licences and IDs expiring within the window (once per document and date)."""
    return reminders.expiry_reminders_send(today=timezone.localdate())


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def retention_apply() -> int:
    """Nightly: remove the archived files the retention policy says are due; returns how many."""
    return retention.retention_apply(now=timezone.now())


@shared_task(autoretry_for=(OperationalError,), retry_backoff=60, max_retries=3)
def fixity_check_archived() -> dict[str, int]:
    """Nightly: recompute archived files' SHA-256 (each once a day) and record mismatches."""
    run = fixity.fixity_check_archived(now=timezone.now())
    return {"checked": run.checked, "failed": run.failed}
