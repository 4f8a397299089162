"""Importing money a building brings from before the system (day one): deposits held and opening balances.

Opening balances: each unpaid bill with its original number, period, issue and due dates and the amount still
owed, so ageing, late fees and dunning run right from day one. Each bill is posted with a balanced opening
entry (receivable for the tenant against ``Account.OPENING_BALANCE``, an equity account), so the ledger still
balances and the beancount export still checks. Deposits held: per lease, the deposit account holds the
amount,
posted against the same opening-balance account (deposits stay a liability, never income).

Natural keys: the bill number; the lease (one lease deposit). Re-importing the same file changes nothing; a
corrected file adds the bills missing before and raises a deposit held to the corrected amount. An imported
bill, once issued, is not edited (a correction is a credit note), so a changed amount is refused at its row,
as is a lower deposit (money leaves a deposit only through the move-out settlement or a refund).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from documents.actors import User
from documents.imports import cells
from documents.imports.kinds import (
    CREATE,
    UNCHANGED,
    UPDATE,
    Column,
    ImportKind,
    Outcome,
    Row,
    import_kind_register,
)
from leasing.models import Lease
from tenancy.roles import Role

from .models import Account, Bill, BillLine, ChargeKind, ClosedPeriod, DepositAccount, DepositMovement
from .money import money
from .services.deposits import deposit_account_for
from .services.ledger import credit, debit, entry_post
from .wording import SystemText

FINANCE_ROLES = (Role.FINANCE, Role.MANAGEMENT)
OPENING_SOURCE = "opening:"
BILL_CHARGES = (ChargeKind.RENT, ChargeKind.FEE, ChargeKind.UTILITY, ChargeKind.OTHER)
CHARGE_ALIASES = {"租金": "rent", "物业费": "fee", "管理费": "fee", "水电费": "utility", "其他": "other"}

BALANCE_COLUMNS = (
    Column(
        "bill_number",
        "Bill number",
        "账单编号",
        example="ZD-2026-0931",
        hint=gettext_lazy("The number the bill had before."),
    ),
    Column("lease_number", "Lease number", "合同编号", example="HT-2024-0088"),
    Column(
        "charge",
        "Charge",
        "费用类型",
        required=False,
        example="租金",
        allowed=lambda: cells.allowed_values([(k.value, k.label) for k in BILL_CHARGES]),
        hint=gettext_lazy("Empty: rent."),
    ),
    Column("period_start", "Period from", "账期起", example="2026-09-01"),
    Column("period_end", "Period until", "账期止", example="2026-11-30"),
    Column(
        "issue_date",
        "Issue date",
        "开票日",
        required=False,
        example="2026-08-25",
        hint=gettext_lazy("Empty: the period's first day."),
    ),
    Column("due_date", "Due date", "应缴日", example="2026-09-05"),
    Column("amount", "Amount unpaid", "未付金额", example="18000.00"),
)

DEPOSIT_COLUMNS = (
    Column("lease_number", "Lease number", "合同编号", example="HT-2024-0088"),
    Column("amount", "Deposit held", "已收保证金", example="21000.00"),
    Column(
        "received_on",
        "Received on",
        "收取日期",
        required=False,
        example="2024-02-20",
        hint=gettext_lazy("Empty: today."),
    ),
)


@dataclass
class BalancePlan:
    number: str
    lease: Lease
    charge: str
    period_start: date
    period_end: date
    issue_date: date
    due_date: date
    amount: Decimal
    regular: bool = False


def _leases(rows: list[Row]) -> dict[str, Lease]:
    numbers = {row.get("lease_number") for row in rows}
    return {
        lease.number: lease
        for lease in Lease.objects.filter(number__in=numbers).select_related("tenant", "building")
    }


def _lease(row: Row, outcome: Outcome, leases: dict[str, Lease]) -> Lease | None:
    number = cells.text(row, outcome, "lease_number", max_length=40)
    lease = leases.get(number)
    if number and lease is None:
        outcome.error(
            "lease_number", _("unknown lease %(number)s: import the leases first") % {"number": number}
        )
    return lease


def _closed(on: date | None, closed: set[date]) -> bool:
    return on is not None and on.replace(day=1) in closed


def _read_balance(
    row: Row, outcome: Outcome, leases: dict[str, Lease], lookups: dict[str, str], closed: set[date]
) -> BalancePlan | None:
    number = cells.text(row, outcome, "bill_number", max_length=40)
    lease = _lease(row, outcome, leases)
    charge = cells.choice(row, outcome, "charge", lookups, default=ChargeKind.RENT)
    start = cells.a_date(row, outcome, "period_start")
    end = cells.a_date(row, outcome, "period_end")
    issued = cells.a_date(row, outcome, "issue_date", required=False) or start
    due = cells.a_date(row, outcome, "due_date")
    amount = cells.amount(row, outcome, "amount", positive=True)
    if start and end and end < start:
        outcome.error("period_end", _("the period ends before it starts"))
    if issued and due and due < issued:
        outcome.error("due_date", _("the due date is before the issue date"))
    if issued and issued > timezone.localdate():
        outcome.error("issue_date", _("an opening balance cannot be issued in the future"))
    if _closed(issued, closed):
        outcome.error(
            "issue_date", _("%(month)s is closed: nothing can be posted in it") % {"month": f"{issued:%Y-%m}"}
        )
    if outcome.errors:
        return None
    return BalancePlan(number, lease, charge, start, end, issued, due, amount)  # type: ignore[arg-type]


def _compare(plan: BalancePlan, bill: Bill, sources: dict[int, str], outcome: Outcome) -> None:
    if not sources.get(bill.entry_id, "").startswith(OPENING_SOURCE):
        outcome.error(
            "bill_number",
            _("bill %(number)s was issued in the system: an import cannot change it")
            % {"number": plan.number},
        )
        return
    same = (bill.lease_id, bill.period_start, bill.period_end, bill.due_date, bill.total) == (
        plan.lease.pk,
        plan.period_start,
        plan.period_end,
        plan.due_date,
        plan.amount,
    )
    if not same:
        outcome.error(
            "amount",
            _(
                "bill %(number)s was already imported with other values (%(total)s, due %(due)s): "
                "an issued bill is not changed, enter a credit note"
            )
            % {"number": plan.number, "total": bill.total, "due": bill.due_date},
        )
        return
    outcome.action = UNCHANGED


def balances_plan(rows: list[Row], by: User) -> list[Outcome]:
    """Each unpaid bill checked: lease known, dates in order and in an open month, number not issued."""
    leases = _leases(rows)
    lookups = cells.choice_lookup([(k.value, k.label) for k in BILL_CHARGES], CHARGE_ALIASES)
    closed = set(ClosedPeriod.objects.values_list("month", flat=True))
    bills = {b.number: b for b in Bill.objects.filter(number__in=[row.get("bill_number") for row in rows])}
    sources = dict(
        Bill.objects.filter(pk__in=[b.pk for b in bills.values()]).values_list("entry_id", "entry__source")
    )
    periods = set(
        Bill.objects.filter(kind=Bill.Kind.REGULAR, lease__in=list(leases.values())).values_list(
            "lease_id", "period_start"
        )
    )
    first_line: dict[str, int] = {}
    outcomes = []
    for row in rows:
        outcome = Outcome(
            row.line, label=f"{row.get('bill_number')} · {row.get('lease_number')} · {row.get('amount')}"
        )
        outcomes.append(outcome)
        plan = _read_balance(row, outcome, leases, lookups, closed)
        number = row.get("bill_number")
        if number and number in first_line:
            outcome.error(
                "bill_number",
                _("bill %(number)s is already on row %(line)s")
                % {"number": number, "line": first_line[number]},
            )
            continue
        first_line.setdefault(number, row.line)
        if plan is None:
            continue
        if plan.number in bills:
            _compare(plan, bills[plan.number], sources, outcome)
            continue
        # The first rent or fee bill of a lease and period is its periodic bill (so the billing run does not
        # bill that period again); another one for the same period is an extra bill.
        plan.regular = (
            plan.charge in (ChargeKind.RENT, ChargeKind.FEE)
            and (plan.lease.pk, plan.period_start) not in periods
        )
        if plan.regular:
            periods.add((plan.lease.pk, plan.period_start))
        outcome.payload = plan
    return outcomes


def _opening_entry(plan: BalancePlan) -> Any:
    lease = plan.lease
    return entry_post(
        on=plan.issue_date,
        memo=SystemText(gettext_noop("Opening balance: bill %(number)s"), number=plan.number),
        source=f"{OPENING_SOURCE}{plan.number}"[:40],
        legs=[
            debit(Account.RECEIVABLE, plan.amount, lease.tenant_id),
            credit(Account.OPENING_BALANCE, plan.amount),
        ],
        tenant=lease.tenant,
        building=lease.building,
    )


def balances_write(outcomes: list[Outcome], by: User) -> None:
    """Each unpaid bill issued as it was, with its opening entry: receivable against opening equity."""
    for plan in (o.payload for o in outcomes):
        lease = plan.lease
        bill = Bill.objects.create(
            number=plan.number,
            kind=Bill.Kind.REGULAR if plan.regular else Bill.Kind.EXTRA,
            tenant_id=lease.tenant_id,
            lease=lease,
            building_id=lease.building_id,
            period_start=plan.period_start,
            period_end=plan.period_end,
            issue_date=plan.issue_date,
            due_date=plan.due_date,
            total=plan.amount,
            entry=_opening_entry(plan),
        )
        BillLine.objects.create(
            bill=bill,
            kind=plan.charge,
            description=str(ChargeKind(plan.charge).label),
            period_start=plan.period_start,
            period_end=plan.period_end,
            amount=plan.amount,
        )


@dataclass
class DepositPlan:
    lease: Lease
    amount: Decimal  # what the deposit must hold
    on: date
    held: Decimal = Decimal("0.00")  # what it holds now


def deposits_plan(rows: list[Row], by: User) -> list[Outcome]:
    """Each lease's deposit held: lease known and running, amount not below what the deposit holds now."""
    leases = _leases(rows)
    held = dict(
        DepositAccount.objects.filter(
            lease__in=list(leases.values()), purpose=DepositAccount.Purpose.LEASE
        ).values_list("lease_id", "held")
    )
    closed = set(ClosedPeriod.objects.values_list("month", flat=True))
    first_line: dict[str, int] = {}
    outcomes = []
    for row in rows:
        outcome = Outcome(row.line, label=f"{row.get('lease_number')} · {row.get('amount')}")
        outcomes.append(outcome)
        lease = _lease(row, outcome, leases)
        amount = cells.amount(row, outcome, "amount", positive=True)
        on = cells.a_date(row, outcome, "received_on", required=False) or timezone.localdate()
        if on > timezone.localdate():
            outcome.error("received_on", _("a deposit held cannot be received in the future"))
        elif _closed(on, closed):
            outcome.error(
                "received_on",
                _("%(month)s is closed: nothing can be posted in it") % {"month": f"{on:%Y-%m}"},
            )
        if lease is not None and lease.status not in Lease.LIVE:
            outcome.error(
                "lease_number",
                _("lease %(number)s is %(status)s: it holds no deposit")
                % {"number": lease.number, "status": lease.get_status_display()},
            )
        if outcome.errors or lease is None or amount is None:
            continue
        if lease.number in first_line:
            outcome.error(
                "lease_number",
                _("lease %(number)s is already on row %(line)s")
                % {"number": lease.number, "line": first_line[lease.number]},
            )
            continue
        first_line[lease.number] = row.line
        plan = DepositPlan(lease, amount, on, held.get(lease.pk, Decimal("0.00")))
        if plan.held > amount:
            outcome.error(
                "amount",
                _(
                    "the deposit already holds %(held)s: "
                    "money leaves a deposit only through the settlement or a refund"
                )
                % {"held": plan.held},
            )
            continue
        outcome.action = CREATE if not plan.held else UPDATE if amount > plan.held else UNCHANGED
        if outcome.action == UPDATE:
            outcome.changes = [_("held %(old)s → %(new)s") % {"old": plan.held, "new": amount}]
        outcome.payload = plan
    return outcomes


