"""Lease arithmetic: month steps, the reminder date, and the terms in force on a date (money is rounded by
``documents.money``, the one rounding rule)."""

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from documents.money import money

from ..models import Amendment, Lease, LeaseUnit, RentBasis


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def reminder_date(term_end: date) -> date:
    """When the renewal talks start: the same day two months before the end (31 May → 31 Mar)."""
    return add_months(term_end, -2)


def monthly_amount(basis: str, rate: Decimal, area: Decimal) -> Decimal:
    """A monthly charge: the rate × area when it is per m², else the fixed amount itself."""
    return money(rate * area) if basis == RentBasis.PER_M2 else money(rate)


@dataclass(frozen=True)
class LeaseTerms:
    """The terms of a lease in force on one day, after every amendment signed and effective by then."""

    on: date
    version: int
    end_date: date
    unit_ids: tuple[int, ...]
    area: Decimal
    rent_basis: str
    rent_rate: Decimal
    fee_basis: str
    fee_rate: Decimal
    escalation_years: int
    rent_free: bool
    payment_cycle: str
    due_day: int
    late_fee_rate: Decimal
    grace_days: int
    deposit_amount: Decimal
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def monthly_rent(self) -> Decimal:
        """Rent for a month: rate × area (per m²) or the fixed amount, escalated yearly; 0 when rent-free."""
        if self.rent_free:
            return Decimal("0.00")
        return money(monthly_amount(self.rent_basis, self.rent_rate, self.area) * self.escalation_factor)

    @property
    def monthly_fee(self) -> Decimal:
        return monthly_amount(self.fee_basis, self.fee_rate, self.area)

    @property
    def escalation_factor(self) -> Decimal:
        rate = Decimal(self.extra.get("escalation_rate", 0)) / 100
        return (1 + rate) ** self.escalation_years


def _full_years(start: date, day: date) -> int:
    years = day.year - start.year
    return years - 1 if add_months(start, 12 * years) > day else years


def lease_terms_on(
    lease: Lease,
    on: date,
    *,
    amendments: list[Amendment] | None = None,
    lease_units: list[LeaseUnit] | None = None,
) -> LeaseTerms:
    """The lease's terms in force on ``on``: the signed ones, overlaid by signed amendments effective by then.

    Billing asks this for any date. Pass ``amendments`` (signed, in version order, units prefetched) and
    ``lease_units`` to avoid the queries.
    """
    if amendments is None:
        amendments = list(
            lease.amendments.filter(status=Amendment.Status.SIGNED)
            .prefetch_related("units")
            .order_by("version")
        )
    values: dict[str, Any] = {
        "end_date": lease.end_date,
        "rent_basis": lease.rent_basis,
        "rent_rate": lease.rent_rate,
        "fee_basis": lease.fee_basis,
        "fee_rate": lease.fee_rate,
    }
    if lease_units is None:
        lease_units = list(lease.lease_units.all())
    units = [(u.unit_id, u.area) for u in lease_units if u.start_date == lease.start_date]
    version = 0
    for amendment in amendments:
        if amendment.status != Amendment.Status.SIGNED or amendment.effective_date > on:
            continue
        version = amendment.version
        for name in values:
            new = getattr(amendment, name)
            if new not in (None, ""):
                values[name] = new
        if amendment.changes_units:
            units = [(u.pk, u.gross_area) for u in amendment.units.all()]
    return LeaseTerms(
        on=on,
        version=version,
        unit_ids=tuple(sorted(pk for pk, _area in units)),
        area=sum((area for _pk, area in units), Decimal("0.00")),
        escalation_years=max(_full_years(lease.start_date, on), 0),
        rent_free=on < date.fromordinal(lease.start_date.toordinal() + lease.rent_free_days),
        payment_cycle=lease.payment_cycle,
        due_day=lease.due_day,
        late_fee_rate=lease.late_fee_rate,
        grace_days=lease.grace_days,
        deposit_amount=lease.deposit_amount,
        extra={"escalation_rate": lease.escalation_rate},
        **values,
    )
