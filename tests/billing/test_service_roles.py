"""Billing's services that move money or decide check the acting user's role themselves, not only the view:
a command, a task or another app calling them with the wrong user is refused (``PermissionDenied``) before
anything is written."""

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from billing.models import ClosedPeriod, CreditNote, DepositAccount, DepositMovement, Payment, Refund
from billing.services.bank import statement_row_record
from billing.services.bank_files import StatementRow
from billing.services.bills import credit_note_issue
from billing.services.deposits import deposit_receive, refund_approve, refund_open, refund_reject
from billing.services.ledger import period_close
from billing.services.payments import PaymentInput, payment_record
from billing.services.settlement import settlement_make
from billing.services.settlement_supplement import settlement_supplement
from tests.billing.factories import MARCH, active_lease, issued_bill
from tests.factories import UserFactory


def _payment(tenant) -> PaymentInput:
    return PaymentInput(
        tenant=tenant,
        amount=Decimal("100.00"),
        method="transfer",
        received_on=MARCH,
        idempotency_key=uuid.uuid4().hex,
    )


def _held(finance_manager) -> DepositAccount:
    lease = active_lease()
    deposit_receive(lease=lease, amount=Decimal("500"), method="transfer", on=MARCH, by=finance_manager)
    return DepositAccount.objects.get(lease=lease)


@pytest.mark.parametrize("role", ["front_desk", "business", "management"])
def test_payment_record_refuses_a_role_that_does_not_record_payments(db, role):
    # given
    lease = active_lease()
    # when / then
    with pytest.raises(PermissionDenied):
        payment_record(data=_payment(lease.tenant), by=UserFactory(roles=[role]))
    assert not Payment.objects.exists()


def test_payment_record_refuses_a_tenant_user(db, tenant_user):
    with pytest.raises(PermissionDenied):
        payment_record(data=_payment(tenant_user.tenant_membership.tenant), by=tenant_user)
    assert not Payment.objects.exists()


def test_credit_note_issue_refuses_the_front_desk(db, front_desk):
    # given
    bill = issued_bill()
    # when / then
    with pytest.raises(PermissionDenied):
        credit_note_issue(bill=bill, amount=Decimal("10"), reason="错开", by=front_desk)
    assert not CreditNote.objects.exists()


def test_deposit_receive_refuses_engineering(db, engineer):
    lease = active_lease()
    with pytest.raises(PermissionDenied):
        deposit_receive(lease=lease, amount=Decimal("500"), method="transfer", on=MARCH, by=engineer)
    assert not DepositMovement.objects.exists()


def test_a_refund_is_not_asked_for_by_the_front_desk(db, finance_manager, front_desk):
    # given
    account = _held(finance_manager)
    # when / then
    with pytest.raises(PermissionDenied):
        refund_open(account=account, amount=Decimal("10"), by=front_desk)
    assert not Refund.objects.exists()


@pytest.mark.parametrize("decide", [refund_approve, refund_reject])
def test_a_refund_is_not_decided_by_the_business_department(db, finance_manager, business_manager, decide):
    # given
    refund = refund_open(account=_held(finance_manager), amount=Decimal("10"), by=finance_manager)
    # when / then
    with pytest.raises(PermissionDenied):
        decide(refund=refund, by=business_manager)
    assert Refund.objects.get(pk=refund.pk).status == Refund.Status.REQUESTED


def test_a_bank_statement_row_is_not_recorded_by_management(db, general_manager):
    # given
    bill = issued_bill()
    row = StatementRow(line=1, on=MARCH, amount=Decimal("100.00"), reference=bill.number, payer="某公司")
    # when / then
    with pytest.raises(PermissionDenied):
        statement_row_record(row=row, bill=bill, by=general_manager)
    assert not Payment.objects.exists()


def test_period_close_refuses_the_business_department(db, business_manager):
    with pytest.raises(PermissionDenied):
        period_close(month=MARCH, by=business_manager)
    assert not ClosedPeriod.objects.exists()


@pytest.mark.parametrize("settle", [settlement_make, settlement_supplement])
def test_a_settlement_is_not_made_by_the_front_desk(db, front_desk, settle):
    lease = active_lease()
    with pytest.raises(PermissionDenied):
        settle(lease=lease, by=front_desk)
