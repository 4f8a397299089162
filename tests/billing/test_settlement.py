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
from tests.billing.factories import MARCH, active_lease, issued_bill, move_out_confirmed
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
    # the notice ends the lease with March (its March bill is issued)
    Lease.objects.filter(pk=lease.pk).update(
        status=Lease.Status.NOTICE_GIVEN, effective_end=date(2026, 3, 31)
    )
    move_out_confirmed(lease)
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


# Issue 22: the whole move-out through the services, with the readings the issue names.
ELECTRICITY = ("1234.5", "1388.2")
WATER = ("56.2", "60.5")


def _moved_out(*, tariffs: tuple[str, ...] = ("electricity", "water")) -> Lease:
    """A lease moved in with an electricity and a water meter (the issue's readings) and handed back on its
    notice date."""
    from handover import services
    from handover.models import Sheet
    from tests.handover import factories as handover

    for kind, price in (("electricity", "1.2000"), ("water", "5.0000")):
        if kind in tariffs:
            Tariff.objects.create(meter_kind=kind, unit_price=Decimal(price), effective_from=date(2026, 1, 1))
    by = handover.staff()
    visit = handover.move_in_visit(by=by, status=Lease.Status.ACTIVE)
    handover.MeterFactory(unit=visit.unit, kind="water")
    values = {"electricity": ELECTRICITY, "water": WATER}

    def read(v, index):
        lines = [
            services.ReadingLine(
                kind=m.kind, number=m.number, reading=Decimal(values[m.kind][index]), meter_id=m.pk
            )
            for m in v.unit.meters.filter(active=True)
        ]
        return services.readings_save(sheet=handover.sheet_of(v, Sheet.Kind.METERS), lines=lines, by=by)

    handover.fill_keys(visit, by)
    handover.sign(visit, Sheet.Kind.KEYS, by)
    read(visit, 0)
    handover.sign(visit, Sheet.Kind.METERS, by)
    handover.fill_acceptance(visit, by)
    handover.sign(visit, Sheet.Kind.ACCEPTANCE, by)
    receipt = handover.sheet_of(visit, Sheet.Kind.RECEIPT)
    services.sheet_note_save(sheet=receipt, note="", handouts=["handbook"], by=by)
    handover.sign(visit, Sheet.Kind.RECEIPT, by)
    handover.move_in_ready(visit, by)  # the two agreements signed, the pre-inspection findings recorded
    services.visit_complete_move_in(visit=visit, by=by)
    notice = handover.lease_with_notice(visit.lease, by)
    (out,) = services.visits_open_move_out(
        notice=notice, visit_date=notice.move_out_date, by=by, today=handover.TODAY
    )
    handover.fill_keys(out, by, returned=3)
    handover.sign(out, Sheet.Kind.KEYS, by)
    read(out, 1)
    handover.sign(out, Sheet.Kind.METERS, by)
    handover.fill_acceptance(out, by, defect=False)
    handover.sign(out, Sheet.Kind.ACCEPTANCE, by)
    services.sheet_sign(sheet=handover.sheet_of(out, Sheet.Kind.MOVE_OUT), by=by, **handover.signers())
    return Lease.objects.get(pk=visit.lease_id)


def test_the_settlement_bills_each_meter_from_the_move_in_to_the_move_out_reading(
    db, finance_manager, document_root, tasks_inline
):
    # given: readings 1234.5 → 1388.2 kWh at 1.20 and 56.2 → 60.5 m³ at 5.00
    lease = _moved_out()
    deposit_receive(
        lease=lease, amount=Decimal("5000"), method="cash", on=date(2026, 3, 2), by=finance_manager
    )
    # when
    from billing.services.settlement_preview import settlement_preview

    preview = settlement_preview(lease=lease, today=date(2026, 4, 12))
    settlement = settlement_make(lease=lease, by=finance_manager, today=date(2026, 4, 12))
    # then: both meters in the preview and on the final bill
    rows = {row.kind: (row.from_reading, row.to_reading, row.use, row.amount) for row in preview.meters}
    assert rows == {
        "electricity": (Decimal("1234.5"), Decimal("1388.2"), Decimal("153.7"), Decimal("184.44")),
        "water": (Decimal("56.2"), Decimal("60.5"), Decimal("4.3"), Decimal("21.50")),
    }
    amounts = sorted(BillLine.objects.filter(kind=ChargeKind.UTILITY).values_list("amount", flat=True))
    assert amounts == [Decimal("21.50"), Decimal("184.44")]
    assert settlement.owed == preview.owed and settlement.refund_due == preview.refund_due
    text = _statement_text(settlement)
    assert "1388.2" in text and "60.5" in text and "184.44" in text


