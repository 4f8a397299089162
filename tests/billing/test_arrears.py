"""Deposits and refunds, late fees once per bill and day, dunning stages once per bill."""

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection

from billing.models import Account, DepositAccount, DunningLetter, LateFee, Refund
from billing.selectors import bill_outstanding, suspended_tenant_ids
from billing.services.arrears import dunning_run, late_fees_accrue
from billing.services.deposits import Payee, deposit_receive, refund_approve, refund_open
from billing.services.ledger import account_balance, receivable_balance
from documents.errors import DomainError
from documents.models import Notice
from tenancy.models import CreditAssessment
from tests.billing.factories import ISSUED_AHEAD, MARCH, active_lease, issued_bill, pay
from tests.factories import UserFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture


def test_a_deposit_is_held_as_a_liability_not_income(db, finance_manager):
    lease = active_lease()
    deposit_receive(lease=lease, amount=Decimal("3000"), method="transfer", on=MARCH, by=finance_manager)
    assert DepositAccount.objects.get(lease=lease).held == Decimal("3000.00")
    assert account_balance(Account.DEPOSITS_HELD, tenant_id=lease.tenant_id) == Decimal("-3000.00")
    assert account_balance(Account.BANK) == Decimal("3000.00")
    assert account_balance(Account.RENT_INCOME) == 0


def test_a_refund_over_the_deposit_is_refused(db, finance_manager):
    lease = active_lease()
    deposit_receive(lease=lease, amount=Decimal("3000"), method="transfer", on=MARCH, by=finance_manager)
    account = DepositAccount.objects.get(lease=lease)
    with pytest.raises(DomainError) as error:
        refund_open(account=account, amount=Decimal("3000.01"), by=finance_manager)
    assert error.value.field == "amount" and not Refund.objects.exists()


def test_a_refund_waits_for_a_second_approver(db, finance_manager):
    # given: a small refund (no amount is paid by one person)
    lease = active_lease()
    deposit_receive(lease=lease, amount=Decimal("3000"), method="transfer", on=MARCH, by=finance_manager)
    account = DepositAccount.objects.get(lease=lease)
    payee = Payee(name="T", bank="ICBC", account="6222")
    # when
    refund = refund_open(account=account, amount=Decimal("20"), by=finance_manager, payee=payee)
    # then: waits; the requester cannot approve it
    assert refund.status == Refund.Status.REQUESTED
    with pytest.raises(DomainError):
        refund_approve(refund=refund, by=finance_manager)
    refund = refund_approve(refund=refund, by=UserFactory(roles=["finance"]))
    assert refund.status == Refund.Status.PAID
    assert DepositAccount.objects.get(pk=account.pk).held == Decimal("2980.00")


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_approvals_pay_a_refund_once():
    # given: 1,000 held; one request of 300, approved twenty times at once
    clerk = UserFactory(roles=["finance"])
    approver = UserFactory(roles=["management"])
    lease = active_lease()
    deposit_receive(lease=lease, amount=Decimal("1000"), method="transfer", on=MARCH, by=clerk)
    account = DepositAccount.objects.get(lease=lease)
    refund = refund_open(
        account=account, amount=Decimal("300"), by=clerk, payee=Payee(name="T", bank="B", account="1")
    )
    barrier = threading.Barrier(20)
    paid, refused = [], []

    def approve(key: str) -> None:
        try:
            barrier.wait()
            paid.append(refund_approve(refund=refund, by=approver, key=key))
        except DomainError:
            refused.append(1)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(f"k{i}",)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert len(paid) == 1 and len(refused) == 19
    assert DepositAccount.objects.get(pk=account.pk).held == Decimal("700.00")
    assert account_balance(Account.DEPOSITS_HELD, tenant_id=lease.tenant_id) == Decimal("-700.00")


def test_late_fees_accrue_once_per_bill_and_day_after_the_grace_days(db):
    # given: due 5 March, 5 grace days, 0.05 % a day
    bill = issued_bill(active_lease(), today=ISSUED_AHEAD)
    # when: the clock runs late on the 15th, then twice more
    late_fees_accrue(today=date(2026, 3, 15))
    late_fees_accrue(today=date(2026, 3, 15))
    # then: 11th to 15th, once each
    days = list(LateFee.objects.values_list("day", flat=True))
    assert days == [date(2026, 3, d) for d in range(11, 16)]
    daily = (bill.total * Decimal("0.0005")).quantize(Decimal("0.01"))
    assert bill_outstanding(bill) == bill.total + 5 * daily
    assert receivable_balance(bill.tenant_id) == bill.total + 5 * daily


