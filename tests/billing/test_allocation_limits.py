"""Money is matched once: a payment recorded while the billing run matches the same tenant's credit waits
for it, and the database refuses allocations beyond a payment or a bill whatever the code does."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum

from billing.models import Allocation, Bill, CreditNote, Payment
from billing.selectors import tenant_credit
from billing.services import payments
from billing.services.bills import billing_run, credit_note_issue
from tests.billing.factories import MARCH, active_lease, issued_bill, pay
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

APRIL = date(2026, 4, 1)


def _matched(payment: Payment) -> Decimal:
    return payment.allocations.aggregate(t=Sum("amount"))["t"] or Decimal("0")


def test_credit_apply_in_the_run_and_a_payment_at_once_match_the_credit_once(monkeypatch):
    # given: March billed, and a payment as large as March's bill still unmatched (credit)
    lease = active_lease()
    march = issued_bill(lease)
    clerk = UserFactory(roles=["finance"])
    credit = pay(lease.tenant, march.total, by=clerk, on=APRIL, allocations={march.pk: Decimal("0")})
    assert tenant_credit(lease.tenant_id) == march.total
    # the run stops right after reading the tenant's free money, until the payment is done (or 3 s)
    read, paid = threading.Event(), threading.Event()
    original = payments._payments_with_matched

    def pausing(tenant_id: int) -> list[Payment]:
        found = original(tenant_id)
        if threading.current_thread().name == "run":
            read.set()
            paid.wait(timeout=3)
        return found

    monkeypatch.setattr(payments, "_payments_with_matched", pausing)
    errors: list[Exception] = []

    def run() -> None:
        try:
            billing_run(month=APRIL, today=APRIL)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            read.set()
            connection.close()

    def payment() -> None:
        try:
            read.wait(timeout=10)
            pay(lease.tenant, "1", by=clerk, on=APRIL)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            paid.set()
            connection.close()

    # when: the payment is recorded while the run matches the credit
    threads = [threading.Thread(target=run, name="run"), threading.Thread(target=payment, name="pay")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then: both succeed, and no payment is matched beyond its amount nor any bill beyond its total
    assert errors == []
    assert Bill.objects.filter(lease=lease).count() == 2
    for each in Payment.objects.all():
        assert _matched(each) <= each.amount
    for bill in Bill.objects.all():
        assert (bill.allocations.aggregate(t=Sum("amount"))["t"] or 0) <= bill.total
    assert _matched(credit) == credit.amount
    assert tenant_credit(lease.tenant_id) == 0


def test_the_database_refuses_matching_more_than_the_payment():
    # given: a payment of 100 kept as credit, and an open bill larger than that
    lease = active_lease()
    march = issued_bill(lease)
    clerk = UserFactory(roles=["finance"])
    payment = pay(lease.tenant, "100", by=clerk, allocations={march.pk: Decimal("0")})
    # when / then: an allocation of 100.01 written directly is refused at commit
    with pytest.raises(IntegrityError, match="is matched for"), transaction.atomic():
        Allocation.objects.create(payment=payment, bill=march, amount=Decimal("100.01"))
    # and two allocations that add up to more are refused too
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.create(payment=payment, bill=march, amount=Decimal("60"))
        Allocation.objects.create(payment=payment, bill=march, amount=Decimal("60"))
    assert not Allocation.objects.exists()


def test_the_database_refuses_matching_more_than_the_bill_asks():
    # given: a payment larger than the bill, kept as credit
    lease = active_lease()
    march = issued_bill(lease)
    clerk = UserFactory(roles=["finance"])
    payment = pay(lease.tenant, march.total + 500, by=clerk, allocations={march.pk: Decimal("0")})
    # when / then
    with pytest.raises(IntegrityError, match="asks for"), transaction.atomic():
        Allocation.objects.create(payment=payment, bill=march, amount=march.total + Decimal("0.01"))
    assert not Allocation.objects.exists()


def test_the_database_refuses_a_credit_note_on_a_bill_already_paid(monkeypatch):
    # given: March paid in full
    lease = active_lease()
    march = issued_bill(lease)
    clerk = UserFactory(roles=["finance"])
    pay(lease.tenant, march.total, by=clerk)
    # the service's own check is fooled into thinking the bill is still open
    monkeypatch.setattr("billing.services.bills.bill_outstanding", lambda bill: bill.total)
    # when / then
    with pytest.raises(IntegrityError, match="asks for"):
        credit_note_issue(bill=march, amount=Decimal("10"), reason="goodwill", by=clerk, today=MARCH)
    assert not CreditNote.objects.exists()
