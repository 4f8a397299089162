"""Issue 13: a lease is settled only once its move-out confirmation (《退租交接确认书》) is signed, or once
management records why not; what arrives after the settlement is settled by a supplementary settlement,
never by changing the first one."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from billing.document_kinds import SETTLEMENT_STATEMENT
from billing.models import (
    Bill,
    ChargeKind,
    DepositAccount,
    JournalEntry,
    Refund,
    Settlement,
    SettlementOverride,
    SupplementarySettlement,
)
from billing.queues import leases_awaiting_settlement
from billing.services.bills import bill_issue_extra, charge_record
from billing.services.deposits import deposit_receive, refund_reject
from billing.services.settlement import settlement_make
from billing.services.settlement_gate import settlement_override_record, settlement_refusals
from billing.services.settlement_supplement import leases_awaiting_supplement, settlement_supplement
from documents.errors import DomainError
from documents.models import Document, Notice
from leasing.models import Lease
from tests.billing.factories import MARCH, active_lease, issued_bill, move_out_confirmed
from tests.factories import UserFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 25)


def _leaving(deposit: str = "1000") -> tuple[Lease, Bill]:
    """A lease with notice to the end of March, its March bill open and a deposit held."""
    lease = active_lease()
    bill = issued_bill(lease)
    deposit_receive(
        lease=lease, amount=Decimal(deposit), method="transfer", on=MARCH, by=UserFactory(roles=["finance"])
    )
    Lease.objects.filter(pk=lease.pk).update(
        status=Lease.Status.NOTICE_GIVEN, effective_end=date(2026, 3, 31)
    )
    lease.refresh_from_db()
    return lease, bill


def test_settlement_make_refuses_before_the_confirmation_is_signed_and_posts_nothing(finance_manager):
    # given: no move-out visit, then a visit whose confirmation is still a draft
    lease, _bill = _leaving()
    entries = JournalEntry.objects.count()
    with pytest.raises(DomainError) as no_visit:
        settlement_make(lease=lease, by=finance_manager, today=TODAY)
    move_out_confirmed(lease, signed=False)
    # when
    with pytest.raises(DomainError) as unsigned:
        settlement_make(lease=lease, by=finance_manager, today=TODAY)
    # then
    assert "No move-out visit" in no_visit.value.message
    assert lease.units.get().code in unsigned.value.message and "not signed" in unsigned.value.message
    assert not Settlement.objects.exists() and JournalEntry.objects.count() == entries
    assert DepositAccount.objects.get(lease=lease).held == Decimal("1000.00")
    assert list(leases_awaiting_settlement()) == []


def test_a_signed_confirmation_opens_the_settlement_and_the_queue(finance_manager, document_root):
    lease, bill = _leaving()
    move_out_confirmed(lease)
    assert settlement_refusals(lease) == [] and list(leases_awaiting_settlement()) == [lease]
    settlement = settlement_make(lease=lease, by=finance_manager, today=TODAY)
    assert settlement.applied == bill.total
    assert list(leases_awaiting_settlement()) == []


def test_settlement_override_record_is_management_with_a_reason(finance_manager, document_root):
    # given
    lease, _bill = _leaving()
    move_out_confirmed(lease, signed=False)
    manager = UserFactory(roles=["management"])
    # when / then: finance may not, a blank reason is refused at its field
    with pytest.raises(DomainError):
        settlement_override_record(lease=lease, reason="Tenant unreachable.", by=finance_manager)
    with pytest.raises(DomainError) as blank:
        settlement_override_record(lease=lease, reason="  ", by=manager)
    assert blank.value.field == "reason" and not SettlementOverride.objects.exists()
    override = settlement_override_record(lease=lease, reason="Tenant left without signing.", by=manager)
    # then: the queue lists it and finance settles it
    assert override.by == manager and settlement_refusals(lease) == []
    assert list(leases_awaiting_settlement()) == [lease]
    settlement_make(lease=lease, by=finance_manager, today=TODAY)
    with pytest.raises(DomainError):
        settlement_override_record(lease=lease, reason="again", by=manager)


def test_settlement_override_is_refused_when_the_confirmation_is_signed():
    lease, _bill = _leaving()
    move_out_confirmed(lease)
    with pytest.raises(DomainError):
        settlement_override_record(lease=lease, reason="why", by=UserFactory(roles=["management"]))


def _settled(finance_manager) -> tuple[Lease, Settlement]:
    lease, _bill = _leaving(deposit="3000")
    move_out_confirmed(lease)
    return lease, settlement_make(lease=lease, by=finance_manager, today=TODAY)


def test_a_late_damage_is_settled_against_the_deposit_left_and_the_first_settlement_stays(
    finance_manager, document_root
):
    # given: settled with 3000 deposit against the March bill; the refund of the rest is rejected
    lease, settlement = _settled(finance_manager)
    first = Settlement.objects.values().get(pk=settlement.pk)
    refund_reject(refund=Refund.objects.get(), by=UserFactory(roles=["management"]))
    charge_record(
        lease=lease, kind=ChargeKind.DAMAGE, description="Broken glass door", amount=Decimal("200"),
        incurred_on=TODAY, source="late:glass",
    )  # fmt: skip
    assert list(leases_awaiting_supplement()) == [lease]
    # when
    supplement = settlement_supplement(lease=lease, by=finance_manager, today=TODAY)
    # then: 200 billed and taken from the deposit left; the rest asked back; the first record unchanged
    left = settlement.refund_due
    assert (supplement.sequence, supplement.new_charges) == (1, Decimal("200.00"))
    assert (supplement.deposit, supplement.applied) == (left, Decimal("200.00"))
    assert supplement.refund_due == left - Decimal("200.00") and supplement.balance_due == 0
    assert Settlement.objects.values().get(pk=settlement.pk) == first
    assert Refund.objects.filter(status=Refund.Status.REQUESTED).get().amount == left - Decimal("200.00")
    assert Document.objects.get(pk=supplement.document_id).kind == SETTLEMENT_STATEMENT
    assert Notice.objects.filter(tenant=lease.tenant, attachment_id=supplement.document_id).exists()
    assert list(leases_awaiting_supplement()) == []
    with pytest.raises(DomainError):
        settlement_supplement(lease=lease, by=finance_manager, today=TODAY)
    assert SupplementarySettlement.objects.count() == 1


def test_a_late_charge_beyond_the_deposit_left_stays_billed_to_the_tenant(finance_manager, document_root):
    # given: settled, the refund of the rest still awaiting approval (so nothing is left to apply)
    lease, _settlement = _settled(finance_manager)
    charge_record(
        lease=lease, kind=ChargeKind.CLEANING, description="Cleaning", amount=Decimal("150"),
        incurred_on=TODAY, source="late:cleaning",
    )  # fmt: skip
    # when
    supplement = settlement_supplement(lease=lease, by=finance_manager, today=TODAY)
    # then
    assert (supplement.deposit, supplement.applied) == (Decimal("0.00"), Decimal("0.00"))
    assert supplement.balance_due == Decimal("150.00") and supplement.refund_due == 0
    extra = Bill.objects.filter(lease=lease, kind=Bill.Kind.EXTRA, settled_on__isnull=True).get()
    assert extra.total == Decimal("150.00")
    assert Refund.objects.filter(status=Refund.Status.REQUESTED).count() == 1


def test_a_bill_issued_after_the_settlement_is_queued_and_settled(finance_manager, document_root):
    # given: settled; then a paid repair is billed on its own (not through the settlement)
    lease, _settlement = _settled(finance_manager)
    assert list(leases_awaiting_supplement()) == []
    charge_record(
        lease=lease, kind=ChargeKind.REPAIR, description="Lock repair", amount=Decimal("80"),
        incurred_on=TODAY, source="late:lock",
    )  # fmt: skip
    late = bill_issue_extra(lease=lease, today=TODAY)
    # when
    queued = list(leases_awaiting_supplement())
    supplement = settlement_supplement(lease=lease, by=finance_manager, today=TODAY)
    # then: nothing new to bill, but the late bill is settled (still owed: the refund awaits approval)
    assert queued == [lease]
    assert supplement.new_charges == 0 and supplement.balance_due == late.total == Decimal("80.00")


def test_settlement_supplement_refuses_other_roles_and_an_unsettled_lease(finance_manager):
    lease, _bill = _leaving()
    with pytest.raises(DomainError):
        settlement_supplement(lease=lease, by=finance_manager, today=TODAY)
    with pytest.raises(PermissionDenied):
        settlement_supplement(lease=lease, by=UserFactory(roles=["business"]), today=TODAY)
    assert not SupplementarySettlement.objects.exists()


@pytest.mark.parametrize("role", ["front_desk", "business", "legal", "engineering", "management"])
def test_settlement_make_is_finance_s_even_outside_the_page(role):
    # given: a lease ready to settle (confirmation signed), asked by someone who is not finance
    lease, _bill = _leaving()
    move_out_confirmed(lease)
    # when
    with pytest.raises(PermissionDenied) as refused:
        settlement_make(lease=lease, by=UserFactory(roles=[role]), today=TODAY)
    # then
    assert "finance" in str(refused.value)
    assert not Settlement.objects.filter(lease=lease).exists()