def _statement_text(settlement: Settlement) -> str:
    from pypdf import PdfReader

    from documents.models import Document
    from documents.storage import document_storage

    document = Document.objects.get(pk=settlement.document_id)
    with document_storage().open(document.file_path, "rb") as handle:
        return "".join(page.extract_text() for page in PdfReader(handle).pages)


def test_a_meter_without_a_tariff_stops_the_settlement_instead_of_dropping_its_use(
    db, finance_manager, document_root
):
    # given: no water tariff
    lease = _moved_out(tariffs=("electricity",))
    # when / then
    with pytest.raises(DomainError, match="No tariff for Water meters"):
        settlement_make(lease=lease, by=finance_manager, today=date(2026, 4, 12))
    assert not Settlement.objects.exists() and not BillLine.objects.exists()


def test_the_settlement_requests_the_refund_and_tells_the_tenant(
    db, finance_manager, document_root, tasks_inline
):
    # given: a deposit larger than what is owed
    from billing.models import Refund
    from documents.models import Notice

    lease = _moved_out()
    deposit_receive(
        lease=lease, amount=Decimal("5000"), method="cash", on=date(2026, 3, 2), by=finance_manager
    )
    # when
    settlement = settlement_make(lease=lease, by=finance_manager, today=date(2026, 4, 12))
    # then: the refund awaits a second person; the tenant has the statement and the refund notice
    refund = Refund.objects.get()
    assert refund.amount == settlement.refund_due > 0 and refund.status == Refund.Status.REQUESTED
    notices = Notice.objects.filter(tenant=lease.tenant)
    assert notices.filter(attachment_id=settlement.document_id).exists()
    assert notices.count() == 2


def test_an_early_termination_penalty_is_billed_at_the_settlement(db, finance_manager, document_root):
    # given: a lease whose notice ended the term early under a penalty of 2 months' rent
    from billing.services.settlement_preview import penalty_for
    from leasing.leases.moveout import move_out_notice_give
    from tests.leasing.lease_factories import lease_in

    lease = lease_in(Lease.Status.ACTIVE, break_from=date(2026, 2, 1), break_penalty_months=Decimal("2"))
    move_out_notice_give(
        lease=lease, move_out_date=date(2026, 6, 30), channel="portal", by=None, today=date(2026, 3, 2)
    )
    lease.refresh_from_db()
    move_out_confirmed(lease)
    # when
    settlement_make(lease=lease, by=finance_manager, today=date(2026, 3, 2))
    # then
    penalty = Charge.objects.get(source=f"penalty:{lease.pk}")
    assert penalty.amount == penalty_for(lease) > 0 and penalty.bill_id is not None


def test_a_settlement_before_the_end_date_bills_the_rent_to_it_and_the_run_adds_nothing(
    db, finance_manager, document_root
):
    # given: a monthly lease with a notice effective 31 May, handed back in March, March billed
    from billing.models import Bill
    from billing.services.bills import billing_run

    lease = active_lease()
    issued_bill(lease)
    Lease.objects.filter(pk=lease.pk).update(
        status=Lease.Status.NOTICE_GIVEN, effective_end=date(2026, 5, 31)
    )
    move_out_confirmed(lease)
    # when
    settlement_make(lease=lease, by=finance_manager, today=date(2026, 3, 25))
    # then: April and May are billed with the settlement; the later runs find them billed
    regular = Bill.objects.filter(lease=lease, kind=Bill.Kind.REGULAR).order_by("period_start")
    assert [b.period_start.month for b in regular] == [3, 4, 5]
    assert regular.last().period_end == date(2026, 5, 31)
    assert billing_run(month=date(2026, 4, 1), today=date(2026, 4, 1)) == []
    assert billing_run(month=date(2026, 5, 1), today=date(2026, 5, 1)) == []


def test_the_demo_prices_every_meter_kind_so_a_settlement_can_bill_it(db):
    # given
    from billing.demo import demo_seed_tariffs
    from leasing.demo.common import SeedReport

    # when: seeded twice
    demo_seed_tariffs(SeedReport())
    again = SeedReport()
    demo_seed_tariffs(again)
    # then
    assert all(tariff_on(kind, date(2026, 12, 7)) for kind in Meter.Kind.values)
    assert again.created == {"tariffs": 0}
