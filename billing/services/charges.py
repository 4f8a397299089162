"""What a lease charges for a billing period: rent and management fee month by month under the terms in
force on each date (escalations, rent-free days, amendments), plus the one-off charges waiting for a bill."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from django.db.models import Model, Q, QuerySet

from leasing.leases.terms import add_months, lease_terms_on
from leasing.models import Amendment, Building, Lease, LeaseUnit, PaymentCycle
from leasing.models.space import BILL_PAYMENT_DAYS_DEFAULT

from ..models import Charge, ChargeKind
from ..money import ZERO, money
from ..wording import SystemText, stored_text
from .holding_over import holding_over_cycle, holding_over_lines

M = TypeVar("M", bound=Model)
CYCLE_MONTHS: dict[str, int] = {
    PaymentCycle.MONTHLY: 1,
    PaymentCycle.QUARTERLY: 3,
    PaymentCycle.HALF_YEARLY: 6,
    PaymentCycle.YEARLY: 12,
}

# Which income account each kind of line is credited to.
BILLED_STATUSES = (Lease.Status.ACTIVE, Lease.Status.NOTICE_GIVEN, Lease.Status.HOLDING_OVER)


@dataclass
class DraftLine:
    kind: str
    amount: Decimal
    description: "str | SystemText" = ""
    period_start: date | None = None
    period_end: date | None = None
    reading_from_id: int | None = None  # a utility line: the meter readings its use is measured between
    reading_to_id: int | None = None


@dataclass
class DraftBill:
    """A bill as it would be issued: shown in the preview, then saved unchanged by the run."""

    lease: Lease
    period_start: date
    period_end: date
    due_date: date
    lines: list[DraftLine] = field(default_factory=list)
    charge_ids: list[int] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def utilities(self) -> Decimal:
        """The metered utilities on the bill (shown in the run's preview)."""
        return sum((line.amount for line in self.lines if line.kind == ChargeKind.UTILITY), ZERO)


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    return first, add_months(first, 1) - timedelta(days=1)


def leases_to_bill(month: date) -> QuerySet[Lease]:
    """Running leases overlapping the month, and leases holding over (billed monthly past their end date);
    ``bills_draft`` loads what their terms need in bulk."""
    first, last = month_bounds(month)
    running = Q(status__in=BILLED_STATUSES, effective_end__gte=first) | Q(status=Lease.Status.HOLDING_OVER)
    return Lease.objects.filter(running, start_date__lte=last).order_by("pk")


def any_of(queryset: QuerySet[M], column: str, ids: list[int]) -> QuerySet[M]:
    """``column = ANY(ids)``: one array parameter, where ``__in`` would send (and parse) thousands."""
    return queryset.extra(where=[f"{column} = ANY(%s)"], params=[ids])  # noqa: S610 (column is ours)


def lease_terms_attach(leases: list[Lease]) -> None:
    """Give each lease its held units and signed amendments (what ``lease_terms_on`` reads), in two queries
    for all of them: Django's prefetch would clone a queryset per lease, the run's largest cost."""
    leases = [lease for lease in leases if not hasattr(lease, "billing_units")]
    if not leases:
        return
    ids = [lease.pk for lease in leases]
    units: dict[int, list[LeaseUnit]] = {pk: [] for pk in ids}
    for lease_unit in any_of(LeaseUnit.objects.all(), "lease_id", ids).order_by("pk"):
        units[lease_unit.lease_id].append(lease_unit)
    amendments: dict[int, list[Amendment]] = {pk: [] for pk in ids}
    signed = Amendment.objects.filter(status=Amendment.Status.SIGNED).prefetch_related("units")
    for amendment in any_of(signed, "lease_id", ids).order_by("version"):
        amendments[amendment.lease_id].append(amendment)
    for lease in leases:
        lease.billing_units = units[lease.pk]  # type: ignore[attr-defined]
        lease.signed_amendments = amendments[lease.pk]  # type: ignore[attr-defined]


def cycle_in_month(lease: Lease, month: date) -> tuple[date, date] | None:
    """The lease's billing cycle that starts in the month (cycles count from the lease's start date)."""
    first, _last = month_bounds(month)
    start = lease.start_date
    months = (first.year - start.year) * 12 + first.month - start.month
    step = CYCLE_MONTHS.get(lease.payment_cycle, 1)
    if months < 0 or months % step:
        return None
    period_start = add_months(start, months)
    if period_start > lease.effective_end:
        return None
    period_end = min(add_months(start, months + step) - timedelta(days=1), lease.effective_end)
    return period_start, period_end


def due_date_for(period_start: date, due_day: int, *, issued_on: date, payment_days: int) -> date:
    """Rent is paid in advance: on the due day of the period's first month, or the next month's if passed;
    never sooner than the building's days to pay after the bill is issued (a late run is not overdue)."""
    due = period_start.replace(day=due_day)
    due = due if due >= period_start else add_months(due, 1)
    return max(due, earliest_due_date(issued_on, payment_days))


def earliest_due_date(issued_on: date, payment_days: int) -> date:
    """The first day a bill issued on ``issued_on`` may fall due: its building's days to pay later."""
    return issued_on + timedelta(days=payment_days)


def payment_days_of(building_ids: set[int]) -> dict[int, int]:
    """Each building's days to pay a bill, in one query."""
    return dict(Building.objects.filter(pk__in=building_ids).values_list("pk", "bill_payment_days"))


def _fraction(start: date, end: date, month_start: date) -> Decimal:
    """The share of a lease month (from ``month_start``) that ``start``–``end`` covers."""
    month_days = (add_months(month_start, 1) - month_start).days
    days = (end - start).days + 1
    return Decimal(1) if days >= month_days else Decimal(days) / Decimal(month_days)


def _month_lines(lease: Lease, month_start: date, month_end: date) -> list[DraftLine]:
    amendments = getattr(lease, "signed_amendments", None)
    held = getattr(lease, "billing_units", None)
    terms = lease_terms_on(lease, month_start, amendments=amendments, lease_units=held)
    lines = []
    fee = money(terms.monthly_fee * _fraction(month_start, month_end, month_start))
    free_until = lease.start_date + timedelta(days=lease.rent_free_days)
    rent_from = max(month_start, free_until)
    if rent_from <= month_end:
        rent_terms = (
            terms
            if rent_from == month_start
            else lease_terms_on(lease, rent_from, amendments=amendments, lease_units=held)
        )
        rent = money(rent_terms.monthly_rent * _fraction(rent_from, month_end, month_start))
        if rent > 0:
            lines.append(DraftLine(ChargeKind.RENT, rent, "", rent_from, month_end))
    if fee > 0:
        lines.append(DraftLine(ChargeKind.FEE, fee, "", month_start, month_end))
    return lines


def bill_draft(
    lease: Lease,
    month: date,
    charges: list[Charge] | None = None,
    utilities: list[DraftLine] | None = None,
    *,
    issued_on: date,
    payment_days: int = BILL_PAYMENT_DAYS_DEFAULT,
) -> DraftBill | None:
    """The periodic bill of the lease whose cycle starts in ``month``, or None when none starts then:
    rent and fee in advance, the metered utilities up to the last round, the pending one-off charges; a lease
    holding over is billed its holding-over month (``holding_over``), after its last cycle if both start in
    the month."""
    cycle = cycle_in_month(lease, month)
    holding = holding_over_cycle(lease, *month_bounds(month))
    if cycle is None and holding is None:
        return None
    period_start, period_end = cycle or holding  # type: ignore[misc]
    due = due_date_for(period_start, lease.due_day, issued_on=issued_on, payment_days=payment_days)
    draft = DraftBill(lease, period_start, period_end, due)
    months = (period_end.year - period_start.year) * 12 + period_end.month - period_start.month + 1
    for index in range(months if cycle else 0):
        month_start = add_months(lease.start_date, _months_from_start(lease, period_start) + index)
        if month_start > period_end:
            break
        month_end = min(add_months(month_start, 1) - timedelta(days=1), period_end)
        draft.lines.extend(_month_lines(lease, month_start, month_end))
    if holding is not None:
        draft.period_end = holding[1]
        draft.lines.extend(holding_over_lines(lease, *holding))
    draft.lines.extend(utilities or ())
    for charge in charges or ():
        description = stored_text(charge.description, charge.description_key, charge.description_params)
        draft.lines.append(DraftLine(charge.kind, charge.amount, description))
        draft.charge_ids.append(charge.pk)
    return draft if draft.total > 0 else None


def _months_from_start(lease: Lease, day: date) -> int:
    return (day.year - lease.start_date.year) * 12 + day.month - lease.start_date.month


def pending_charges(lease_ids: list[int]) -> dict[int, list[Charge]]:
    """One-off charges not billed yet, by lease."""
    found: dict[int, list[Charge]] = {}
    pending = any_of(Charge.objects.filter(bill__isnull=True), "billing_charge.lease_id", lease_ids)
    for charge in pending.order_by("incurred_on", "pk"):
        found.setdefault(charge.lease_id, []).append(charge)
    return found
