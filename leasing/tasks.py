"""Leasing's clocks: thin Celery wrappers around idempotent services."""

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from . import occupancy
from .leases import ending, renewals, services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def lease_expiry_reminders_send(today: str | None = None) -> int:
    """Daily: activate leases whose start has come, end handed-back leases whose end date passed, open the
    renewal cases due (catching up missed days), then send each case's letter not sent yet. Returns the
    number of cases opened; a second run opens none."""
    day = timezone.localdate() if today is None else timezone.datetime.fromisoformat(today).date()
    services.leases_activate_due(today=day)
    ending.leases_end_due(today=day)
    opened = renewals.lease_expiry_sweep(today=day)
    for case_id in renewals.renewal_cases_without_letter():
        renewals.renewal_letter_send(case_id=case_id)
    return len(opened)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def units_occupancy_repair() -> int:
    """Weekly: derive every unit's occupancy again (the daily sweep refreshes only the units whose leases
    moved or whose lease lines started or ended in the last days), so a status a failure left stale is
    repaired. Returns how many units changed; a second run changes none."""
    return occupancy.units_occupancy_refresh()