def test_late_fees_stop_at_the_cap(db, settings):
    settings.BILLING_LATE_FEE_CAP_PERCENT = 1
    bill = issued_bill(active_lease(late_fee_rate=Decimal("0.500")))
    late_fees_accrue(today=date(2026, 5, 1))
    total = sum(LateFee.objects.values_list("amount", flat=True))
    assert total == (bill.total / 100).quantize(Decimal("0.01"))


def test_no_late_fee_on_a_paid_bill(db, finance_manager):
    bill = issued_bill(active_lease())
    pay(bill.tenant, bill.total, by=finance_manager)
    late_fees_accrue(today=date(2026, 4, 1))
    assert not LateFee.objects.exists()


def test_dunning_sends_each_stage_once_and_suspension_lifts_when_paid(db, document_root, finance_manager):
    # given: due 5 March
    bill = issued_bill(active_lease(), today=ISSUED_AHEAD)
    # when: day 1 overdue, twice
    assert dunning_run(today=date(2026, 3, 6)) == 1
    assert dunning_run(today=date(2026, 3, 6)) == 0
    # then
    assert list(DunningLetter.objects.values_list("kind", flat=True)) == ["reminder"]
    assert Notice.objects.filter(tenant=bill.tenant, attachment__isnull=False).count() == 1
    # when: 30 days overdue: final notice, service suspended
    dunning_run(today=date(2026, 4, 4))
    assert DunningLetter.objects.filter(kind="final", suspends_service=True).exists()
    assert bill.tenant_id in suspended_tenant_ids()
    # when paid, suspension lifts
    pay(bill.tenant, bill_outstanding(bill), by=finance_manager, on=date(2026, 4, 5))
    assert bill.tenant_id not in suspended_tenant_ids()


def test_grade_c_tenants_get_the_strict_schedule(db, document_root, finance_manager):
    bill = issued_bill(active_lease())
    CreditAssessment.objects.create(
        tenant=bill.tenant,
        operations_score=10,
        finance_score=10,
        payment_score=10,
        grade="C",
        reason="r",
        assessed_by=finance_manager,
    )
    dunning_run(today=bill.due_date + timedelta(days=15))
    assert DunningLetter.objects.get().kind == "final"


def test_a_bill_first_dunned_past_the_final_stage_is_still_suspended(db, document_root):
    # given: the clock first sees the bill 70 days overdue
    bill = issued_bill(active_lease())
    # when
    dunning_run(today=bill.due_date + timedelta(days=70))
    # then: the final notice goes to the tenant and the recommendation to management; both suspend
    letters = dict(DunningLetter.objects.values_list("kind", "suspends_service"))
    assert letters == {"final": True, "termination": True}
    assert Notice.objects.filter(tenant=bill.tenant).count() == 1
    assert bill.tenant_id in suspended_tenant_ids()


def test_late_fees_count_from_the_due_date_a_late_issued_bill_gets(db):
    # given: due day 1, December's bill issued on the 7th: due the 14th; 5 grace days
    bill = issued_bill(active_lease(due_day=1), month=date(2026, 12, 1), today=date(2026, 12, 7))
    # when: the clock on the 19th (would have charged from the 7th counting from the 1st)
    late_fees_accrue(today=date(2026, 12, 19))
    # then: nothing yet
    assert not LateFee.objects.exists()
    # when: the day after the grace days
    late_fees_accrue(today=date(2026, 12, 20))
    # then
    assert list(LateFee.objects.values_list("day", flat=True)) == [date(2026, 12, 20)]
    assert bill.due_date == date(2026, 12, 14)


def test_dunning_counts_from_the_due_date_a_late_issued_bill_gets(db, document_root):
    # given: due day 1, December's bill issued on the 7th: due the 14th
    issued_bill(active_lease(due_day=1), month=date(2026, 12, 1), today=date(2026, 12, 7))
    # when: the day it is issued, and the day it falls due
    assert dunning_run(today=date(2026, 12, 7)) == 0
    assert dunning_run(today=date(2026, 12, 14)) == 0
    # then: the first reminder the day after
    assert dunning_run(today=date(2026, 12, 15)) == 1
    assert list(DunningLetter.objects.values_list("kind", flat=True)) == ["reminder"]
