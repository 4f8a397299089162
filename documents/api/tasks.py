"""The webhook delivery task: one attempt per run, retried with doubling back-off until it is delivered,
the endpoint paused, or ``WEBHOOK_MAX_ATTEMPTS`` is reached."""

from typing import Any

from celery import shared_task
from django.conf import settings

from .webhooks import webhook_attempt, webhook_give_up


@shared_task(bind=True, max_retries=None, acks_late=True)
def webhook_deliver(self: Any, delivery_id: int) -> bool:
    """Send a webhook delivery; a failure is retried after WEBHOOK_RETRY_SECONDS × 2^(attempt - 1)."""
    if webhook_attempt(delivery_id):
        return True
    attempt = self.request.retries + 1
    if attempt >= settings.WEBHOOK_MAX_ATTEMPTS:
        webhook_give_up(delivery_id)
        return False
    raise self.retry(countdown=settings.WEBHOOK_RETRY_SECONDS * 2 ** (attempt - 1))
