"""Queues and the portal's billing page never lose rows: the move-outs waiting for their confirmation and
the decided recommendations to terminate are paginated and exported; the portal pages its bills, payments
and letters, and its balance counts every open bill."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from billing.models import SettlementOverride, TerminationRecommendation
from billing.selectors import open_bills
from billing.services.arrears import dunning_run
from billing.services.collection_clock import collection_clock
from documents.money import yuan
from leasing.models import Lease
from tests.factories import MembershipFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

from .factories import ISSUED_AHEAD, active_lease, issued_bill, move_out_confirmed, pay

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _leaving() -> Lease:
    lease = active_lease()
    leaving = {"status": Lease.Status.NOTICE_GIVEN, "effective_end": date(2026, 3, 31)}
    Lease.objects.filter(pk=lease.pk).update(**leaving)
    return lease


def test_move_outs_waiting_for_their_confirmation_are_listed_with_their_units_and_exported(
    client, finance_manager, general_manager
):
    # given: two leases being moved out, neither confirmation signed; management let one be settled
    waiting, ready = _leaving(), _leaving()
    move_out_confirmed(waiting, signed=False)
    move_out_confirmed(ready, signed=False)
    SettlementOverride.objects.create(lease=ready, reason="租户未签字已离场", by=general_manager)
    client.force_login(finance_manager)
    url = reverse("billing:settlement-queue")
    # when
    page = client.get(url)
    rows = _csv(client.get(url, {"unconfirmed-export": "csv"}))
    # then: only the one without a signed confirmation or a reason, with its unit; the other is ready
    table = page.context["unconfirmed"]
    assert [row.record for row in table.paginated_rows] == [waiting]
    assert rows[1][:2] == [waiting.number, waiting.tenant.name]
    assert rows[1][3] == waiting.units.first().code
    assert list(page.context["leases"]) == [ready]


def test_decided_recommendations_are_listed_apart_and_exported(
    document_root, client, tenant, general_manager
):
    # given: two overdue tenants recommended for termination; one decided
    for lease in (active_lease(tenant=tenant), active_lease()):
        issued_bill(lease, today=ISSUED_AHEAD)
    due = date(2026, 3, 5)
    dunning_run(today=due + timedelta(days=60))
    collection_clock(today=due + timedelta(days=60))
    decided, waiting = TerminationRecommendation.objects.order_by("pk")
    TerminationRecommendation.objects.filter(pk=decided.pk).update(status="plan", note="分六期")
    client.force_login(general_manager)
    url = reverse("billing:recommendation-list")
    # when
    page = client.get(url)
    rows = _csv(client.get(url, {"decided-export": "csv"}))
    # then
    assert [row.record for row in page.context["decided"].paginated_rows] == [decided]
    assert [r.pk for r in page.context["waiting"]] == [waiting.pk]
    assert [row[1] for row in rows[1:]] == [decided.lease.number]
    assert rows[1][3:5] == ["Payment plan granted", "分六期"]


def test_the_portal_pages_payments_and_counts_every_open_bill(client, finance_manager):
    # given: 27 payments (a page shows 25) and open bills
    lease = active_lease()
    for month in (3, 4):
        issued_bill(lease, month=date(2026, month, 1))
    for n in range(27):
        pay(lease.tenant, Decimal("1.00") + n, by=finance_manager, on=date(2026, 2, 1) + timedelta(days=n))
    client.force_login(MembershipFactory(tenant=lease.tenant).user)
    url = reverse("portal:billing")
    # when
    first = client.get(url)
    second = client.get(url, {"payments-page": 2})
    # then: the oldest payment is on the second page, and the balance counts every open bill
    assert len(first.context["payments"]) == 25 and len(second.context["payments"]) == 2
    assert "¥1.00" in second.content.decode() and "¥1.00" not in first.content.decode()
    total = sum(bill.outstanding for bill in open_bills(lease.tenant_id))
    assert first.context["open_total"] == total
    assert yuan(total) in first.content.decode()
    assert "payments-page=2" in first.content.decode()
