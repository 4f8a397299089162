"""Move-out settlement: utilities from the readings × the tariff in force, damages from the move-out sheets,
the final bill, the deposit applied, the refund or the balance due."""

from datetime import date
from decimal import Decimal

import pytest

from billing.models import Account, BillLine, Charge, ChargeKind, JournalLine, Settlement, Tariff
from billing.services.deposits import deposit_receive
from billing.services.settlement import settlement_make, tariff_on
from documents.errors import DomainError
from handover import selectors as handover_selectors
from handover.models import Meter, MeterReading
from leasing.models import Lease
from tests.billing.factories import MARCH, active_lease, issued_bill
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture


def _reading(lease: Lease, value: str, on: date) -> handover_selectors.Reading:
    """A reading of the lease's electricity meter (made if it has none), as handover's selectors give it."""
    unit = lease.units.get()
    meter, _new = Meter.objects.get_or_create(
        unit=unit, kind="electricity", defaults={"number": f"E-{unit.pk}"}
    )
    row = MeterReading.objects.create(meter=meter, reading=Decimal(value), read_on=on)
    return handover_selectors.Reading(meter.pk, meter.number, meter.kind, unit.pk, row.reading, on, row.pk)


def test_the_tariff_in_force_on_a_date_is_the_latest_one_before_it(db):
    Tariff.objects.create(
        meter_kind="electricity", unit_price=Decimal("1.0000"), effective_from=date(2026, 1, 1)
    )
    Tariff.objects.create(
        meter_kind="electricity", unit_price=Decimal("1.2000"), effective_from=date(2026, 6, 1)
    )
    assert tariff_on("electricity", date(2026, 5, 31)) == Decimal("1.0000")
    assert tariff_on("electricity", date(2026, 6, 1)) == Decimal("1.2000")
    assert tariff_on("water", date(2026, 6, 1)) is None


def test_settlement_bills_utilities_and_damages_then_offsets_the_deposit(
    db, finance_manager, document_root, monkeypatch
):
    # given: a bill of March, a 500 deposit, readings 100 → 350 kWh at 1.20, a 300 damage
    lease = active_lease()
    bill = issued_bill(lease)
    deposit_receive(lease=lease, amount=Decimal("500"), method="cash", on=MARCH, by=finance_manager)
    Tariff.objects.create(
        meter_kind="electricity", unit_price=Decimal("1.2000"), effective_from=date(2026, 1, 1)
    )
    opening, closing = _reading(lease, "100", MARCH), _reading(lease, "350", date(2026, 3, 20))
    monkeypatch.setattr(handover_selectors, "opening_readings_for", lambda _l: [opening])
    monkeypatch.setattr(handover_selectors, "closing_readings_for", lambda _l: [closing])
    Charge.objects.create(
        tenant=lease.tenant, lease=lease, kind=ChargeKind.DAMAGE, description="wall", amount=Decimal("300"),
        incurred_on=MARCH, source="handover:test",
    )  # fmt: skip
    Lease.objects.filter(pk=lease.pk).update(status=Lease.Status.NOTICE_GIVEN)
    # when
    settlement = settlement_make(lease=lease, by=finance_manager, today=date(2026, 3, 25))
    # then: 250 kWh × 1.20 = 300.00 goes on the final bill with the damage
    utility = BillLine.objects.get(kind=ChargeKind.UTILITY)
    assert utility.amount == Decimal("300.00") and utility.bill.kind == "extra"
    assert (utility.reading_from_id, utility.reading_to_id) == (opening.reading_id, closing.reading_id)
    owed = bill.total + Decimal("600.00")
    assert settlement.owed == owed and settlement.applied == Decimal("500.00")
    assert settlement.refund_due == 0 and settlement.balance_due == owed - Decimal("500.00")
    assert JournalLine.objects.filter(account=Account.UTILITY_INCOME).get().credit == Decimal("300.00")
    assert settlement.document_id
    with pytest.raises(DomainError):
        settlement_make(lease=lease, by=finance_manager)
    assert Settlement.objects.count() == 1


def test_an_active_lease_without_notice_is_not_settled(db, finance_manager):
    with pytest.raises(DomainError):
        settlement_make(lease=active_lease(), by=finance_manager)
    assert not Settlement.objects.exists()
