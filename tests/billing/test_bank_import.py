"""Bank statement import: rows keyed on the bank's serial number or on the file and line, so a genuine
second transfer that looks the same is kept; suspected duplicates go to finance to record or dismiss."""

import io

import pytest
from django.urls import reverse
from django.utils import translation

from billing.models import BankRowDismissal, Payment
from billing.services.bank import (
    statement_parse,
    statement_row_dismiss,
    statement_row_record,
    suggestions_for,
)
from billing.views.money import import_outcome
from tests.billing.factories import active_lease, issued_bill

pytestmark = pytest.mark.django_db

HEADER = "date,amount,reference,payer,serial\n"


def _csv(*lines: str) -> bytes:
    return (HEADER + "".join(f"{line}\n" for line in lines)).encode()


@pytest.fixture
def bill(db):
    return issued_bill(active_lease())


def _record_all(content: bytes, bill, by) -> int:
    return sum(statement_row_record(row=row, bill=bill, by=by) for row in statement_parse(content))


def test_a_second_identical_transfer_in_another_file_is_recorded(bill, finance_manager):
    # given: Monday's file recorded
    transfer = f"2026-03-04,100.00,RENT {bill.number},ACME,"
    assert _record_all(_csv(transfer), bill, finance_manager) == 1
    # when: Tuesday's file holds the same transfer again (the tenant really paid twice) and another one
    recorded = _record_all(_csv(transfer, "2026-03-05,5.00,x,Someone,"), bill, finance_manager)
    # then
    assert recorded == 2
    assert Payment.objects.filter(amount="100.00", payer="ACME").count() == 2


def test_two_identical_lines_in_one_file_are_two_payments(bill, finance_manager):
    # given
    transfer = f"2026-03-04,100.00,RENT {bill.number},ACME,"
    # when
    recorded = _record_all(_csv(transfer, transfer), bill, finance_manager)
    # then
    assert recorded == 2 and Payment.objects.count() == 2


def test_the_same_file_imported_twice_records_nothing_new(bill, finance_manager):
    # given
    content = _csv(
        f"2026-03-04,100.00,RENT {bill.number},ACME,", f"2026-03-04,100.00,RENT {bill.number},ACME,"
    )
    assert _record_all(content, bill, finance_manager) == 2
    # when
    again = _record_all(content, bill, finance_manager)
    # then
    assert again == 0 and Payment.objects.count() == 2


def test_the_banks_serial_number_keys_a_row_across_files(bill, finance_manager):
    # given: a row with its serial number recorded
    assert _record_all(_csv(f"2026-03-04,100.00,RENT {bill.number},ACME,SN001"), bill, finance_manager) == 1
    # when: the same serial in another file (a period exported twice), and a look-alike with another serial
    recorded = _record_all(
        _csv("2026-03-03,1.00,x,y,SN000", f"2026-03-04,100.00,RENT {bill.number},ACME,SN001"),
        bill,
        finance_manager,
    )
    twin = _record_all(_csv(f"2026-03-04,100.00,RENT {bill.number},ACME,SN002"), bill, finance_manager)
    # then
    assert (recorded, twin) == (1, 1)
    assert Payment.objects.filter(amount="100.00").count() == 2


def test_a_dismissed_row_is_kept_and_records_nothing(bill, finance_manager):
    # given
    (row,) = statement_parse(_csv(f"2026-03-04,100.00,RENT {bill.number},ACME,"))
    # when
    first, second = (statement_row_dismiss(row=row, by=finance_manager) for _ in range(2))
    # then
    assert (first, second) == (True, False)
    assert BankRowDismissal.objects.get().key == row.key and not Payment.objects.exists()


def _upload(client, content: bytes):
    upload = io.BytesIO(content)
    upload.name = "statement.csv"
    return client.post(reverse("billing:bank-import"), {"file": upload})


def test_bank_import_shows_a_suspected_duplicate_for_finance_to_decide(client, finance_manager, bill):
    # given: a transfer recorded from Monday's file
    client.force_login(finance_manager)
    transfer = f"2026-03-04,100.00,RENT {bill.number},ACME,"
    _record_all(_csv(transfer), bill, finance_manager)
    payment = Payment.objects.get()
    # when: Tuesday's file holds the same transfer
    page = _upload(client, _csv("2026-03-05,5.00,other,Someone,", transfer))
    # then: shown as a suspected duplicate of that payment, not ticked for recording
    html = page.content.decode()
    duplicate = next(s for s in page.context["suggestions"] if s["row"].line == 3)
    assert duplicate["state"] == "duplicate" and duplicate["payment"] == payment
    assert 'data-testid="bank-duplicate"' in html and payment.number in html
    assert '<option value="record" selected>' not in html.split('data-testid="bank-row-3"')[1]
    # when: finance dismisses it
    response = client.post(
        reverse("billing:bank-import"),
        {"rows": page.context["signed"], "action-3": "dismiss", "bill-3": str(bill.pk)},
    )
    # then
    assert response.status_code == 302
    assert Payment.objects.count() == 1 and BankRowDismissal.objects.count() == 1


def test_bank_import_records_a_suspected_duplicate_when_finance_says_so(client, finance_manager, bill):
    # given
    client.force_login(finance_manager)
    transfer = f"2026-03-04,100.00,RENT {bill.number},ACME,"
    _record_all(_csv(transfer), bill, finance_manager)
    page = _upload(client, _csv(transfer, "2026-03-05,5.00,other,Someone,"))
    # when: finance records it (the tenant paid twice)
    client.post(
        reverse("billing:bank-import"),
        {"rows": page.context["signed"], "action-2": "record", "bill-2": str(bill.pk)},
    )
    # then
    assert Payment.objects.filter(amount="100.00").count() == 2


def test_a_transfer_recorded_before_payers_were_kept_is_a_suspected_duplicate(bill, finance_manager):
    # given: a transfer recorded without its payer (as every payment was before payers were kept)
    (row,) = statement_parse(_csv(f"2026-03-04,100.00,RENT {bill.number},ACME,"))
    statement_row_record(row=row, bill=bill, by=finance_manager)
    Payment.objects.update(payer="")
    # when: a file with that transfer is read
    (suggestion,) = suggestions_for(statement_parse(_csv(f"2026-03-04,100.00,RENT {bill.number},ACME,X1")))
    # then
    assert suggestion["state"] == "duplicate" and suggestion["payment"] == Payment.objects.get()


def test_the_import_says_what_it_did_with_each_count_in_its_plural():
    # when / then
    with translation.override("en"):
        assert import_outcome(1, 0) == ["1 payment recorded."]
        assert import_outcome(2, 1) == ["2 payments recorded.", "1 row dismissed as a duplicate."]
    with translation.override("zh-hans"):
        assert import_outcome(1, 2) == ["已登记 1 笔收款。", "已驳回 2 行重复流水。"]
