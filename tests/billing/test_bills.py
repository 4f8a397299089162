"""The billing run: one bill per lease and period, a line per charge, idempotent; bills never change."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from pypdf import PdfReader

from billing.models import Account, Bill, BillLine, Charge, ChargeKind, JournalLine
from billing.selectors import bill_outstanding
from billing.services.bills import (
    bill_issue_extra,
    billing_run,
    bills_preview,
    charge_record,
    credit_note_issue,
)
from billing.services.documents import bill_render
from billing.services.fitout_deposits import fitout_deposit_bill
from billing.services.ledger import receivable_balance
from documents.errors import DomainError
from documents.storage import document_storage
from leasing.models import Amendment, Building, PaymentCycle
from tests.billing.factories import ISSUED_AHEAD, MARCH, active_lease, issued_bill
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture


def test_billing_run_makes_one_bill_with_rent_and_fee_lines(db):
    # given: 6.50/m² rent and 1.20/m² fee, due on the 5th
    lease = active_lease()
    area = lease.area
    # when: the run is issued ahead of the month
    ids = billing_run(month=MARCH, today=ISSUED_AHEAD)
    # then
    bill = Bill.objects.get(pk__in=ids)
    kinds = dict(bill.lines.values_list("kind", "amount"))
    assert kinds == {
        ChargeKind.RENT: (Decimal("6.50") * area).quantize(Decimal("0.01")),
        ChargeKind.FEE: (Decimal("1.20") * area).quantize(Decimal("0.01")),
    }
    assert bill.total == sum(kinds.values())
    assert (bill.period_start, bill.period_end, bill.due_date) == (MARCH, date(2026, 3, 31), date(2026, 3, 5))
    assert receivable_balance(lease.tenant_id) == bill.total


def test_billing_run_twice_adds_nothing(db):
    # given
    active_lease()
    billing_run(month=MARCH, today=MARCH)
    lines = JournalLine.objects.count()
    # when
    again = billing_run(month=MARCH, today=MARCH)
    # then
    assert again == [] and Bill.objects.count() == 1 and JournalLine.objects.count() == lines


def test_preview_shows_what_the_run_would_issue_and_saves_nothing(db):
    active_lease()
    drafts = bills_preview(month=MARCH)
    assert len(drafts) == 1 and drafts[0].total > 0
    assert not Bill.objects.exists()
    billing_run(month=MARCH, today=MARCH)
    assert bills_preview(month=MARCH) == []


def test_quarterly_lease_is_billed_once_per_quarter_with_a_line_per_month(db):
    lease = active_lease(payment_cycle=PaymentCycle.QUARTERLY)
    assert billing_run(month=date(2026, 2, 1), today=date(2026, 2, 1)) == []
    (bill_id,) = billing_run(month=date(2026, 4, 1), today=date(2026, 4, 1))
    bill = Bill.objects.get(pk=bill_id)
    assert bill.lease == lease and bill.period_end == date(2026, 6, 30)
    assert bill.lines.filter(kind=ChargeKind.RENT).count() == 3


def test_rent_free_days_leave_out_the_rent_of_those_days(db):
    # given: 45 rent-free days from 1 Jan: free until 14 Feb
    lease = active_lease(rent_free_days=45)
    # when
    (jan,) = billing_run(month=date(2026, 1, 1), today=date(2026, 1, 1))
    (feb,) = billing_run(month=date(2026, 2, 1), today=date(2026, 2, 1))
    # then
    assert not BillLine.objects.filter(bill_id=jan, kind=ChargeKind.RENT).exists()
    rent = BillLine.objects.get(bill_id=feb, kind=ChargeKind.RENT)
    full = (Decimal("6.50") * lease.area).quantize(Decimal("0.01"))
    assert rent.period_start == date(2026, 2, 15)
    assert rent.amount == (full * 14 / 28).quantize(Decimal("0.01"))


def test_escalation_raises_the_rent_after_a_full_year(db):
    lease = active_lease(escalation_rate=Decimal("5.00"), end_date=date(2028, 12, 31))
    (bill_id,) = billing_run(month=date(2027, 1, 1), today=date(2027, 1, 1))
    rent = BillLine.objects.get(bill_id=bill_id, kind=ChargeKind.RENT).amount
    assert rent == ((Decimal("6.50") * lease.area).quantize(Decimal("0.01")) * Decimal("1.05")).quantize(
        Decimal("0.01")
    )


def test_a_signed_amendment_changes_the_rent_from_its_effective_date(db):
    lease = active_lease()
    Amendment.objects.create(
        lease=lease,
        version=1,
        status=Amendment.Status.SIGNED,
        effective_date=MARCH,
        reason="r",
        rent_rate=Decimal("8.00"),
    )
    (bill_id,) = billing_run(month=MARCH, today=MARCH)
    rent = BillLine.objects.get(bill_id=bill_id, kind=ChargeKind.RENT).amount
    assert rent == (Decimal("8.00") * lease.area).quantize(Decimal("0.01"))


def test_one_off_charges_go_on_the_next_bill_once(db, finance_manager):
    # given
    lease = active_lease()
    charge_record(
        lease=lease,
        kind=ChargeKind.REPAIR,
        description="Paid repair",
        amount=Decimal("300"),
        incurred_on=MARCH,
        source="servicedesk:ticket:1",
        by=finance_manager,
    )
    charge_record(
        lease=lease,
        kind=ChargeKind.REPAIR,
        description="Paid repair",
        amount=Decimal("300"),
        incurred_on=MARCH,
        source="servicedesk:ticket:1",
        by=finance_manager,
    )
    # when
    bill = issued_bill(lease)
    # then
    assert Charge.objects.count() == 1 and Charge.objects.get().bill == bill
    assert bill.lines.filter(kind=ChargeKind.REPAIR).get().amount == Decimal("300.00")
    assert JournalLine.objects.get(entry=bill.entry, account=Account.OTHER_INCOME).credit == Decimal("300.00")
    assert bill_issue_extra(lease=lease, today=MARCH) is None


def test_charge_record_refuses_a_zero_amount(db):
    with pytest.raises(DomainError):
        charge_record(
            lease=active_lease(),
            kind=ChargeKind.DAMAGE,
            description="x",
            amount=Decimal("0"),
            incurred_on=MARCH,
            source="x",
        )
    assert not Charge.objects.exists()


def test_credit_note_reduces_what_the_bill_asks_and_leaves_the_bill_unchanged(db, finance_manager):
    bill = issued_bill()
    note = credit_note_issue(
        bill=bill, amount=Decimal("100"), reason="wrong area", by=finance_manager, today=MARCH
    )
    assert bill_outstanding(bill) == bill.total - Decimal("100")
    assert Bill.objects.get(pk=bill.pk).total == bill.total
    assert receivable_balance(bill.tenant_id) == bill.total - note.amount
    with pytest.raises(DomainError):
        credit_note_issue(bill=bill, amount=bill.total, reason="too much", by=finance_manager, today=MARCH)


def test_a_fit_out_deposit_bill_is_not_credited(db, finance_manager):
    # given: the deposit bill's line is a liability, and the deposit will hold the bill's total once paid
    account = fitout_deposit_bill(
        lease=active_lease(),
        amount=Decimal("20000"),
        reference="ZX-1",
        due_date=MARCH + timedelta(days=7),
        by=finance_manager,
        today=MARCH,
    )
    # when / then
    with pytest.raises(DomainError):
        credit_note_issue(
            bill=account.bill, amount=Decimal("100"), reason="less", by=finance_manager, today=MARCH
        )
    assert bill_outstanding(account.bill) == Decimal("20000")


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_changing_an_issued_bill_or_its_lines():
    bill = issued_bill()
    line = bill.lines.first()
    for sql, arg in (
        ("UPDATE billing_bill SET total = total + 1 WHERE id = %s", bill.pk),
        ("UPDATE billing_bill SET due_date = due_date + 1 WHERE id = %s", bill.pk),
        ("UPDATE billing_billline SET amount = 1 WHERE id = %s", line.pk),
        ("DELETE FROM billing_billline WHERE id = %s", line.pk),
        ("DELETE FROM billing_bill WHERE id = %s", bill.pk),
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [arg])
    assert Bill.objects.get(pk=bill.pk).total == bill.total


def test_a_bill_issued_after_the_due_day_is_due_after_the_buildings_days_to_pay(db):
    # given: due day 1; December's bill is issued on the 7th (the building gives the default 7 days)
    lease = active_lease(due_day=1)
    # when
    (bill_id,) = billing_run(month=date(2026, 12, 1), today=date(2026, 12, 7))
    # then: due a week after issue, not on the 1st (already past)
    bill = Bill.objects.get(pk=bill_id)
    assert bill.lease == lease
    assert (bill.issue_date, bill.due_date) == (date(2026, 12, 7), date(2026, 12, 14))


def test_the_days_to_pay_are_the_buildings(db):
    # given: a building that gives 10 days
    lease = active_lease(due_day=5)
    Building.objects.filter(pk=lease.building_id).update(bill_payment_days=10)
    # when: the preview and the run on 1 March
    (draft,) = bills_preview(month=MARCH, today=MARCH)
    (bill_id,) = billing_run(month=MARCH, today=MARCH)
    # then: both say 11 March
    assert draft.due_date == Bill.objects.get(pk=bill_id).due_date == date(2026, 3, 11)


def test_a_run_issued_ahead_keeps_the_leases_due_day(db):
    # given
    active_lease(due_day=5)
    # when: issued 22 February, 7 days to pay end before the 5th
    (bill_id,) = billing_run(month=MARCH, today=ISSUED_AHEAD)
    # then
    assert Bill.objects.get(pk=bill_id).due_date == date(2026, 3, 5)


def test_an_extra_bill_is_due_after_the_buildings_days_to_pay(db, finance_manager):
    # given: a damage charge waiting for a bill
    lease = active_lease()
    charge_record(
        lease=lease,
        kind=ChargeKind.DAMAGE,
        description="Broken glass door",
        amount=Decimal("800"),
        incurred_on=MARCH,
        source="handover:damage:1",
        by=finance_manager,
    )
    # when: billed at once (move-out, manual charges)
    bill = bill_issue_extra(lease=lease, today=date(2026, 3, 10))
    # then: due a week later, not the day it is issued
    assert bill is not None
    assert (bill.issue_date, bill.due_date) == (date(2026, 3, 10), date(2026, 3, 17))


def test_a_fit_out_deposit_bill_cannot_fall_due_before_the_days_to_pay(db, finance_manager):
    # given
    lease = active_lease()
    # when / then: due in three days, where the building gives seven
    with pytest.raises(DomainError) as refused:
        fitout_deposit_bill(
            lease=lease,
            amount=Decimal("20000"),
            reference="ZX-2",
            due_date=MARCH + timedelta(days=3),
            by=finance_manager,
            today=MARCH,
        )
    assert refused.value.field == "due_date" and "2026-03-08" in str(refused.value)
    assert not Bill.objects.exists()


def test_the_bill_pdf_carries_the_bills_number_in_its_header_like_the_other_forms(
    db, document_root, settings
):
    # given
    settings.BUILDING_MANAGEMENT_NAME = "浦江物业管理处"
    bill = issued_bill(active_lease(), today=ISSUED_AHEAD)
    # when
    document = bill_render(bill=bill)
    # then: one number, the bill's, in the running header, the title block and the verification line
    with document_storage().open(document.file_path, "rb") as handle:
        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text().replace("\n", "")
    assert document.number == bill.number
    assert "浦江物业管理处" in text
    assert text.count(bill.number) >= 4  # header, title block, the bill's table, the verification line
    assert "BL-" not in text
    assert str(document.verify_token) in text
