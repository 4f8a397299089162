"""Deposit refunds: a lease deposit only through its settlement; every refund approved and paid by a second
finance or management user, once, to the payee's recorded account."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from billing.models import DepositAccount, DepositMovement, JournalEntry, Refund
from billing.services.deposits import Payee, deposit_receive, refund_approve, refund_open, refund_request
from billing.services.settlement import settlement_make
from documents.errors import DomainError
from documents.models import Notice
from leasing.models import Lease
from tests.billing.factories import MARCH, active_lease, move_out_confirmed
from tests.factories import UserFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

ACCOUNT = Payee(name="上海某某有限公司", bank="工商银行浦东支行", account="6222 0210 0101 2345")


def _held(amount: str, by) -> DepositAccount:
    lease = active_lease()
    deposit_receive(lease=lease, amount=Decimal(amount), method="transfer", on=MARCH, by=by)
    return DepositAccount.objects.get(lease=lease)


def test_a_lease_deposit_is_not_refunded_outside_its_settlement(db, finance_manager):
    # given
    account = _held("500", finance_manager)
    # when / then
    with pytest.raises(DomainError) as error:
        refund_request(account=account, amount=Decimal("20"), by=finance_manager)
    assert error.value.field == "amount" and "settlement" in error.value.message
    assert not Refund.objects.exists() and DepositAccount.objects.get(pk=account.pk).held == Decimal("500")


def test_a_small_refund_is_not_paid_by_the_one_who_asks(db, finance_manager):
    # given / when: ten yuan, asked by finance
    refund = refund_open(account=_held("500", finance_manager), amount=Decimal("10"), by=finance_manager)
    # then: it waits, and the requester cannot approve it
    assert refund.status == Refund.Status.REQUESTED and refund.movement is None
    with pytest.raises(DomainError):
        refund_approve(refund=refund, by=finance_manager, payee=ACCOUNT)
    assert Refund.objects.get(pk=refund.pk).status == Refund.Status.REQUESTED


def test_only_finance_or_management_approves(db, finance_manager):
    # given
    refund = refund_open(
        account=_held("500", finance_manager), amount=Decimal("10"), by=finance_manager, payee=ACCOUNT
    )
    # when / then
    with pytest.raises(PermissionDenied):
        refund_approve(refund=refund, by=UserFactory(roles=["front_desk"]))
    refund = refund_approve(refund=refund, by=UserFactory(roles=["management"]))
    assert refund.status == Refund.Status.PAID


def test_a_refund_is_not_paid_to_an_unrecorded_account(db, finance_manager):
    # given: no bank account on the request
    refund = refund_open(account=_held("500", finance_manager), amount=Decimal("10"), by=finance_manager)
    # when / then
    with pytest.raises(DomainError) as error:
        refund_approve(refund=refund, by=UserFactory(roles=["finance"]))
    assert error.value.field == "payee_account"
    assert not DepositMovement.objects.filter(kind=DepositMovement.Kind.REFUNDED).exists()


def test_the_same_approval_posted_twice_pays_once(client, db, finance_manager):
    # given
    account = _held("500", finance_manager)
    refund = refund_open(account=account, amount=Decimal("100"), by=finance_manager, payee=ACCOUNT)
    approver = UserFactory(roles=["finance"])
    client.force_login(approver)
    url = reverse("billing:refund-decide", args=[refund.pk])
    form = {"decision": "approve", "approval_key": "k-1", "payee_bank": ACCOUNT.bank,
            "payee_account": ACCOUNT.account}  # fmt: skip
    # when
    first = client.post(url, form)
    second = client.post(url, form)
    # then: one payment, and the second post is not an error
    assert first.status_code == second.status_code == 302
    assert DepositAccount.objects.get(pk=account.pk).held == Decimal("400.00")
    assert JournalEntry.objects.filter(source=f"refund:{refund.pk}").count() == 1
    page = client.get(reverse("billing:deposit-list"))
    assert not [m for m in page.context["messages"] if m.level_tag == "error"]


def test_a_second_refund_of_the_same_request_is_refused(db, finance_manager):
    # given: paid once
    refund = refund_open(
        account=_held("500", finance_manager), amount=Decimal("100"), by=finance_manager, payee=ACCOUNT
    )
    approver = UserFactory(roles=["finance"])
    refund_approve(refund=refund, by=approver, key="a")
    # when / then: another approval (another form) is refused
    with pytest.raises(DomainError):
        refund_approve(refund=refund, by=approver, key="b")
    assert JournalEntry.objects.filter(source=f"refund:{refund.pk}").count() == 1


def test_the_settlement_records_the_payee_and_prints_it_on_the_refund_notice(
    client, db, finance_manager, document_root
):
    # given: a deposit and nothing owed, notice given
    lease = active_lease()
    deposit_receive(lease=lease, amount=Decimal("800"), method="transfer", on=MARCH, by=finance_manager)
    Lease.objects.filter(pk=lease.pk).update(
        status=Lease.Status.NOTICE_GIVEN, effective_end=date(2026, 3, 31)
    )
    move_out_confirmed(lease)
    client.force_login(finance_manager)
    # when
    form = {"payee_name": ACCOUNT.name, "payee_bank": ACCOUNT.bank, "payee_account": ACCOUNT.account}
    response = client.post(reverse("billing:settlement", args=[lease.pk]), form)
    # then
    assert response.status_code == 302
    refund = Refund.objects.get(account__lease=lease)
    assert (refund.payee_name, refund.payee_bank, refund.payee_account) == (
        ACCOUNT.name, ACCOUNT.bank, ACCOUNT.account
    )  # fmt: skip
    notice = Notice.objects.filter(tenant=lease.tenant, body__contains=ACCOUNT.account).get()
    assert ACCOUNT.bank in notice.body
    page = client.get(reverse("billing:settlement", args=[lease.pk])).content.decode()
    assert ACCOUNT.account in page


def test_settlement_requests_but_does_not_pay_the_refund(db, finance_manager, document_root):
    # given
    lease = active_lease()
    deposit_receive(lease=lease, amount=Decimal("50"), method="transfer", on=MARCH, by=finance_manager)
    Lease.objects.filter(pk=lease.pk).update(
        status=Lease.Status.NOTICE_GIVEN, effective_end=date(2026, 3, 31)
    )
    move_out_confirmed(lease)
    # when
    settlement_make(lease=lease, by=finance_manager, payee=ACCOUNT)
    # then
    assert Refund.objects.get(account__lease=lease).status == Refund.Status.REQUESTED
    assert DepositAccount.objects.get(lease=lease).held == Decimal("50.00")
