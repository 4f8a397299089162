"""Billing's part of the monthly report (月报): billed, received and the collection rate (收缴率) by charge
kind, arrears ageing on any day and its trend, deposits held.

- Billed: the lines of the bills issued in the month, by charge kind (their sum is the bills' total, as the
  bill list filtered by issue date shows it).
- Received: payments received in the month (the payment list filtered by the received date); for one
  building, the part of them matched to that building's bills.
- Collection rate of the month's bills: what payments received by the report day paid of them, over what
  they billed; a bill paid in part counts its kinds in proportion to their share of the bill.
- Arrears on a day: each bill issued by then, less the payments received and credit notes issued by then,
  plus late fees charged by then, aged by the days past its due date (the arrears page's buckets).
- Deposits held on a day: received less applied and refunded, by movements dated by then.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Case, DecimalField, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from documents.money import TENTH, half_up
from leasing.report_scope import Buildings, building_list

from .models import Allocation, Bill, BillLine, ChargeKind, DepositAccount, DepositMovement, Payment
from .money import ZERO, money

BUCKETS: tuple[str, ...] = ("current", "d30", "d60", "d90", "over90")
MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)


@dataclass
class KindFigures:
    kind: str
    label: str
    billed: Decimal = ZERO
    collected: Decimal = ZERO

    @property
    def rate(self) -> Decimal | None:
        if not self.billed:
            return None
        return half_up(Decimal(100) * self.collected / self.billed, TENTH)


@dataclass
class BillingFigures:
    kinds: list[KindFigures]
    received: Decimal

    @property
    def billed(self) -> Decimal:
        return sum((k.billed for k in self.kinds), ZERO)

    @property
    def collected(self) -> Decimal:
        return sum((k.collected for k in self.kinds), ZERO)

    @property
    def rate(self) -> Decimal | None:
        if not self.billed:
            return None
        return half_up(Decimal(100) * self.collected / self.billed, TENTH)


def _month_bills(start: date, end: date, building_id: Buildings) -> Any:
    bills = Bill.objects.filter(issue_date__range=(start, end))
    ids = building_list(building_id)
    return bills.filter(building_id__in=ids) if ids is not None else bills


def monthly_report_billing(
    *, start: date, end: date, as_of: date, building_id: Buildings = None
) -> BillingFigures:
    """Billed and collected by charge kind for the bills issued in the month, and received in it
    (two queries)."""
    paid = (
        Allocation.objects.filter(bill=OuterRef("bill_id"), payment__received_on__lte=as_of)
        .order_by()
        .values("bill")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    share = Case(
        When(bill__total__gt=0, then=F("amount") * Coalesce(Subquery(paid), Value(ZERO)) / F("bill__total")),
        default=Value(ZERO),
        output_field=MONEY_FIELD,
    )
    rows = (
        BillLine.objects.filter(bill__in=_month_bills(start, end, building_id))
        .values("kind")
        .annotate(billed=Sum("amount"), collected=Sum(share))
        .order_by()
    )
    labels = dict(ChargeKind.choices)
    by_kind = {
        row["kind"]: KindFigures(
            row["kind"],
            str(labels.get(row["kind"], row["kind"])),
            row["billed"],
            money(min(row["collected"], row["billed"])),
        )
        for row in rows
    }
    kinds = [by_kind[k] for k in ChargeKind.values if k in by_kind]
    return BillingFigures(kinds, _received(start, end, building_id))


def _received(start: date, end: date, building_id: Buildings) -> Decimal:
    """Money received in the period: all of it, or what was matched to the buildings' bills."""
    if (ids := building_list(building_id)) is not None:
        total = Allocation.objects.filter(
            payment__received_on__range=(start, end), bill__building_id__in=ids
        ).aggregate(t=Sum("amount"))["t"]
    else:
        total = Payment.objects.filter(received_on__range=(start, end)).aggregate(t=Sum("amount"))["t"]
    return money(total or ZERO)


