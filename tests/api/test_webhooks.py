"""Webhooks: a receiver started by the test gets a signed delivery from a real Celery worker, checks the
signature, fails twice and accepts the third attempt; an endpoint failing for a day is paused and management
told; only HTTPS (or a test host) is accepted."""

import hashlib
import hmac
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from documents.api.webhooks import SIGNATURE_HEADER, signature, webhook_attempt, webhook_emit
from documents.errors import DomainError
from documents.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from tenancy.integrations.webhooks import webhook_endpoint_create, webhook_endpoint_resume
from tests.billing.factories import pay
from tests.celery_workers import routes_set
from tests.factories import TenantFactory


class Receiver:
    """An HTTP receiver on a free port: verifies each signature, answers 500 to the first ``fail`` posts."""

    def __init__(self, fail: int) -> None:
        self.fail, self.calls, self.valid, self.secret = fail, [], [], ""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.calls.append(json.loads(body))
                receiver.valid.append(receiver.verify(self.headers[SIGNATURE_HEADER], body))
                code = 500 if len(receiver.calls) <= receiver.fail else 200
                self.send_response(code)
                self.end_headers()
                self.wfile.write(b"try again" if code == 500 else b"ok")

            def log_message(self, *args: object) -> None:
                """Quiet: the test reads the calls it received, not the server's access log."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def verify(self, header: str, body: bytes) -> bool:
        """What a receiver does: recompute HMAC-SHA256 of "t.body" and refuse an old timestamp."""
        parts = dict(item.split("=", 1) for item in header.split(","))
        expected = hmac.new(
            self.secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256
        ).hexdigest()
        fresh = abs(time.time() - int(parts["t"])) < 300
        return fresh and hmac.compare_digest(expected, parts["v1"])


@pytest.fixture
def receiver():
    receiver = Receiver(fail=2)
    yield receiver
    receiver.server.shutdown()


@pytest.fixture
def webhook_worker(request, monkeypatch, settings):
    """A real worker that retries after 1 s, 2 s; deliveries routed to its private queue."""
    from config.celery import app

    settings.WEBHOOK_HTTP_HOSTS = ["127.0.0.1"]
    monkeypatch.setenv("WEBHOOK_RETRY_SECONDS", "1")
    monkeypatch.setenv("WEBHOOK_HTTP_HOSTS", "127.0.0.1")
    queue = request.getfixturevalue("worker_queue")
    original = app.conf.task_routes
    routes_set({**original, "documents.api.tasks.webhook_deliver": {"queue": queue}})
    yield queue
    routes_set(original)


from tests.test_celery_worker import worker_queue  # noqa: E402, F401 - the real worker fixture


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_signed_delivery_fails_twice_and_the_third_retry_is_accepted(
    receiver, webhook_worker, general_manager, finance_manager
):
    # given an endpoint for payments
    endpoint = webhook_endpoint_create(
        name="Accounting", url=receiver.url, events=[WebhookEvent.PAYMENT_RECORDED], by=general_manager
    )
    receiver.secret = endpoint.secret
    # when a payment is recorded (the delivery is queued when its transaction commits)
    with transaction.atomic():
        payment = pay(TenantFactory(), "88.00", by=finance_manager, on=timezone.localdate())
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        delivery.refresh_from_db()
        if delivery.status == WebhookDelivery.Status.DELIVERED:
            break
        time.sleep(0.5)
    # then
    assert delivery.status == WebhookDelivery.Status.DELIVERED, (delivery.attempts, delivery.response_body)
    assert delivery.attempts == 3 and delivery.response_status == 200 and delivery.response_body == "ok"
    assert len(receiver.calls) == 3 and all(receiver.valid)
    assert receiver.calls[0]["event"] == "payment.recorded"
    assert (
        receiver.calls[0]["data"]["payment"] == payment.pk and receiver.calls[0]["data"]["amount"] == "88.00"
    )
    endpoint.refresh_from_db()
    assert endpoint.failing_since is None and endpoint.paused_at is None


def test_an_endpoint_failing_for_a_day_is_paused_and_management_told(db, general_manager, settings):
    receiver = Receiver(fail=99)
    try:
        settings.WEBHOOK_HTTP_HOSTS = ["127.0.0.1"]
        general_manager.email = "gm@example.com"
        general_manager.save()
        endpoint = webhook_endpoint_create(
            name="Gate", url=receiver.url, events=[WebhookEvent.PASS_REVOKED], by=general_manager
        )
        (delivery,) = webhook_emit(WebhookEvent.PASS_REVOKED, {"pass": 1})
        assert webhook_attempt(delivery.pk) is False
        endpoint.refresh_from_db()
        assert endpoint.failing_since is not None and endpoint.paused_at is None
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
            failing_since=timezone.now() - timedelta(hours=25)
        )
        webhook_attempt(delivery.pk)
        endpoint.refresh_from_db()
        assert endpoint.paused_at is not None
        assert [m.to for m in mail.outbox] == [["gm@example.com"]]
        assert webhook_emit(WebhookEvent.PASS_REVOKED, {"pass": 2}) == []
        webhook_endpoint_resume(endpoint=endpoint, by=general_manager)
        assert len(webhook_emit(WebhookEvent.PASS_REVOKED, {"pass": 3})) == 1
    finally:
        receiver.server.shutdown()


def test_only_https_and_only_management(db, general_manager, finance_manager):
    with pytest.raises(DomainError) as error:
        webhook_endpoint_create(
            name="x", url="http://example.com/hook", events=[WebhookEvent.BILL_ISSUED], by=general_manager
        )
    assert error.value.field == "url"
    with pytest.raises(PermissionDenied):
        webhook_endpoint_create(
            name="x", url="https://example.com/hook", events=[WebhookEvent.BILL_ISSUED], by=finance_manager
        )
    assert not WebhookEndpoint.objects.exists()


def test_the_signature_is_hmac_sha256_of_timestamp_and_body():
    header = signature("s3cret", 1700000000, b'{"a":1}')
    expected = hmac.new(b"s3cret", b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
    assert header == f"t=1700000000,v1={expected}"


def test_nothing_is_queued_when_nobody_listens(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert webhook_emit(WebhookEvent.BILL_ISSUED, {"bill": 1}) == []
