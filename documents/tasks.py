"""Documents' clocks: thin Celery wrappers around services, safe to run twice."""

from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from . import fixity, reminders, retention, services
from .api.tasks import webhook_deliver  # noqa: F401 - the worker finds it here

# A mail server that is down, slow (EMAIL_TIMEOUT) or refusing for now: try again after 1, 2, 4 ... minutes
# (at most an hour apart, with jitter), eight times; then the hourly sweep picks the notice up again.
MAIL_ERRORS = (SMTPException, OSError, OperationalError)


@shared_task(
    autoretry_for=MAIL_ERRORS, retry_backoff=60, retry_backoff_max=60 * 60, retry_jitter=True, max_retries=8
)
def notice_email(notice_id: int) -> bool:
    """E-mail one recorded notice (queued when its transaction commits); never mails it twice."""
    return services.notice_email(notice_id=notice_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def notices_unsent_send() -> int:
    """Hourly: queue again the e-mail of every recent notice still not e-mailed; returns how many."""
    notice_ids = services.notices_unsent(now=timezone.now())
    for notice_id in notice_ids:
        notice_email.delay(notice_id)
    return len(notice_ids)


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
