"""Clocks of the service desk: thin Celery wrappers around idempotent services."""

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def sla_escalations_send() -> int:
    """Every five minutes: escalate each newly breached SLA clock to the department manager, once."""
    return services.sla_escalations_send()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def tickets_auto_close() -> int:
    """Daily: close resolved tickets followed up, or tried three times without an answer."""
    return services.tickets_auto_close()
