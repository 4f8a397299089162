"""Issue 22: what the system writes on bill lines and ledger memos (the early-termination penalty, damages
from the move-out sheets, late fees) reads in the tenant's language on the tenant's bill and statement,
whatever language the clerk who clicked reads: the key and values are stored, the text rendered when read."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from billing.models import BillLine, Charge, JournalEntry
from billing.services.arrears import late_fees_accrue
from billing.services.documents import bill_render
from billing.services.settlement import settlement_make
from billing.services.statements import statement_document
from handover.models import AcceptanceItem, Sheet
from leasing.models import Lease
from tests.documents.factories import DocumentFactory
from tests.language import clerk_reading_english, pdf_text, set_language
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 (the document_root fixture)

from .factories import MARCH, active_lease, issued_bill, move_out_confirmed

pytestmark = pytest.mark.django_db

WORDS = {
    "zh-hans": {"penalty": "提前解约违约金", "walls": "墙面", "late fee": "滞纳金"},
    "en": {"penalty": "Early termination penalty", "walls": "Walls", "late fee": "Late fee on bill"},
}


def _flat(text: str) -> str:
    return "".join(text.split())


def _settled_early_with_a_damage(language: str, by: object) -> Lease:
    """A lease ended early under a penalty, a wall damaged on its signed move-out sheet, settled by a clerk
    reading English."""
    from leasing.leases.moveout import move_out_notice_give
    from tests.leasing.lease_factories import lease_in

    lease = lease_in(Lease.Status.ACTIVE, break_from=date(2026, 2, 1), break_penalty_months=Decimal("2"))
    set_language(lease.tenant, language)
    move_out_notice_give(
        lease=lease, move_out_date=date(2026, 6, 30), channel="portal", by=None, today=date(2026, 3, 2)
    )
    lease.refresh_from_db()
    sheet = move_out_confirmed(lease, signed=False)  # lines join a draft; the sheet is signed after
    AcceptanceItem.objects.create(
        sheet=sheet,
        item=AcceptanceItem.Item.WALLS,
        location="2F",
        condition=AcceptanceItem.Condition.DEFECT,
        note="scratch",
        damage_amount=Decimal("300.00"),
    )
    Sheet.objects.filter(pk=sheet.pk).update(
        status=Sheet.Status.SIGNED,
        signed_at=timezone.now(),
        content_sha256="0" * 64,
        document=DocumentFactory(),
    )
    with clerk_reading_english():
        settlement_make(lease=lease, by=by, today=date(2026, 3, 2))
    return lease


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_penalty_and_damage_an_english_clerk_bills_read_in_the_tenants_language_on_the_bill(
    document_root, finance_manager, language
):
    # given: settled by a clerk reading English
    lease = _settled_early_with_a_damage(language, finance_manager)
    penalty = Charge.objects.get(source=f"penalty:{lease.pk}")
    damage = Charge.objects.get(source__startswith="handover:", lease=lease)
    assert penalty.bill_id == damage.bill_id is not None
    # when: the final bill is printed, again by the English clerk
    with clerk_reading_english():
        text = pdf_text(bill_render(bill=penalty.bill, by=finance_manager))
    # then: the lines are in the tenant's language, the typed place and defect as typed
    words = WORDS[language]
    assert words["penalty"] in text
    assert f"{words['walls']} 2F scratch" in text
    other = WORDS["en" if language == "zh-hans" else "zh-hans"]
    assert other["penalty"] not in text and other["walls"] not in text


def test_the_same_bill_line_reads_in_each_readers_language(document_root, finance_manager):
    # given: the penalty line written while the clerk read English
    lease = _settled_early_with_a_damage("zh-hans", finance_manager)
    line = BillLine.objects.get(bill__lease=lease, description_key="Early termination penalty")
    # then: a clerk reading English and one reading Chinese each read it in their language
    with clerk_reading_english():
        assert line.description_shown == "Early termination penalty"
    from django.utils import translation

    with translation.override("zh-hans"):
        assert line.description_shown == "提前解约违约金"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_late_fee_posted_while_english_is_active_reads_in_the_tenants_language_on_the_statement(
    document_root, finance_manager, language
):
    # given: an unpaid March bill, late fees accrued by the daily task while English is active
    bill = issued_bill(active_lease())
    set_language(bill.tenant, language)
    with clerk_reading_english():
        assert late_fees_accrue(today=bill.due_date + date.resolution * 40) > 0
        # when: the English clerk prints the tenant's statement
        document = statement_document(
            tenant=bill.tenant, start=MARCH.replace(day=1) - date.resolution * 60, end=date(2026, 12, 7),
            by=finance_manager,
        )  # fmt: skip
    # then
    text = _flat(pdf_text(document))  # the memo column wraps its text over lines
    assert _flat(WORDS[language]["late fee"]) in text
    other = WORDS["en" if language == "zh-hans" else "zh-hans"]
    assert _flat(other["late fee"]) not in text
    memo = JournalEntry.objects.filter(source=f"latefee:{bill.pk}").first()
    assert memo is not None and memo.memo_key == "Late fee on bill %(number)s for %(day)s"
