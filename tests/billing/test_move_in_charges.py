"""Billing's check for the keys gate: the lease's deposit received in full and its first bill paid."""

import pytest
from django.utils import translation

from billing.selectors import move_in_charges_unpaid
from billing.services.deposits import deposit_receive
from handover.gates import KEYS_HANDED_OVER

from .factories import MARCH, active_lease, issued_bill, pay

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_move_in_charges_unpaid_names_the_deposit_and_an_unissued_first_bill():
    # given
    lease = active_lease()
    # when
    refusals = move_in_charges_unpaid(lease=lease)
    # then
    assert refusals == [
        f"Deposit of ¥{lease.deposit_amount:,} not received.",
        "The lease's first bill has not been issued: finance issues it with the move-in charge "
        "notice (Billing → Move-in charges).",
    ]


def test_move_in_charges_unpaid_counts_a_part_of_the_deposit_as_not_received(finance_manager):
    # given
    lease = active_lease()
    bill = issued_bill(lease)
    deposit_receive(
        lease=lease, amount=lease.deposit_amount - 1, method="transfer", on=MARCH, by=finance_manager
    )
    pay(lease.tenant, bill.total - 1, by=finance_manager)
    # when
    refusals = move_in_charges_unpaid(lease=lease)
    # then
    assert refusals[0].startswith("Deposit of ¥")
    assert refusals[1] == f"First bill {bill.number} not paid: ¥1.00 outstanding."


def test_move_in_charges_unpaid_agrees_once_both_are_paid(finance_manager):
    # given
    lease = active_lease()
    bill = issued_bill(lease)
    deposit_receive(lease=lease, amount=lease.deposit_amount, method="transfer", on=MARCH, by=finance_manager)
    pay(lease.tenant, bill.total, by=finance_manager)
    # when / then
    assert move_in_charges_unpaid(lease=lease) == []
    assert KEYS_HANDED_OVER.refusals(lease=lease) == []