def deposits_write(outcomes: list[Outcome], by: User) -> None:
    """The deposit account holds the amount: the difference is received against opening-balance equity."""
    for plan in (o.payload for o in outcomes):
        lease, amount = plan.lease, money(plan.amount - plan.held)
        account = deposit_account_for(lease)
        entry = entry_post(
            on=plan.on,
            memo=SystemText(
                gettext_noop("Opening balance: deposit held for lease %(lease)s"), lease=lease.number
            ),
            source=f"{OPENING_SOURCE}deposit:{lease.pk}",
            legs=[
                debit(Account.OPENING_BALANCE, amount),
                credit(Account.DEPOSITS_HELD, amount, lease.tenant_id),
            ],
            tenant=lease.tenant,
            building=lease.building,
        )
        DepositAccount.objects.filter(pk=account.pk).update(held=F("held") + amount)
        DepositMovement.objects.create(
            account=account, kind=DepositMovement.Kind.RECEIVED, amount=amount, on=plan.on, entry=entry, by=by
        )


FINANCE_LABEL = gettext_lazy("Finance department, management")

BALANCES = ImportKind(
    key="opening-balances",
    label=gettext_lazy("Opening balances (unpaid bills)"),
    roles=FINANCE_ROLES,
    roles_label=FINANCE_LABEL,
    description=gettext_lazy(
        "One row per unpaid bill, with its original number, period, due date and the amount still owed, so "
        "ageing, late fees and dunning are right from day one. Each is posted against the opening-balance "
        "account."
    ),
    columns=BALANCE_COLUMNS,
    plan=balances_plan,
    write=balances_write,
    order=50,
)

DEPOSITS = ImportKind(
    key="deposits",
    label=gettext_lazy("Deposits held"),
    roles=FINANCE_ROLES,
    roles_label=FINANCE_LABEL,
    description=gettext_lazy(
        "One row per lease: the deposit the building holds for it. Posted as a liability to the tenant "
        "against the opening-balance account."
    ),
    columns=DEPOSIT_COLUMNS,
    plan=deposits_plan,
    write=deposits_write,
    order=40,
)


def register() -> None:
    import_kind_register(DEPOSITS)
    import_kind_register(BALANCES)
