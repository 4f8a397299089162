"""Bank statements from any bank: CSV in UTF-8 or GBK, XLSX, read by the column layout finance saved once
for the bank account; bad files are refused at the file field and nothing is posted."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from billing.models import PayeeAccount, Payment, StatementLayout
from billing.services.bank import statement_parse, suggestions_for
from billing.services.payee import statement_layout_save
from documents.errors import DomainError
from tests.billing.factories import active_lease, issued_bill

pytestmark = pytest.mark.django_db


@pytest.fixture
def bill(db):
    return issued_bill(active_lease())


@pytest.fixture
def icbc(db):
    """An account whose bank prints two title rows, splits credits and debits, and dates as 2026/03/04."""
    account = PayeeAccount.objects.create(
        label="ICBC", account_name="上海某物业管理有限公司", bank="工商银行", account_number="1001 2345 6789"
    )
    StatementLayout.objects.create(
        account=account,
        skip_rows=2,
        date_column="交易日期",
        date_format=StatementLayout.DateFormat.SLASH,
        credit_column="贷方发生额",
        debit_column="借方发生额",
        payer_column="对方户名",
        reference_column="摘要",
        serial_column="流水号",
    )
    return account


def _gbk_statement(bill_number: str) -> bytes:
    lines = [
        "中国工商银行账户明细",
        "账号：1001 2345 6789,,,,,",
        "交易日期,流水号,摘要,借方发生额,贷方发生额,对方户名",
        f'2026/03/04,SN9001,房租 {bill_number},,"1,234.50",上海甲公司',
        "2026/03/05,SN9002,手续费,12.00,,工商银行",
        "2026/03/06,SN9003,预付款,,800.00,乙公司",
    ]
    return "\r\n".join(lines).encode("gbk")


def test_a_gbk_statement_is_read_by_the_saved_layout(bill, icbc):
    # when
    rows = statement_parse(_gbk_statement(bill.number), icbc.statement_layout)
    # then: the two credits, the fee going out left out; lines as the file numbers them
    assert [(r.line, r.on, r.amount, r.payer, r.serial) for r in rows] == [
        (4, date(2026, 3, 4), Decimal("1234.50"), "上海甲公司", "SN9001"),
        (6, date(2026, 3, 6), Decimal("800.00"), "乙公司", "SN9003"),
    ]
    # and the bill named in the reference is suggested, as for the standard layout
    suggestion = suggestions_for(rows)[0]
    assert suggestion["bill"] == bill and suggestion["reason"] == "number"


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_statement_with_one_signed_amount_column(bill, finance_manager):
    # given: a bank exporting XLSX with real dates and negative amounts for money going out
    account = PayeeAccount.objects.create(
        label="CMB", account_name="X", bank="招商银行", account_number="6214"
    )
    layout = statement_layout_save(
        account=account,
        values={"date_column": "Date", "amount_column": "Amount", "payer_column": "Counterparty",
                "reference_column": "Remark", "serial_column": "", "credit_column": "", "debit_column": "",
                "skip_rows": 0, "date_format": StatementLayout.DateFormat.ISO},
        by=finance_manager,
    )  # fmt: skip
    content = _xlsx([
        ["Date", "Amount", "Counterparty", "Remark"],
        [datetime(2026, 3, 4, 10, 30), 1234.5, "ACME", f"RENT {bill.number}"],
        [datetime(2026, 3, 5), -50, "Bank", "fee"],
        ["2026-03-06", "2,000.00", "Beta", "advance"],
    ])  # fmt: skip
    # when
    rows = statement_parse(content, layout)
    # then
    assert [(r.on, r.amount, r.payer) for r in rows] == [
        (date(2026, 3, 4), Decimal("1234.50"), "ACME"),
        (date(2026, 3, 6), Decimal("2000.00"), "Beta"),
    ]


def test_a_utf8_statement_with_a_bom_in_the_standard_layout(bill):
    content = f"date,amount,reference,payer\n2026-03-04,100.00,RENT {bill.number},ACME\n".encode("utf-8-sig")
    assert [r.amount for r in statement_parse(content)] == [Decimal("100.00")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"   \n\n", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a spreadsheet"),
        (b"PK\x03\x04 broken zip", "not a spreadsheet"),
        (b"%PDF-1.7 statement", "not a spreadsheet"),
    ],
)
def test_a_file_that_is_no_statement_is_refused(content, message, icbc):
    with pytest.raises(DomainError) as refused:
        statement_parse(content, icbc.statement_layout)
    assert message in refused.value.message and refused.value.field == "file"


def test_another_banks_layout_is_refused_naming_the_missing_columns(icbc):
    # given: a CMB-style file uploaded for the ICBC account
    lines = ["招商银行交易明细", "账号：6214", "交易时间,交易金额,对方名称,备注", "2026-03-04,100.00,ACME,x"]
    content = "\n".join(lines).encode("gbk")
    # when / then
    with pytest.raises(DomainError) as refused:
        statement_parse(content, icbc.statement_layout)
    assert "交易日期" in refused.value.message and "贷方发生额" in refused.value.message
    assert "交易时间" in refused.value.message


def test_a_layout_without_an_amount_column_is_refused(finance_manager):
    account = PayeeAccount.objects.create(label="A", account_name="X", bank="B", account_number="1")
    with pytest.raises(DomainError) as refused:
        statement_layout_save(
            account=account,
            values={
                "date_column": "Date",
                "payer_column": "Payer",
                "amount_column": " ",
                "credit_column": "",
            },
            by=finance_manager,
        )
    assert refused.value.field == "amount_column"
    assert not StatementLayout.objects.exists()


def test_the_layout_page_refuses_a_layout_without_an_amount_at_the_field(client, finance_manager):
    # given
    account = PayeeAccount.objects.create(label="A", account_name="X", bank="B", account_number="1")
    client.force_login(finance_manager)
    # when
    page = client.post(
        reverse("billing:statement-layout", args=[account.pk]),
        {"skip_rows": "0", "date_column": "Date", "date_format": "%Y-%m-%d", "payer_column": "Payer"},
    )
    # then: the form again, the message at the amount column, what was typed kept
    assert page.status_code == 200
    assert page.context["form"].errors["amount_column"]
    assert 'value="Payer"' in page.content.decode()
    assert not StatementLayout.objects.exists()


def _upload(client, account, content: bytes, name: str = "statement.csv"):
    data = {"file": SimpleUploadedFile(name, content)}
    if account is not None:
        data["account"] = str(account.pk)
    return client.post(reverse("billing:bank-import"), data)


def test_the_import_page_reads_a_gbk_file_by_the_chosen_account(client, finance_manager, bill, icbc):
    client.force_login(finance_manager)
    page = _upload(client, icbc, _gbk_statement(bill.number))
    assert page.status_code == 200
    assert [s["row"].serial for s in page.context["suggestions"]] == ["SN9001", "SN9003"]
    assert "¥1,234.50" in page.content.decode()


@pytest.mark.parametrize(
    "content", [b"", "交易时间,交易金额\n2026-03-04,1\n".encode("gbk"), b"\x89PNG\r\n\x1a\n\x00"]
)
def test_the_import_page_shows_a_bad_file_at_the_field_and_posts_nothing(
    client, finance_manager, icbc, content
):
    client.force_login(finance_manager)
    page = _upload(client, icbc, content)
    assert page.status_code == 200
    assert page.context["form"].errors["file"]
    assert page.context["suggestions"] is None and Payment.objects.count() == 0


def test_an_account_without_a_layout_is_refused_at_the_account_field(client, finance_manager, bill):
    account = PayeeAccount.objects.create(label="A", account_name="X", bank="B", account_number="1")
    client.force_login(finance_manager)
    page = _upload(client, account, b"date,amount,reference,payer\n2026-03-04,1.00,x,y\n")
    assert page.context["form"].errors["account"]
