"""Webhooks: the services announce an event by calling ``webhook_emit`` (no signals); each endpoint registered
for it gets a delivery, sent by Celery once the transaction commits, retried with back-off, logged with the
response.

Signature: header ``X-Webhook-Signature: t=<unix time>,v1=<hex>`` where ``<hex>`` is HMAC-SHA256 of
``"<t>.<raw body>"`` under the endpoint's secret. A receiver recomputes it and refuses an old ``t``.
An endpoint failing for ``WEBHOOK_PAUSE_AFTER_HOURS`` is paused and ``WEBHOOK_PAUSED_NOTIFY`` told.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from ..models import WebhookDelivery, WebhookEndpoint

SIGNATURE_HEADER = "X-Webhook-Signature"
RESPONSE_KEPT = 2000


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The header value for a body sent at ``timestamp``: ``t=...,v1=<HMAC-SHA256 hex>``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def webhook_emit(event: str, payload: dict[str, Any]) -> list[WebhookDelivery]:
    """Queue ``event`` for every live endpoint registered for it; sent after the caller's commit."""
    return webhook_emit_many(event, [payload])


def webhook_emit_many(event: str, payloads: list[dict[str, Any]]) -> list[WebhookDelivery]:
    """The same for many at once (a billing run's bills): one query when nobody listens."""
    endpoints = list(
        WebhookEndpoint.objects.filter(
            removed_at__isnull=True, paused_at__isnull=True, events__contains=[event]
        )
    )
    if not endpoints or not payloads:
        return []
    bodies = [json.loads(json.dumps(payload, cls=DjangoJSONEncoder)) for payload in payloads]
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event=event, payload=body)
        for endpoint in endpoints
        for body in bodies
    )
    from .tasks import webhook_deliver

    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: [webhook_deliver.delay(pk) for pk in ids])
    return deliveries


def _body(delivery: WebhookDelivery) -> bytes:
    envelope = {
        "id": delivery.pk,
        "event": delivery.event,
        "created_at": delivery.created_at.isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()


def _post(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> tuple[int | None, str]:
    body = _body(delivery)
    request = urllib.request.Request(  # noqa: S310 - the address is checked to be https (or a test host)
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "tenant-backoffice-webhooks/1",
            "X-Webhook-Event": delivery.event,
            "X-Webhook-Delivery": str(delivery.pk),
            SIGNATURE_HEADER: signature(endpoint.secret, int(time.time()), body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310
            return response.status, response.read(RESPONSE_KEPT).decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read(RESPONSE_KEPT).decode(errors="replace")
    except (urllib.error.URLError, OSError) as error:
        return None, str(error)[:RESPONSE_KEPT]


def webhook_attempt(delivery_id: int) -> bool:
    """Send a delivery once; True when the receiver answered 2xx (or there is nothing left to send)."""
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    endpoint = delivery.endpoint
    if delivery.status == WebhookDelivery.Status.DELIVERED or endpoint.removed_at or endpoint.paused_at:
        return True
    code, text = _post(endpoint, delivery)
    now = timezone.now()
    ok = code is not None and 200 <= code < 300
    delivery.attempts += 1
    delivery.response_status, delivery.response_body, delivery.last_attempt_at = code, text, now
    if ok:
        WebhookDelivery.LIFECYCLE.move(delivery, WebhookDelivery.Status.DELIVERED)
    delivery.delivered_at = now if ok else None
    delivery.save()
    _endpoint_health(endpoint, ok, now)
    return ok


def webhook_give_up(delivery_id: int) -> None:
    """The last attempt failed: the delivery is marked failed (kept in the log)."""
    failed = WebhookDelivery.Status.FAILED
    rows = WebhookDelivery.objects.filter(pk=delivery_id)
    WebhookDelivery.LIFECYCLE.movable(rows, failed).update(status=failed)


def _endpoint_health(endpoint: WebhookEndpoint, ok: bool, now: Any) -> None:
    """A success clears the failing clock; failures for a day pause the endpoint (once) and tell."""
    if ok:
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=None)
        return
    WebhookEndpoint.objects.filter(pk=endpoint.pk, failing_since__isnull=True).update(failing_since=now)
    limit = now - timedelta(hours=settings.WEBHOOK_PAUSE_AFTER_HOURS)
    paused = WebhookEndpoint.objects.filter(
        pk=endpoint.pk, paused_at__isnull=True, failing_since__lte=limit
    ).update(paused_at=now)
    if paused:
        import_string(settings.WEBHOOK_PAUSED_NOTIFY)(WebhookEndpoint.objects.get(pk=endpoint.pk))
