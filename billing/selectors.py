"""Reads of billing: what a bill still asks for, open bills, credit, arrears, ageing."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext, gettext_lazy

from documents.actors import AnyUser
from tenancy.scope import scope

from .models import (
    Allocation,
    Bill,
    CreditNote,
    DepositAccount,
    DepositMovement,
    DunningLetter,
    LateFee,
    Payment,
)
from .money import ZERO, money
from .payee import Payee, payee_for_bill, payee_for_tenant  # noqa: F401  (the portal reads payees here)
from .wording import system_text

MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)


def _sum_of(model: type, amount: str = "amount", **until: date) -> Coalesce:
    subquery = (
        model.objects.filter(bill=OuterRef("pk"), **until)
        .order_by()
        .values("bill")
        .annotate(total=Sum(amount))
        .values("total")
    )
    return Coalesce(Subquery(subquery, output_field=MONEY_FIELD), Value(ZERO), output_field=MONEY_FIELD)


def bills_with_balance(
    queryset: QuerySet[Bill] | None = None, *, as_of: date | None = None
) -> QuerySet[Bill]:
    """Bills annotated with ``late_fee_total``, ``paid_total``, ``credited_total`` and ``outstanding``; with
    ``as_of``, as they stood at the end of that day (late fees charged, payments received and credit notes
    issued by then)."""
    queryset = Bill.objects.all() if queryset is None else queryset
    late, paid, credited = (
        ({}, {}, {})
        if as_of is None
        else ({"day__lte": as_of}, {"payment__received_on__lte": as_of}, {"issue_date__lte": as_of})
    )
    return queryset.annotate(
        late_fee_total=_sum_of(LateFee, **late),
        paid_total=_sum_of(Allocation, **paid),
        credited_total=_sum_of(CreditNote, **credited),
    ).annotate(outstanding=F("total") + F("late_fee_total") - F("paid_total") - F("credited_total"))


def bill_outstanding(bill: Bill) -> Decimal:
    """What the bill still asks for: its total and late fees, less payments matched and credit notes."""
    return money(bills_with_balance(Bill.objects.filter(pk=bill.pk)).values_list("outstanding", flat=True)[0])


def open_bills(tenant_id: int) -> QuerySet[Bill]:
    """The tenant's bills not fully paid, oldest due first."""
    return (
        bills_with_balance(Bill.objects.filter(tenant_id=tenant_id, settled_on__isnull=True))
        .filter(outstanding__gt=0)
        .order_by("due_date", "pk")
    )


def tenant_credit(tenant_id: int) -> Decimal:
    """Money received from the tenant and not matched to any bill."""
    received = Payment.objects.filter(tenant_id=tenant_id).aggregate(t=Sum("amount"))["t"] or ZERO
    matched = Allocation.objects.filter(payment__tenant_id=tenant_id).aggregate(t=Sum("amount"))["t"] or ZERO
    return money(received - matched)


def tenant_open_total(tenant_id: int) -> Decimal:
    return money(sum((bill.outstanding for bill in open_bills(tenant_id)), ZERO))


@dataclass(frozen=True)
class Ageing:
    """What is overdue by age: 0–30, 31–60, 61–90 and over 90 days past the due date."""

    current: Decimal
    d30: Decimal
    d60: Decimal
    d90: Decimal
    over90: Decimal

    @property
    def total(self) -> Decimal:
        return self.current + self.d30 + self.d60 + self.d90 + self.over90

    @property
    def overdue(self) -> Decimal:
        return self.d30 + self.d60 + self.d90 + self.over90


def age_bucket(days_overdue: int) -> str:
    if days_overdue <= 0:
        return "current"
    if days_overdue <= 30:
        return "d30"
    if days_overdue <= 60:
        return "d60"
    if days_overdue <= 90:
        return "d90"
    return "over90"


