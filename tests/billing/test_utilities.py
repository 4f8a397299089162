"""Utilities by meter on the periodic bill: consecutive readings of the closed monthly rounds × the tariff
in force; idempotent per lease and period; in the preview; and the move-out settlement bills only from the
last billed reading to the closing one (no use billed twice)."""

from datetime import date
from decimal import Decimal

import pytest

from billing.models import Bill, BillLine, ChargeKind, Tariff
from billing.services.bills import billing_run, bills_preview
from billing.services.settlement import settlement_make
from handover import selectors as handover_selectors
from handover.models import Meter, MeterReading
from leasing.models import Lease
from tests.billing.factories import active_lease, move_out_confirmed
from tests.handover.round_factories import meters_of, round_read
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

JAN, FEB, MAR, APR = (date(2026, m, 1) for m in (1, 2, 3, 4))


@pytest.fixture
def metered(db, engineer):
    """An active monthly lease from 1 Jan 2026 with an electricity and a water meter, tariffs from 2026,
    and January's round read (1000 kWh, 50 m³) and closed."""
    lease = active_lease()
    electricity, water = meters_of(lease, (Meter.Kind.ELECTRICITY, Meter.Kind.WATER))
    Tariff.objects.create(meter_kind="electricity", unit_price=Decimal("1.2000"), effective_from=JAN)
    Tariff.objects.create(meter_kind="water", unit_price=Decimal("5.0000"), effective_from=JAN)
    round_read(lease.building, JAN, {electricity: "1000", water: "50"}, by=engineer, on=date(2026, 1, 31))
    return lease, electricity, water


def _utility_lines(lease: Lease, period: date) -> list[BillLine]:
    bill = Bill.objects.get(lease=lease, period_start=period, kind=Bill.Kind.REGULAR)
    return list(bill.lines.filter(kind=ChargeKind.UTILITY).order_by("description"))


def test_the_first_round_starts_the_meter_and_bills_nothing(metered):
    # given: only January's round (the lease has no move-in reading)
    lease, _electricity, _water = metered
    # when
    billing_run(month=FEB, today=FEB)
    # then: rent and fee only
    assert _utility_lines(lease, FEB) == []


def test_the_run_bills_the_use_between_consecutive_rounds_at_the_tariff_in_force(metered, engineer):
    # given: February read 1250 kWh and 58 m³; electricity dearer from 15 February
    lease, electricity, water = metered
    Tariff.objects.create(
        meter_kind="electricity", unit_price=Decimal("1.5000"), effective_from=date(2026, 2, 15)
    )
    round_read(lease.building, FEB, {electricity: "1250", water: "58"}, by=engineer, on=date(2026, 2, 28))
    # when
    billing_run(month=MAR, today=MAR)
    # then: 250 × 1.50 and 8 × 5.00, each line naming its readings
    lines = _utility_lines(lease, MAR)
    amounts = {line.reading_to.meter_id: line.amount for line in lines}
    assert amounts == {electricity.pk: Decimal("375.00"), water.pk: Decimal("40.00")}
    jan = MeterReading.objects.get(meter=electricity, round__month=JAN)
    feb = MeterReading.objects.get(meter=electricity, round__month=FEB)
    line = next(line for line in lines if line.reading_to_id == feb.pk)
    assert line.reading_from_id == jan.pk and "1000.00 → 1250.00 × 1.5000" in line.description
    assert (line.period_start, line.period_end) == (date(2026, 1, 31), date(2026, 2, 28))


def test_the_run_is_idempotent_and_the_next_bill_starts_at_the_last_billed_reading(metered, engineer):
    # given: February billed on March's bill
    lease, electricity, water = metered
    round_read(lease.building, FEB, {electricity: "1250", water: "58"}, by=engineer, on=date(2026, 2, 28))
    billing_run(month=MAR, today=MAR)
    # when: March's run again, then March's round and April's run
    assert billing_run(month=MAR, today=MAR) == []
    round_read(lease.building, MAR, {electricity: "1300", water: "58"}, by=engineer, on=date(2026, 3, 31))
    billing_run(month=APR, today=APR)
    # then: April bills 1250 → 1300 only; water used nothing, so no water line
    (line,) = _utility_lines(lease, APR)
    assert line.amount == Decimal("60.00") and "1250.00 → 1300.00" in line.description
    assert BillLine.objects.filter(kind=ChargeKind.UTILITY).count() == 3


def test_an_open_round_is_not_billed(metered, engineer):
    # given: February read but the round not closed
    lease, electricity, water = metered
    round_read(
        lease.building,
        FEB,
        {electricity: "1250", water: "58"},
        by=engineer,
        on=date(2026, 2, 28),
        close=False,
    )
    # when
    billing_run(month=MAR, today=MAR)
    # then
    assert _utility_lines(lease, MAR) == []


def test_the_preview_shows_the_utility_lines_the_run_issues(metered, engineer):
    # given
    lease, electricity, water = metered
    round_read(lease.building, FEB, {electricity: "1250", water: "58"}, by=engineer, on=date(2026, 2, 28))
    # when
    (draft,) = [d for d in bills_preview(month=MAR) if d.lease.pk == lease.pk]
    billing_run(month=MAR, today=MAR)
    # then
    previewed = sorted(
        (line.description, line.amount) for line in draft.lines if line.kind == ChargeKind.UTILITY
    )
    issued = sorted((line.description, line.amount) for line in _utility_lines(lease, MAR))
    assert previewed == issued and len(issued) == 2
    assert Bill.objects.get(lease=lease, period_start=MAR).total == draft.total


def test_move_out_settlement_bills_only_from_the_last_billed_reading(
    metered, engineer, finance_manager, monkeypatch, document_root
):
    # given: January → February billed on March's bill; the closing reading 1400 on 20 March
    lease, electricity, water = metered
    round_read(lease.building, FEB, {electricity: "1250", water: "58"}, by=engineer, on=date(2026, 2, 28))
    billing_run(month=MAR, today=MAR)
    opening = MeterReading.objects.get(meter=electricity, round__month=JAN)
    closing = MeterReading.objects.create(
        meter=electricity, reading=Decimal("1400"), read_on=date(2026, 3, 20)
    )
    monkeypatch.setattr(handover_selectors, "opening_readings_for", lambda _l: [_reading(opening)])
    monkeypatch.setattr(handover_selectors, "closing_readings_for", lambda _l: [_reading(closing)])
    Lease.objects.filter(pk=lease.pk).update(status=Lease.Status.NOTICE_GIVEN)
    move_out_confirmed(lease)
    # when
    settlement_make(lease=lease, by=finance_manager, today=date(2026, 3, 25))
    # then: 1250 → 1400 (150 × 1.20), not 1000 → 1400
    final = Bill.objects.get(lease=lease, kind=Bill.Kind.EXTRA)
    (line,) = final.lines.filter(kind=ChargeKind.UTILITY)
    assert line.amount == Decimal("180.00") and line.reading_to_id == closing.pk
    assert line.reading_from == MeterReading.objects.get(meter=electricity, round__month=FEB)
    spans = BillLine.objects.filter(reading_to__meter=electricity).select_related(
        "reading_to", "reading_from"
    )
    billed_kwh = sum(span.reading_to.reading - span.reading_from.reading for span in spans)
    assert billed_kwh == Decimal("400.00")  # 1000 → 1400, each kWh once


def _reading(row: MeterReading) -> handover_selectors.Reading:
    meter = row.meter
    return handover_selectors.Reading(
        meter.pk, meter.number, meter.kind, meter.unit_id, row.reading, row.read_on, row.pk
    )
