"""Ledger exports: CSV streamed with text protected, XLSX with numbers as numbers, beancount that bean-check
accepts; statements; the bank statement import with suggested matches."""

import csv
import io
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from billing.exports import ledger_beancount, ledger_csv, safe_text
from billing.models import Payment
from billing.selectors import bill_outstanding, tenant_statement
from billing.services.bank import statement_parse, statement_row_record, suggestions_for
from billing.services.bills import credit_note_issue
from billing.services.deposits import deposit_receive
from documents.errors import DomainError
from tests.billing.factories import MARCH, active_lease, issued_bill, pay

RANGE = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}


@pytest.fixture
def ledger(db, finance_manager):
    lease = active_lease()
    lease.tenant.name = '=HYPERLINK("http://evil")'
    lease.tenant.save()
    bill = issued_bill(lease)
    pay(lease.tenant, "100", by=finance_manager)
    credit_note_issue(bill=bill, amount=Decimal("10"), reason="x", by=finance_manager, today=MARCH)
    deposit_receive(lease=lease, amount=Decimal("300"), method="cash", on=MARCH, by=finance_manager)
    return bill


def test_safe_text_quotes_what_a_spreadsheet_would_run():
    assert safe_text("=1+1") == "'=1+1" and safe_text("@x") == "'@x" and safe_text("plain") == "plain"


def test_csv_export_has_every_line_and_protects_text(ledger):
    rows = list(csv.reader(io.StringIO("".join(ledger_csv(**RANGE, building_id=None)))))
    assert rows[0][0].lstrip("\ufeff") == "date"
    body = rows[1:]
    assert sum(Decimal(r[8]) for r in body) == sum(Decimal(r[9]) for r in body)
    assert all(not r[6].startswith("=") for r in body)
    assert any(r[6].startswith("'=") for r in body)


def test_xlsx_export_keeps_amounts_as_numbers(client, finance_manager, ledger):
    client.force_login(finance_manager)
    response = client.get(
        reverse("billing:export"), {"start": "2026-01-01", "end": "2026-12-31", "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows and all(isinstance(r[8], (int, float)) for r in rows)
    assert all(not str(r[6]).startswith("=") for r in rows)


def test_beancount_export_passes_bean_check(ledger, tmp_path):
    path = Path(tmp_path) / "ledger.beancount"
    path.write_text("".join(ledger_beancount(**RANGE)), encoding="utf-8")
    bean_check = Path(sys.executable).parent / "bean-check"
    result = subprocess.run([str(bean_check), str(path)], capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stdout + result.stderr


def test_csv_export_streams_by_building(client, finance_manager, ledger):
    client.force_login(finance_manager)
    url = reverse("billing:export")
    response = client.get(
        url, {"start": "2026-01-01", "end": "2026-12-31", "format": "csv", "building": ledger.building_id}
    )
    assert response.streaming
    assert ledger.number in b"".join(response.streaming_content).decode()


def test_export_with_the_end_before_the_start_shows_the_message(client, finance_manager, db):
    client.force_login(finance_manager)
    response = client.get(
        reverse("billing:export"), {"start": "2026-03-01", "end": "2026-02-01", "format": "csv"}
    )
    assert response.status_code == 200
    assert "The end comes before the start." in response.content.decode()


def test_statement_runs_from_the_opening_to_the_closing_balance(ledger):
    opening, rows, closing = tenant_statement(ledger.tenant_id, date(2026, 3, 1), date(2026, 3, 31))
    assert opening == 0
    assert closing == ledger.total - Decimal("110")
    assert rows[-1].balance == closing


def test_bank_statement_suggests_bills_by_number_and_records_once(db, finance_manager):
    bill = issued_bill(active_lease())
    content = (
        "date,amount,reference,payer\n"
        f"2026-03-04,{bill.total},RENT {bill.number},ACME\n"
        "2026-03-04,12.34,unknown,Someone\n"
    ).encode()
    rows = statement_parse(content)
    suggestions = suggestions_for(rows)
    assert suggestions[0]["bill"] == bill and suggestions[0]["reason"] == "number"
    assert suggestions[1]["bill"] is None
    assert statement_row_record(row=rows[0], bill=bill, by=finance_manager) is True
    assert statement_row_record(row=rows[0], bill=bill, by=finance_manager) is False
    assert Payment.objects.count() == 1 and bill_outstanding(bill) == 0


def test_a_bank_csv_with_broken_rows_is_refused_whole(client, finance_manager, db):
    client.force_login(finance_manager)
    upload = io.BytesIO(
        b"date,amount,reference,payer\n2026-03-04,100,x,y\nnot a date,abc,,\n2026-03-05,-5,r,p\n"
    )
    upload.name = "statement.csv"
    response = client.post(reverse("billing:bank-import"), {"file": upload})
    assert response.status_code == 200
    assert "Rows 3, 4 lack a date" in response.content.decode()
    assert not Payment.objects.exists()
    with pytest.raises(DomainError):
        statement_parse(b"date,amount\n")
