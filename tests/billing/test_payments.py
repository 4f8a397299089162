"""Payments: matched oldest first or as chosen, overpayment kept as credit, one payment per key."""

import threading
import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from billing.models import Allocation, Bill, JournalEntry, Payment
from billing.selectors import bill_outstanding, tenant_credit
from billing.services.bills import billing_run
from billing.services.ledger import period_close, receivable_balance
from billing.services.payments import PaymentInput, payment_record
from documents.errors import DomainError
from tests.billing.factories import MARCH, active_lease, issued_bill, pay
from tests.factories import UserFactory


def test_payment_settles_the_oldest_bill_first_and_keeps_the_rest_as_credit(db, finance_manager):
    # given: two bills
    lease = active_lease()
    march = issued_bill(lease)
    april = issued_bill(lease, month=date(2026, 4, 1))
    # when: pays March in full and part of April
    payment = pay(lease.tenant, march.total + Decimal("10"), by=finance_manager, on=date(2026, 4, 2))
    # then
    assert bill_outstanding(march) == 0 and Bill.objects.get(pk=march.pk).settled_on == date(2026, 4, 2)
    assert bill_outstanding(april) == april.total - Decimal("10")
    assert tenant_credit(lease.tenant_id) == 0
    assert receivable_balance(lease.tenant_id) == april.total - Decimal("10")
    assert payment.entry.lines.count() == 2


def test_overpayment_stays_as_credit_and_pays_the_next_bill(db, finance_manager):
    lease = active_lease()
    march = issued_bill(lease)
    pay(lease.tenant, march.total + Decimal("500"), by=finance_manager)
    assert tenant_credit(lease.tenant_id) == Decimal("500.00")
    assert receivable_balance(lease.tenant_id) == Decimal("-500.00")
    # when the next bill is issued, the credit pays it first
    april = issued_bill(lease, month=date(2026, 4, 1))
    assert bill_outstanding(april) == april.total - Decimal("500")
    assert tenant_credit(lease.tenant_id) == 0
    pay(lease.tenant, Decimal("1"), by=finance_manager, on=date(2026, 4, 1))
    assert bill_outstanding(april) == april.total - Decimal("501")


def test_payment_matched_as_chosen(db, finance_manager):
    lease = active_lease()
    march = issued_bill(lease)
    april = issued_bill(lease, month=date(2026, 4, 1))
    pay(
        lease.tenant,
        Decimal("100"),
        by=finance_manager,
        on=date(2026, 4, 1),
        allocations={april.pk: Decimal("100")},
    )
    assert bill_outstanding(april) == april.total - Decimal("100")
    assert bill_outstanding(march) == march.total


def test_an_allocation_larger_than_the_bill_is_refused_and_nothing_posted(db, finance_manager):
    lease = active_lease()
    march = issued_bill(lease)
    entries = JournalEntry.objects.count()
    with pytest.raises(DomainError) as error:
        pay(lease.tenant, march.total + 1, by=finance_manager, allocations={march.pk: march.total + 1})
    assert error.value.field == "allocations"
    assert not Payment.objects.exists() and JournalEntry.objects.count() == entries


@pytest.mark.parametrize("amount", [None, Decimal("0"), Decimal("-5")])
def test_a_payment_without_a_positive_amount_is_refused(db, finance_manager, tenant, amount):
    data = PaymentInput(tenant=tenant, amount=amount, method="cash", received_on=MARCH, idempotency_key="k")
    with pytest.raises(DomainError) as error:
        payment_record(data=data, by=finance_manager)
    assert error.value.field == "amount" and not Payment.objects.exists()


def test_a_payment_dated_in_a_closed_period_is_refused(db, finance_manager, tenant):
    period_close(month=date(2026, 2, 1), by=finance_manager)
    data = PaymentInput(
        tenant=tenant, amount=Decimal("5"), method="cash", received_on=date(2026, 2, 3), idempotency_key="k"
    )
    with pytest.raises(DomainError) as error:
        payment_record(data=data, by=finance_manager)
    assert error.value.field == "received_on" and not JournalEntry.objects.exists()


def test_the_same_key_twice_is_one_payment(db, finance_manager, tenant):
    first = pay(tenant, "100", by=finance_manager, key="same")
    second = pay(tenant, "100", by=finance_manager, key="same")
    assert first == second and Payment.objects.count() == 1 and JournalEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_identical_submissions_post_one_payment():
    # given
    lease = active_lease()
    billing_run(month=MARCH, today=MARCH)
    clerk = UserFactory(roles=["finance"])
    key = uuid.uuid4().hex
    barrier = threading.Barrier(20)
    results, errors = [], []

    def submit() -> None:
        try:
            barrier.wait()
            results.append(pay(lease.tenant, "1000", by=clerk, key=key).pk)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert errors == []
    assert len(set(results)) == 1 and len(results) == 20
    assert Payment.objects.count() == 1
    assert JournalEntry.objects.filter(source__startswith="payment:").count() == 1
    assert Allocation.objects.count() == 1
