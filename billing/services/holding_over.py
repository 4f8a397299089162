"""Holding over (逾期占用): a lease past its end date with the tenant still in the units ("holding over") is
billed month by month from the day after its end date, in advance like the term's bills, at the lease's
holding-over share of the rent in force on its last day, with the management fee of that day, until the
hand-back ends it (an ended lease is no longer in the billing run)."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext_noop

from leasing.leases.terms import add_months, lease_terms_on
from leasing.models import Lease

from ..models import ChargeKind
from ..money import money
from ..wording import SystemText

HUNDRED = Decimal(100)


def holding_over_cycle(lease: Lease, first: date, last: date) -> tuple[date, date] | None:
    """The holding-over month of the lease that starts between ``first`` and ``last`` (a calendar month),
    counted from the day after its end date; None unless the lease is holding over."""
    if lease.status != Lease.Status.HOLDING_OVER:
        return None
    start = lease.effective_end + timedelta(days=1)
    months = (first.year - start.year) * 12 + first.month - start.month
    if months < 0:
        return None
    period_start = add_months(start, months)
    if not first <= period_start <= last:
        return None
    return period_start, add_months(start, months + 1) - timedelta(days=1)


def holding_over_lines(lease: Lease, period_start: date, period_end: date) -> list:
    """Rent at the lease's holding-over share and the management fee, for one month, on the terms of the
    lease's last day (its units, amendments and escalations then)."""
    from .charges import DraftLine

    amendments = getattr(lease, "signed_amendments", None)
    held = getattr(lease, "billing_units", None)
    terms = lease_terms_on(lease, lease.effective_end, amendments=amendments, lease_units=held)
    rent = money(terms.monthly_rent * lease.holding_over_rent_percent / HUNDRED)
    fee = money(terms.monthly_fee)
    note = SystemText(gettext_noop("Holding over"))
    lines = []
    if rent > 0:
        lines.append(DraftLine(ChargeKind.RENT, rent, note, period_start, period_end))
    if fee > 0:
        lines.append(DraftLine(ChargeKind.FEE, fee, note, period_start, period_end))
    return lines
