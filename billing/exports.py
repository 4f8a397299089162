"""Finance exports of the journal for a date range (and building): CSV streamed row by row, XLSX with
numbers as numbers and text protected against formula injection, and a beancount file."""

import codecs
import csv
import io
import tempfile
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from documents.money import XLSX_MONEY_FORMAT
from leasing.leases.exports import safe_text

from .models import Account, JournalEntry, JournalLine

COLUMNS = (
    "date",
    "entry",
    "memo",
    "source",
    "account",
    "account_name",
    "tenant",
    "building",
    "debit",
    "credit",
)
BEAN_ACCOUNTS = {
    Account.CASH: "Assets:Cash",
    Account.BANK: "Assets:Bank",
    Account.RECEIVABLE: "Assets:Receivable",
    Account.DEPOSITS_HELD: "Liabilities:DepositsHeld",
    Account.OPENING_BALANCE: "Equity:OpeningBalances",
    Account.RENT_INCOME: "Income:Rent",
    Account.FEE_INCOME: "Income:ManagementFee",
    Account.UTILITY_INCOME: "Income:Utilities",
    Account.LATE_FEE_INCOME: "Income:LateFees",
    Account.OTHER_INCOME: "Income:Other",
}
ACCOUNT_NAMES = dict(Account.choices)


def ledger_lines(*, start: date, end: date, building_id: int | None = None) -> QuerySet:
    lines = JournalLine.objects.filter(entry__date__range=(start, end))
    if building_id:
        lines = lines.filter(entry__building_id=building_id)
    return lines.order_by("entry__date", "entry_id", "pk").values_list(
        "entry__date",
        "entry_id",
        "entry__memo",
        "entry__source",
        "account",
        "tenant__name",
        "entry__building__code",
        "debit",
        "credit",
    )


def _rows(lines: QuerySet) -> Iterator[tuple]:
    for on, entry, memo, source, account, tenant, building, dr, cr in lines.iterator(chunk_size=5000):
        yield (
            on,
            entry,
            memo,
            source,
            account,
            str(ACCOUNT_NAMES.get(account, "")),
            tenant or "",
            building or "",
            dr,
            cr,
        )


def _safe_sql(column: str) -> str:
    """SQL for a text column a spreadsheet will not run as a formula (see ``safe_text``)."""
    value = f"coalesce({column}, '')"
    starts = "('=', '+', '-', '@', chr(9), chr(13))"
    return f"CASE WHEN left({value}, 1) IN {starts} THEN '''' || {value} ELSE {value} END"


def ledger_csv_sql(*, start: date, end: date, building_id: int | None = None) -> tuple[str, list[Any]]:
    """The export's rows as SQL that already formats every cell, so Python only writes them out."""
    names = list(ACCOUNT_NAMES.items())
    account_name = "CASE l.account " + " ".join("WHEN %s THEN %s" for _ in names) + " ELSE '' END"
    params: list[Any] = [value for code, label in names for value in (code, str(label))]
    where = "e.date BETWEEN %s AND %s"
    params += [start, end]
    if building_id:
        where += " AND e.building_id = %s"
        params.append(building_id)
    # Only fixed SQL and placeholders are put together here; every value is a parameter.
    columns = (
        f"to_char(e.date, 'YYYY-MM-DD'), e.id::text, {_safe_sql('e.memo')}, {_safe_sql('e.source')}, "
        f"l.account, {account_name}, {_safe_sql('t.name')}, {_safe_sql('b.code')}, "
        "l.debit::text, l.credit::text"
    )
    joins = (
        "billing_journalline l JOIN billing_journalentry e ON e.id = l.entry_id "
        "LEFT JOIN tenancy_tenant t ON t.id = l.tenant_id "
        "LEFT JOIN leasing_building b ON b.id = e.building_id"
    )
    sql = f"SELECT {columns} FROM {joins} WHERE {where} ORDER BY e.date, e.id, l.id"  # noqa: S608
    return sql, params


def ledger_csv(**filters: Any) -> Iterator[str]:
    """The CSV as PostgreSQL itself writes it (``COPY ... TO STDOUT``), streamed chunk by chunk: memory stays
    flat however many lines the range holds, and no row passes through Python objects."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(COLUMNS)
    yield "\ufeff" + buffer.getvalue()
    sql, params = ledger_csv_sql(**filters)
    # A chunk may end inside a character: decode incrementally.
    decoder = codecs.getincrementaldecoder("utf-8")()
    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy,
    ):
        for chunk in copy:
            yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


def ledger_xlsx(**filters: Any) -> bytes:
    """The XLSX (write-only, streamed to a temporary file): amounts are numbers, text cannot be a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Journal")
    sheet.append(COLUMNS)
    for on, entry, memo, source, account, name, tenant, building, dr, cr in _rows(ledger_lines(**filters)):
        sheet.append(
            [
                on,
                entry,
                safe_text(memo),
                safe_text(source),
                account,
                name,
                safe_text(tenant),
                safe_text(building),
                _money_cell(sheet, dr),
                _money_cell(sheet, cr),
            ]
        )
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        return handle.read()


def _money_cell(sheet: Any, amount: Decimal) -> WriteOnlyCell:
    """An amount as a number (not text, not a float) shown as ¥1,234.50."""
    cell = WriteOnlyCell(sheet, value=amount)
    cell.number_format = XLSX_MONEY_FORMAT
    return cell


def _bean_account(account: str, tenant_id: int | None) -> str:
    base = BEAN_ACCOUNTS[account]
    return f"{base}:T{tenant_id}" if tenant_id else base


def _bean_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def ledger_beancount(*, start: date, end: date, building_id: int | None = None) -> Iterator[str]:
    """The journal as a beancount file: accounts opened, one transaction per entry."""
    entries = JournalEntry.objects.filter(date__range=(start, end))
    if building_id:
        entries = entries.filter(building_id=building_id)
    lines = JournalLine.objects.filter(entry__in=entries).order_by("entry__date", "entry_id", "pk")
    opened = sorted({_bean_account(a, t) for a, t in lines.values_list("account", "tenant_id").distinct()})
    yield 'option "operating_currency" "CNY"\n\n'
    for name in opened:
        yield f"2000-01-01 open {name} CNY\n"
    current: int | None = None
    for entry_id, on, memo, account, tenant_id, dr, cr in lines.values_list(
        "entry_id", "entry__date", "entry__memo", "account", "tenant_id", "debit", "credit"
    ).iterator(chunk_size=5000):
        if entry_id != current:
            current = entry_id
            yield f'\n{on.isoformat()} * "{_bean_text(memo)}" #entry{entry_id}\n'
        amount: Decimal = dr - cr
        yield f"  {_bean_account(account, tenant_id)}  {amount:.2f} CNY\n"