@dataclass
class AgeingFigures:
    """What was owed on a day by age (the arrears page's buckets)."""

    on: date
    amounts: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(BUCKETS, ZERO))

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), ZERO)

    @property
    def overdue(self) -> Decimal:
        return self.total - self.amounts["current"]


# Bills open on each day, joined (by hash: no subquery per bill and day, whose estimated cost would also
# wake PostgreSQL's JIT compiler for longer than the query runs) to their late fees, payments and credit
# notes dated by then.
AGEING_SQL = """
WITH d AS (SELECT unnest(%s::date[]) AS day),
open AS (
  SELECT d.day, b.id, b.due_date, b.total FROM billing_bill b
  JOIN d ON b.issue_date <= d.day AND (b.settled_on IS NULL OR b.settled_on > d.day) {building}
),
fees AS (
  SELECT o.day, o.id, sum(f.amount) AS amount FROM open o
  JOIN billing_latefee f ON f.bill_id = o.id AND f.day <= o.day GROUP BY 1, 2
),
paid AS (
  SELECT o.day, o.id, sum(a.amount) AS amount FROM open o
  JOIN billing_allocation a ON a.bill_id = o.id
  JOIN billing_payment p ON p.id = a.payment_id AND p.received_on <= o.day GROUP BY 1, 2
),
credited AS (
  SELECT o.day, o.id, sum(c.amount) AS amount FROM open o
  JOIN billing_creditnote c ON c.bill_id = o.id AND c.issue_date <= o.day GROUP BY 1, 2
)
SELECT day, CASE
    WHEN day - due_date <= 0 THEN 'current' WHEN day - due_date <= 30 THEN 'd30'
    WHEN day - due_date <= 60 THEN 'd60' WHEN day - due_date <= 90 THEN 'd90' ELSE 'over90' END,
  sum(outstanding)
FROM (
  SELECT o.day, o.due_date,
    o.total + coalesce(fees.amount, 0) - coalesce(paid.amount, 0) - coalesce(credited.amount, 0)
      AS outstanding
  FROM open o
  LEFT JOIN fees USING (day, id) LEFT JOIN paid USING (day, id) LEFT JOIN credited USING (day, id)
) owed WHERE outstanding > 0 GROUP BY 1, 2
"""


def monthly_report_ageing_trend(
    *, days: Sequence[date], building_id: Buildings = None
) -> list[AgeingFigures]:
    """Arrears by age on each of ``days`` (one query)."""
    figures = {day: AgeingFigures(day) for day in days}
    ids = building_list(building_id)
    building, params = ("WHERE b.building_id = ANY(%s)", [ids]) if ids is not None else ("", [])
    with connection.cursor() as cursor:
        cursor.execute(AGEING_SQL.format(building=building), [list(days), *params])
        for day, bucket, amount in cursor.fetchall():
            figures[day].amounts[bucket] = money(amount)
    return [figures[day] for day in days]


@dataclass(frozen=True)
class DepositFigures:
    lease: Decimal
    fitout: Decimal

    @property
    def total(self) -> Decimal:
        return self.lease + self.fitout


def monthly_report_deposits(*, as_of: date, building_id: Buildings = None) -> DepositFigures:
    """Deposits held on ``as_of`` (lease and fit-out), from the movements dated by then (one query)."""
    movements = DepositMovement.objects.filter(on__lte=as_of)
    if (ids := building_list(building_id)) is not None:
        movements = movements.filter(account__lease__building_id__in=ids)
    signed = Case(
        When(kind=DepositMovement.Kind.RECEIVED, then=F("amount")),
        default=-F("amount"),
        output_field=MONEY_FIELD,
    )
    lease = Q(account__purpose=DepositAccount.Purpose.LEASE)
    totals = movements.aggregate(lease=Sum(signed, filter=lease), fitout=Sum(signed, filter=~lease))
    return DepositFigures(money(totals["lease"] or ZERO), money(totals["fitout"] or ZERO))
