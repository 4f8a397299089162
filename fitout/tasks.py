"""Fit-out's clocks: thin Celery wrappers around idempotent services."""

from dataclasses import asdict
from datetime import date

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from . import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def overdue_sweep(today: str | None = None) -> dict[str, int]:
    """Daily: flag rectification items, fit-out notices and works past their date, tell each tenant once.
    Returns what it flagged; a second run on the same day flags nothing and tells no one."""
    day = timezone.localdate() if today is None else date.fromisoformat(today)
    return asdict(services.overdue_sweep(today=day))
