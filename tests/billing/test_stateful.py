"""Random sequences of billing runs, payments, credit notes, late fees, deposits and refunds: after every step
every entry balances and the tenant's receivable equals its open bills minus its credit."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import F, Sum
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from billing.models import Account, Bill, DepositAccount, JournalEntry
from billing.selectors import bill_outstanding, open_bills, tenant_credit
from billing.services.arrears import late_fees_accrue
from billing.services.bills import billing_run, credit_note_issue
from billing.services.deposits import deposit_receive, refund_open
from billing.services.ledger import account_balance, receivable_balance
from documents.errors import DomainError
from tests.billing.factories import active_lease, pay
from tests.factories import UserFactory

MONTHS = [date(2026, m, 1) for m in range(1, 11)]
AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("20000"), places=2)


class Billing(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.clerk = UserFactory(roles=["finance"])
        self.lease = active_lease()
        self.tenant = self.lease.tenant

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    @rule(month=st.sampled_from(MONTHS))
    def run(self, month: date) -> None:
        billing_run(month=month, today=month)

    @rule(amount=AMOUNTS)
    def payment(self, amount: Decimal) -> None:
        pay(self.tenant, amount, by=self.clerk, on=date(2026, 10, 31))

    @rule(share=st.integers(min_value=1, max_value=100), pick=st.integers(min_value=0, max_value=20))
    def credit_note(self, share: int, pick: int) -> None:
        bills = list(Bill.objects.filter(tenant=self.tenant).order_by("pk"))
        if not bills:
            return
        bill = bills[pick % len(bills)]
        amount = (bill_outstanding(bill) * share / 100).quantize(Decimal("0.01"))
        if amount > 0:
            credit_note_issue(bill=bill, amount=amount, reason="r", by=self.clerk, today=date(2026, 10, 31))

    @rule(month=st.sampled_from(MONTHS), day=st.integers(min_value=1, max_value=28))
    def late_fees(self, month: date, day: int) -> None:
        late_fees_accrue(today=month.replace(day=day))

    @rule(amount=AMOUNTS)
    def deposit(self, amount: Decimal) -> None:
        deposit_receive(
            lease=self.lease, amount=amount, method="transfer", on=date(2026, 1, 2), by=self.clerk
        )

    @rule(amount=AMOUNTS)
    def refund(self, amount: Decimal) -> None:
        account = DepositAccount.objects.filter(lease=self.lease).first()
        if account is None:
            return
        try:
            refund_open(account=account, amount=amount, by=self.clerk)
        except DomainError:
            assert amount > account.held

    @invariant()
    def every_entry_balances(self) -> None:
        unbalanced = JournalEntry.objects.annotate(d=Sum("lines__debit"), c=Sum("lines__credit")).exclude(
            d=F("c")
        )
        assert not unbalanced.exists()

    @invariant()
    def balance_is_open_bills_minus_credit(self) -> None:
        open_total = sum((bill.outstanding for bill in open_bills(self.tenant.pk)), Decimal("0"))
        assert receivable_balance(self.tenant.pk) == open_total - tenant_credit(self.tenant.pk)

    @invariant()
    def deposit_ledger_matches_what_is_held(self) -> None:
        held = DepositAccount.objects.filter(lease=self.lease).values_list("held", flat=True).first() or 0
        assert -account_balance(Account.DEPOSITS_HELD, tenant_id=self.tenant.pk) == held


@pytest.mark.django_db
def test_billing_keeps_its_books_whatever_the_sequence():
    run_state_machine_as_test(
        Billing,
        settings=settings(
            max_examples=12,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