def ageing_rows(
    *, today: date, building_id: int | None = None, past: bool = False, user: AnyUser | None = None
) -> list[dict]:
    """One row per tenant with open bills (of the user's buildings): its name and what it owes by age;
    overdue first.

    ``past``: ``today`` is a past day, and the rows are what was owed then: bills issued by that day, less
    the payments received, credit notes issued and plus the late fees charged by then (a bill settled since
    still counts)."""
    if past:
        open_then = Bill.objects.filter(issue_date__lte=today).exclude(settled_on__lte=today)
        bills = bills_with_balance(open_then, as_of=today).filter(outstanding__gt=0)
    else:
        bills = bills_with_balance(Bill.objects.filter(settled_on__isnull=True)).filter(outstanding__gt=0)
    if building_id:
        bills = bills.filter(building_id=building_id)
    bills = scope(bills, user, "building")
    rows: dict[int, dict] = {}
    for tenant_id, name, due, outstanding in bills.values_list(
        "tenant_id", "tenant__name", "due_date", "outstanding"
    ):
        row = rows.setdefault(
            tenant_id,
            {
                "tenant_id": tenant_id,
                "name": name,
                "current": ZERO,
                "d30": ZERO,
                "d60": ZERO,
                "d90": ZERO,
                "over90": ZERO,
            },
        )
        row[age_bucket((today - due).days)] += outstanding
    for row in rows.values():
        row["total"] = row["current"] + row["d30"] + row["d60"] + row["d90"] + row["over90"]
        row["overdue"] = row["total"] - row["current"]
    return sorted(rows.values(), key=lambda r: (-r["overdue"], -r["total"], r["name"]))


def ageing_totals(rows: list[dict]) -> Ageing:
    return Ageing(
        *(sum((row[key] for row in rows), ZERO) for key in ("current", "d30", "d60", "d90", "over90"))
    )


def suspended_letters() -> QuerySet[DunningLetter]:
    """Letters that suspend service: a final notice on a bill that is still not paid."""
    return DunningLetter.objects.filter(suspends_service=True, bill__settled_on__isnull=True)


def suspended_tenant_ids() -> set[int]:
    """Tenants whose service is suspended: a final notice went out on a bill that is still not paid."""
    return set(suspended_letters().values_list("bill__tenant_id", flat=True))


@dataclass(frozen=True)
class StatementLine:
    on: date
    memo: str
    charged: Decimal
    paid: Decimal
    balance: Decimal


def tenant_statement(tenant_id: int, start: date, end: date) -> tuple[Decimal, list[StatementLine], Decimal]:
    """A statement of account (对账单): opening balance, every receivable posting in the period, closing."""
    from .models import Account, JournalLine

    lines = JournalLine.objects.filter(account=Account.RECEIVABLE, tenant_id=tenant_id)
    before = lines.filter(entry__date__lt=start).aggregate(d=Sum("debit"), c=Sum("credit"))
    opening = money((before["d"] or ZERO) - (before["c"] or ZERO))
    balance, rows = opening, []
    for on, memo, key, params, dr, cr in (
        lines.filter(entry__date__range=(start, end))
        .order_by("entry__date", "entry_id", "pk")
        .values_list("entry__date", "entry__memo", "entry__memo_key", "entry__memo_params", "debit", "credit")
    ):
        balance += dr - cr
        rows.append(StatementLine(on, system_text(key, params, memo), dr, cr, balance))
    return opening, rows, balance


# The dashboard section's title (config shows it; the wording lives in billing's catalogue).
DASHBOARD_TITLE = gettext_lazy("Billing")


def dashboard_counts() -> dict[str, QuerySet]:
    """For the front desk and everyone: how many tenants have their service suspended for arrears."""
    return {"suspended": suspended_letters().values("bill__tenant_id").distinct()}


def dashboard_cards(counts: Mapping[str, int]) -> list[dict]:
    from django.urls import reverse
    from django.utils.translation import gettext as _

    return [
        {
            "label": _("Suspended tenants"),
            "value": counts["suspended"],
            "url": reverse("billing:suspended"),
            "icon": "slash-circle",
        }
    ]


def move_in_charges_unpaid(*, lease: Any) -> list[str]:
    """Before the keys: the deposit received equals the lease's deposit and the lease's first bill is paid."""
    refusals: list[str] = []
    received = (
        DepositMovement.objects.filter(
            account__lease=lease,
            account__purpose=DepositAccount.Purpose.LEASE,
            kind=DepositMovement.Kind.RECEIVED,
        ).aggregate(t=Sum("amount"))["t"]
        or ZERO
    )
    missing = money(lease.deposit_amount) - money(received)
    if missing > 0:
        refusals.append(
            gettext("Deposit of ¥%(amount)s not received.") % {"amount": f"{money(lease.deposit_amount):,}"}
        )
    first = (
        bills_with_balance(Bill.objects.filter(lease=lease, kind=Bill.Kind.REGULAR))
        .order_by("period_start", "pk")
        .first()
    )
    if first is None:
        refusals.append(
            gettext(
                "The lease's first bill has not been issued: finance issues it with the move-in charge "
                "notice (Billing → Move-in charges)."
            )
        )
    elif first.outstanding > 0:
        refusals.append(
            gettext("First bill %(number)s not paid: ¥%(amount)s outstanding.")
            % {"number": first.number, "amount": f"{money(first.outstanding):,}"}
        )
    return refusals
