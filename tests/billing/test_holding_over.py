"""Holding over is billed through the billing run: monthly from the day after the end date, at the lease's
holding-over share of the last rent with the management fee, until the hand-back ends the lease."""

from datetime import date
from decimal import Decimal

import pytest

from billing.models import Bill, ChargeKind
from billing.services.bills import billing_run
from leasing.leases.ending import lease_hand_back, leases_hold_over
from leasing.models import Lease
from tests.billing.factories import active_lease
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

JUNE, JULY, AUGUST, SEPTEMBER = (date(2026, month, 1) for month in (6, 7, 8, 9))
CENT = Decimal("0.01")


def _lines(bill: Bill) -> dict[str, tuple[Decimal, str]]:
    return {line.kind: (line.amount, line.description) for line in bill.lines.all()}


def _holding_over_lease(percent: str = "150.0") -> Lease:
    """A monthly lease over Jan–Jun 2026 (6.50/m² rent, 1.20/m² fee) whose tenant is still in on 1 July."""
    lease = active_lease(end_date=date(2026, 6, 30), holding_over_rent_percent=Decimal(percent))
    assert leases_hold_over(today=JULY) == [lease.pk]
    return Lease.objects.get(pk=lease.pk)


def test_a_lease_holding_over_is_billed_each_month_at_its_holding_over_rent(document_root):
    # given
    lease = _holding_over_lease("150.0")
    rent, fee = (Decimal("6.50") * lease.area).quantize(CENT), (Decimal("1.20") * lease.area).quantize(CENT)
    # when: the runs of June (the term's last month), July and August
    (june,) = billing_run(month=JUNE, today=JUNE)
    (july,) = billing_run(month=JULY, today=JULY)
    (august,) = billing_run(month=AUGUST, today=AUGUST)
    # then: June at the term's rent; July and August each a month at 150 % of it, with the fee
    june, july, august = (Bill.objects.get(pk=pk) for pk in (june, july, august))
    assert _lines(june) == {ChargeKind.RENT: (rent, ""), ChargeKind.FEE: (fee, "")}
    held = {
        ChargeKind.RENT: ((rent * Decimal("1.5")).quantize(CENT), "Holding over"),
        ChargeKind.FEE: (fee, "Holding over"),
    }
    assert _lines(july) == held and _lines(august) == held
    assert (july.period_start, july.period_end) == (JULY, date(2026, 7, 31))
    assert (august.period_start, august.period_end) == (AUGUST, date(2026, 8, 31))
    assert july.total == held[ChargeKind.RENT][0] + fee


def test_the_billing_run_bills_a_holding_over_month_once():
    # given
    _holding_over_lease()
    billing_run(month=JULY, today=JULY)
    # when
    again = billing_run(month=JULY, today=JULY)
    # then
    assert again == []


def test_the_hand_back_stops_the_holding_over_bills(document_root):
    # given: holding over, billed for July
    lease = _holding_over_lease()
    billing_run(month=JULY, today=JULY)
    # when: the tenant hands the units back on 10 August
    lease_hand_back(lease=lease, on=date(2026, 8, 10), by=None)
    # then: the lease has ended and the later runs bill it nothing
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.ENDED
    assert billing_run(month=AUGUST, today=AUGUST) == []
    assert billing_run(month=SEPTEMBER, today=SEPTEMBER) == []


def test_a_lease_past_its_end_date_but_not_holding_over_is_not_billed_past_it():
    # given: a lease ending in June, handed back in time (no sweep marks it holding over)
    active_lease(end_date=date(2026, 6, 30))
    # when / then
    assert billing_run(month=JULY, today=JULY) == []


def test_the_default_holding_over_rent_is_the_same_rent():
    # given
    lease = _holding_over_lease("100.0")
    # when
    (july,) = billing_run(month=JULY, today=JULY)
    # then
    rent = (Decimal("6.50") * lease.area).quantize(CENT)
    assert _lines(Bill.objects.get(pk=july))[ChargeKind.RENT] == (rent, "Holding over")
