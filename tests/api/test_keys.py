"""Staff keys: scopes checked per view, buildings limit what a key sees, revoked and expired keys refused,
ID numbers masked without the confidential scope, every call attributed in the audit history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import ApiKey, Scope
from tenancy.integrations.services import api_key_revoke

from .conftest import client_with

LISTS = {
    Scope.SPACE_READ: ["api:building-list", "api:floor-list", "api:unit-list"],
    Scope.TENANTS_READ: ["api:tenant-list", "api:contact-list"],
    Scope.LEASES_READ: ["api:lease-list"],
    Scope.BILLING_READ: ["api:bill-list", "api:payment-list", "api:arrears"],
    Scope.PASSES_READ: ["api:worker-pass-list"],
    Scope.TICKETS_READ: ["api:ticket-list"],
}


def test_a_call_without_a_key_is_refused_with_the_error_body(world):
    response = client_with("nonsense").get(reverse("api:unit-list"))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_each_list_needs_its_scope(world, make_key):
    # given a key holding every read scope but one, in turn
    for scope, names in LISTS.items():
        client = client_with(make_key(*(s for s in LISTS if s != scope)))
        for name in names:
            # when / then
            response = client.get(reverse(name))
            assert response.status_code == 403, name
            assert scope in response.json()["error"]["message"]
    client = client_with(make_key(*LISTS))
    for names in LISTS.values():
        for name in names:
            assert client.get(reverse(name)).status_code == 200, name


def test_journal_entries_by_date_range(world, make_key):
    client = client_with(make_key(Scope.LEDGER_READ))
    assert client.get(reverse("api:journal-entry-list")).status_code == 400
    response = client.get(
        reverse("api:journal-entry-list"), {"date_from": "2026-01-01", "date_to": "2026-12-31"}
    )
    assert response.status_code == 200
    for entry in response.json()["results"]:
        assert sum(float(line["debit"]) for line in entry["lines"]) == sum(
            float(line["credit"]) for line in entry["lines"]
        )
    assert response.json()["count"] >= 4


def test_a_key_limited_to_one_building_sees_nothing_of_another(world, make_key):
    one, two = world
    client = client_with(make_key(*LISTS, Scope.LEDGER_READ, buildings=(one.building.pk,)))
    for names in LISTS.values():
        for name in names:
            body = client.get(reverse(name)).json()
            rows = body["results"] if isinstance(body, dict) else body
            text = str(rows)
            assert str(two.tenant.name) not in text, name
    detail = {
        "api:building-detail": two.building.pk,
        "api:unit-detail": two.lease.units.first().pk,
        "api:lease-detail": two.lease.pk,
        "api:tenant-detail": two.tenant.pk,
        "api:bill-detail": two.bill.pk,
        "api:payment-detail": two.payment.pk,
        "api:ticket-detail": two.ticket.pk,
    }
    for name, pk in detail.items():
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    own = client.get(reverse("api:lease-detail", args=[one.lease.pk]))
    assert own.status_code == 200
    assert own.json()["terms_in_force"]["monthly_rent"]
    entries = client.get(
        reverse("api:journal-entry-list"), {"date_from": "2026-01-01", "date_to": "2026-12-31"}
    )
    assert {e["building"] for e in entries.json()["results"]} <= {one.building.pk, None}


def test_id_numbers_are_masked_without_the_confidential_scope(world, make_key):
    one, _two = world
    plain = client_with(make_key(Scope.TENANTS_READ)).get(reverse("api:tenant-detail", args=[one.tenant.pk]))
    assert one.tenant.id_number not in str(plain.json())
    assert plain.json()["id_number"].startswith(one.tenant.id_number[:4])
    listed = client_with(make_key(Scope.TENANTS_READ)).get(reverse("api:tenant-list"))
    assert one.tenant.id_number not in str(listed.json())
    full = client_with(make_key(Scope.TENANTS_READ, Scope.CONFIDENTIAL)).get(
        reverse("api:tenant-detail", args=[one.tenant.pk])
    )
    assert full.json()["id_number"] == one.tenant.id_number


def test_revoked_and_expired_keys_are_refused(world, make_key, general_manager):
    raw = make_key(Scope.SPACE_READ)
    client = client_with(raw)
    assert client.get(reverse("api:unit-list")).status_code == 200
    key = ApiKey.objects.get(prefix=raw.split(".")[0])
    assert key.last_used_at is not None
    api_key_revoke(key=key, by=general_manager)
    response = client.get(reverse("api:unit-list"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert "revoked" in response.json()["error"]["message"]
    old = make_key(Scope.SPACE_READ)
    ApiKey.objects.filter(prefix=old.split(".")[0]).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    response = client_with(old).get(reverse("api:unit-list"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["message"]


def test_a_tampered_key_is_refused(world, make_key):
    raw = make_key(Scope.SPACE_READ)
    assert client_with(raw[:-2] + "xx").get(reverse("api:unit-list")).status_code == 401


def test_a_key_is_stored_hashed(world, make_key):
    raw = make_key(Scope.SPACE_READ)
    key = ApiKey.objects.get(prefix=raw.split(".")[0])
    assert raw not in key.key_hash and len(key.key_hash) == 64


def test_the_key_is_throttled(world, make_key, settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "key": "3/min"}
    client = client_with(make_key(Scope.SPACE_READ))
    codes = [client.get(reverse("api:building-list")).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other = client_with(make_key(Scope.SPACE_READ))
    assert other.get(reverse("api:building-list")).status_code == 200


@pytest.mark.parametrize("role", ["front_desk", "business", "legal", "finance", "engineering", "security"])
def test_only_management_creates_keys(world, staff_by_role, role):
    from django.core.exceptions import PermissionDenied

    from tenancy.integrations.services import api_key_create

    with pytest.raises(PermissionDenied):
        api_key_create(
            name="x", scopes=[Scope.SPACE_READ], building_ids=[], expires_on=None, by=staff_by_role[role]
        )
    assert not ApiKey.objects.exists()


def test_list_queries_are_constant(world, make_key, django_assert_max_num_queries):
    from tests.leasing.factories import UnitFactory

    one, _two = world
    client = client_with(
        make_key(Scope.SPACE_READ, Scope.BILLING_READ, Scope.LEASES_READ, Scope.TENANTS_READ)
    )
    names = ["api:unit-list", "api:bill-list", "api:lease-list", "api:tenant-list", "api:ticket-list"]
    counts = {}
    for name in names:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as before:
            client.get(reverse(name))
        counts[name] = len(before)
    for _ in range(10):
        UnitFactory(building=one.building)
    for name in ["api:unit-list"]:
        with django_assert_max_num_queries(counts[name]):
            client.get(reverse(name))


def test_messages_read_in_the_language_the_caller_asks(world):
    english = client_with("nonsense").get(reverse("api:unit-list"), HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["error"]["message"] == "This key is not valid."
    chinese = client_with("nonsense").get(reverse("api:unit-list"))
    assert chinese.json()["error"]["message"] == "该密钥无效。"


def test_an_address_no_route_matches_is_a_json_404(world, make_key):
    client = client_with(make_key(Scope.BILLING_READ))
    for response in (client.get("/api/v1/bills/null/"), client.post("/api/v1/nothing/", {}, format="json")):
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert client.get(reverse("api:bill-list"), {"page_size": "null"}).status_code == 400
