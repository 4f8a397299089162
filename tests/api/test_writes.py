"""Writes through the API: payments with an Idempotency-Key (twice, or twenty at once: one payment), tickets
from other channels, meter readings into an open round, applications from the website; bad input answered
with a structured 4xx and nothing written."""

import json
import threading
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from billing.models import Payment
from documents.models import Scope
from servicedesk.models import Category, Ticket
from tenancy.models import Application

from .conftest import client_with


def _payment(tenant_id: int, **extra):
    return {
        "tenant": tenant_id,
        "amount": "1200.00",
        "method": "transfer",
        "received_on": "2026-03-02",
        **extra,
    }


def test_the_same_idempotency_key_twice_records_one_payment(world, make_key):
    one, _two = world
    client = client_with(make_key(Scope.PAYMENTS_WRITE))
    before = Payment.objects.count()
    first = client.post(
        reverse("api:payment-list"), _payment(one.tenant.pk), format="json", HTTP_IDEMPOTENCY_KEY="bank-1"
    )
    again = client.post(
        reverse("api:payment-list"), _payment(one.tenant.pk), format="json", HTTP_IDEMPOTENCY_KEY="bank-1"
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Payment.objects.count() == before + 1
    payment = Payment.objects.get(pk=first.json()["id"])
    assert payment.recorded_by.api_key.name == "Gate system"


def test_an_idempotency_key_reused_for_another_payment_is_a_conflict(world, make_key):
    one, _two = world
    client = client_with(make_key(Scope.PAYMENTS_WRITE))
    client.post(
        reverse("api:payment-list"), _payment(one.tenant.pk), format="json", HTTP_IDEMPOTENCY_KEY="k2"
    )
    other = _payment(one.tenant.pk, amount="99.00")
    response = client.post(reverse("api:payment-list"), other, format="json", HTTP_IDEMPOTENCY_KEY="k2")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_conflict"


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_posts_with_one_key_record_one_payment(world, make_key):
    one, _two = world
    secret = make_key(Scope.PAYMENTS_WRITE)
    before = Payment.objects.count()
    codes: list[int] = []
    barrier = threading.Barrier(20)

    def post() -> None:
        try:
            barrier.wait()
            response = client_with(secret).post(
                reverse("api:payment-list"),
                _payment(one.tenant.pk),
                format="json",
                HTTP_IDEMPOTENCY_KEY="rush",
            )
            codes.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [200] * 19 + [201]
    assert Payment.objects.count() == before + 1


BAD = [
    ("malformed json", b"{not json", "parse_error", 400),
    (
        "wrong type",
        {"tenant": "abc", "amount": "x", "method": "transfer", "received_on": "soon"},
        "invalid",
        400,
    ),
    ("unknown field", {**_payment(1), "amount_in_words": "one"}, "invalid", 400),
    ("a list", [1, 2], "invalid", 400),
]


@pytest.mark.parametrize(("label", "body", "code", "status"), BAD, ids=[b[0] for b in BAD])
def test_bad_payment_input_is_refused_with_the_reason_and_nothing_written(
    world, make_key, label, body, code, status
):
    client = client_with(make_key(Scope.PAYMENTS_WRITE))
    before = Payment.objects.count()
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = client.generic(
        "POST", reverse("api:payment-list"), data, content_type="application/json", HTTP_IDEMPOTENCY_KEY="bad"
    )
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    assert Payment.objects.count() == before


def test_unknown_and_wrong_fields_are_named(world, make_key):
    one, _two = world
    client = client_with(make_key(Scope.PAYMENTS_WRITE))
    body = {**_payment(one.tenant.pk), "amount": "-5", "colour": "red"}
    response = client.post(reverse("api:payment-list"), body, format="json", HTTP_IDEMPOTENCY_KEY="x")
    assert set(response.json()["error"]["fields"]) == {"colour"}
    body = {**_payment(one.tenant.pk), "amount": "-5"}
    response = client.post(reverse("api:payment-list"), body, format="json", HTTP_IDEMPOTENCY_KEY="x")
    assert set(response.json()["error"]["fields"]) == {"amount"}


def test_a_domain_refusal_is_a_400_at_its_field(world, make_key):
    one, _two = world
    client = client_with(make_key(Scope.PAYMENTS_WRITE))
    body = _payment(one.tenant.pk, received_on="2099-01-01")
    response = client.post(reverse("api:payment-list"), body, format="json", HTTP_IDEMPOTENCY_KEY="future")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"received_on": [response.json()["error"]["message"]]}
    assert not Payment.objects.filter(received_on="2099-01-01").exists()


def test_a_payment_needs_the_header_and_the_scope(world, make_key):
    one, _two = world
    response = client_with(make_key(Scope.PAYMENTS_WRITE)).post(
        reverse("api:payment-list"), _payment(one.tenant.pk), format="json"
    )
    assert response.json()["error"]["fields"] == {"Idempotency-Key": [response.json()["error"]["message"]]}
    reader = client_with(make_key(Scope.BILLING_READ))
    response = reader.post(
        reverse("api:payment-list"), _payment(one.tenant.pk), format="json", HTTP_IDEMPOTENCY_KEY="a"
    )
    assert response.status_code == 403


def test_a_ten_megabyte_body_is_refused_unread(world, make_key):
    client = client_with(make_key(Scope.PAYMENTS_WRITE))
    before = Payment.objects.count()
    body = b'{"tenant": 1, "payer": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    response = client.generic(
        "POST", reverse("api:payment-list"), body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="big"
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert Payment.objects.count() == before


def test_a_payment_for_a_tenant_of_another_building_is_refused(world, make_key):
    one, two = world
    client = client_with(make_key(Scope.PAYMENTS_WRITE, buildings=(one.building.pk,)))
    response = client.post(
        reverse("api:payment-list"), _payment(two.tenant.pk), format="json", HTTP_IDEMPOTENCY_KEY="b"
    )
    assert response.status_code == 400
    assert "tenant" in response.json()["error"]["fields"]


def test_a_ticket_from_the_phone_system(world, make_key):
    one, _two = world
    client = client_with(make_key(Scope.TICKETS_WRITE, Scope.TICKETS_READ))
    body = {
        "kind": "repair",
        "channel": "phone",
        "category": Category.objects.first().pk,
        "description": "Water leaking in the corridor",
        "tenant": one.tenant.pk,
        "unit": one.lease.units.first().pk,
    }
    response = client.post(reverse("api:ticket-list"), body, format="json")
    assert response.status_code == 201, response.content
    ticket = Ticket.objects.get(pk=response.json()["id"])
    assert ticket.channel == "phone" and ticket.owner.api_key.name == "Gate system"
    portal = {**body, "channel": "portal"}
    assert client.post(reverse("api:ticket-list"), portal, format="json").status_code == 400


def test_an_application_from_the_website(world, make_key):
    client = client_with(make_key(Scope.APPLICATIONS_WRITE))
    body = {
        "applicant_kind": "company",
        "applicant_name": "上海示例科技有限公司",
        "contact_name": "李女士",
        "contact_mobile": "13912345678",
        "area_min": "100.00",
    }
    key = str(uuid.uuid4())
    first = client.post(reverse("api:application-create"), body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    again = client.post(reverse("api:application-create"), body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert (first.status_code, again.status_code) == (201, 200), first.content
    assert Application.objects.filter(applicant_name=body["applicant_name"]).count() == 1
    assert "/intake/" in first.json()["follow_url"] or first.json()["follow_url"].startswith("http")
    assert Decimal(Application.objects.get(pk=first.json()["id"]).area_min) == Decimal("100.00")
