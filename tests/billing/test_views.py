"""Billing pages: the run's preview and issue, payments (double submit, bad input at the field), credit
notes, deposits and refunds, settlement, fapiao; nothing is saved half-way."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from billing.models import (
    Bill,
    CreditNote,
    DepositAccount,
    FapiaoRequest,
    JournalEntry,
    Payment,
    Refund,
    Settlement,
)
from billing.services.deposits import deposit_receive
from billing.services.fitout_deposits import fitout_deposit_bill
from billing.services.ledger import period_close
from leasing.models import Lease
from tests.billing.factories import MARCH, active_lease, issued_bill, move_out_confirmed, pay
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture


def _payment_data(tenant, **overrides) -> dict:
    return {
        "tenant": tenant.pk,
        "amount": "100.00",
        "method": "transfer",
        "reference": "T1",
        "received_on": "2026-03-04",
        "idempotency_key": "form-1",
        **overrides,
    }


def test_run_preview_lists_the_bills_and_issuing_queues_the_run(
    client, finance_manager, db, monkeypatch, django_capture_on_commit_callbacks
):
    # given
    lease = active_lease()
    client.force_login(finance_manager)
    queued = []
    monkeypatch.setattr("billing.tasks.billing_run.delay", lambda month: queued.append(month))
    # when
    preview = client.get(reverse("billing:run"), {"month": "2026-03"})
    # then
    assert lease.number in preview.content.decode() and not Bill.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("billing:run"), {"month": "2026-03"})
    assert response.status_code == 302 and "run/progress" in response.url
    assert queued == ["2026-03-01"]
    progress = client.get(response.url)
    assert progress.status_code == 200 and 'role="progressbar"' in progress.content.decode()


def test_run_with_a_bad_month_shows_the_message(client, finance_manager, db):
    client.force_login(finance_manager)
    response = client.get(reverse("billing:run"), {"month": "March"})
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()


def test_record_a_payment_twice_posts_once(client, finance_manager, tenant):
    client.force_login(finance_manager)
    first = client.post(reverse("billing:payment-create"), _payment_data(tenant))
    second = client.post(reverse("billing:payment-create"), _payment_data(tenant))
    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert Payment.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount": ""}, "Enter the amount received."),
        ({"amount": "-5"}, "The amount must be above zero."),
        ({"received_on": "2026-02-10"}, "2026-02 is closed: nothing can be posted in it."),
    ],
)
def test_a_bad_payment_shows_the_message_at_the_field_and_posts_nothing(
    client, finance_manager, tenant, overrides, message
):
    period_close(month=date(2026, 2, 1), by=finance_manager)
    client.force_login(finance_manager)
    response = client.post(reverse("billing:payment-create"), _payment_data(tenant, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Payment.objects.exists() and not JournalEntry.objects.exists()


def test_an_allocation_larger_than_the_bill_is_refused_on_the_form(client, finance_manager, db):
    bill = issued_bill(active_lease())
    client.force_login(finance_manager)
    data = _payment_data(
        bill.tenant, amount=str(bill.total + 1), bill=bill.pk, bill_amount=str(bill.total + 1)
    )
    response = client.post(reverse("billing:payment-create"), data)
    assert response.status_code == 200 and "it cannot take" in response.content.decode()
    assert not Payment.objects.exists()


def test_credit_note_from_the_bill_page(client, finance_manager, db):
    bill = issued_bill(active_lease())
    client.force_login(finance_manager)
    url = reverse("billing:bill-detail", args=[bill.pk])
    too_much = client.post(url, {"amount": str(bill.total + 1), "reason": "x"})
    assert "A credit note cannot exceed" in too_much.content.decode() and not CreditNote.objects.exists()
    assert client.post(url, {"amount": "10", "reason": "area"}).status_code == 302
    assert CreditNote.objects.get().amount == Decimal("10.00")


def test_settlement_applies_the_deposit_and_shows_the_refund(client, finance_manager, db, document_root):
    # given: a bill, a deposit larger than the bill, notice given
    lease = active_lease()
    bill = issued_bill(lease)
    deposit_receive(
        lease=lease, amount=bill.total + Decimal("1000"), method="transfer", on=MARCH, by=finance_manager
    )
    Lease.objects.filter(pk=lease.pk).update(
        status=Lease.Status.NOTICE_GIVEN, effective_end=date(2026, 3, 31)
    )
    move_out_confirmed(lease)
    client.force_login(finance_manager)
    # when
    preview = client.get(reverse("billing:settlement", args=[lease.pk]))
    response = client.post(reverse("billing:settlement", args=[lease.pk]))
    # then: the page showed the refund before settling, and the settlement requested it
    assert preview.context["preview"].refund_due == Decimal("1000.00")
    assert 'data-testid="settlement-preview"' in preview.content.decode()
    assert response.status_code == 302
    assert Refund.objects.get().amount == Decimal("1000.00")
    settled_page = client.get(reverse("billing:settlement", args=[lease.pk])).content.decode()
    assert 'data-testid="settlement-refund"' in settled_page and "¥1,000.00" in settled_page
    settlement = Settlement.objects.get(lease=lease)
    assert settlement.applied == bill.total and settlement.refund_due == Decimal("1000.00")
    assert settlement.balance_due == 0 and settlement.document_id
    assert Bill.objects.get(pk=bill.pk).settled_on is not None
    assert DepositAccount.objects.get(lease=lease).held == Decimal("1000.00")


def test_fapiao_requested_in_the_portal_and_recorded_by_finance(client, tenant_user, finance_manager, db):
    payment = pay(tenant_user.tenant_membership.tenant, "100", by=finance_manager)
    client.force_login(tenant_user)
    url = reverse("portal:fapiao-request", args=[payment.pk])
    bad = client.post(url, {"title": "ACME", "tax_number": "x"})
    assert "A tax number is 15 to 20 digits" in bad.content.decode() and not FapiaoRequest.objects.exists()
    assert client.post(url, {"title": "ACME", "tax_number": "91110000000000000X"}).status_code == 302
    client.force_login(finance_manager)
    fapiao = FapiaoRequest.objects.get()
    issue = reverse("billing:fapiao-issue", args=[fapiao.pk])
    assert client.post(issue, {"fapiao_number": "12345678", "issued_on": "2026-03-10"}).status_code == 302
    assert FapiaoRequest.objects.get().fapiao_number == "12345678"


def test_the_deposits_page_offers_settlement_and_no_standalone_refund(client, finance_manager, db):
    # given: a lease deposit and a fit-out deposit (refunded through its permit's completion)
    lease = active_lease()
    deposit_receive(lease=lease, amount=Decimal("500"), method="cash", on=MARCH, by=finance_manager)
    lease_account = DepositAccount.objects.get(lease=lease, purpose=DepositAccount.Purpose.LEASE)
    fitout = fitout_deposit_bill(
        lease=lease,
        amount=Decimal("2000"),
        reference="ZX-1",
        due_date=MARCH + timedelta(days=7),
        by=finance_manager,
        today=MARCH,
    )
    client.force_login(finance_manager)
    # when
    page = client.get(reverse("billing:deposit-list")).content.decode()
    # then
    assert reverse("billing:settlement", args=[lease_account.lease_id]) in page
    assert (
        f"/deposits/{lease_account.pk}/refund/" not in page and f"/deposits/{fitout.pk}/refund/" not in page
    )
