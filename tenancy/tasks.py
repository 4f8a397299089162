"""Tenancy's clocks: thin Celery wrappers around services, safe to run twice."""

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from .credit import services as credit_services
from .intake import decision


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def admission_deadlines_check() -> dict[str, int]:
    """Daily: remind approved applicants whose signing deadline is near; lapse approvals past it."""
    today = timezone.localdate()
    return {
        "reminded": decision.admission_reminders_send(today=today),
        "lapsed": decision.admissions_lapse(today=today),
    }


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def credit_reassessments_due() -> list[int]:
    """Daily: the tenants due for their yearly credit reassessment (ids), logged."""
    return credit_services.credit_reassessment_due_log(today=timezone.localdate())


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def tenancy_daily() -> dict[str, int]:
    """Daily (beat): the signing deadlines, and the list of tenants due for credit reassessment."""
    result = admission_deadlines_check()
    result["credit_due"] = len(credit_reassessments_due())
    return result
