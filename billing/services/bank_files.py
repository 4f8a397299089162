"""Reading a bank statement file from any bank: CSV (UTF-8 with or without BOM, or GBK/GB18030, as Chinese
banks export) or XLSX, laid out as the account's ``StatementLayout`` says (columns named by the header row,
the date format, title rows to skip), or in the standard layout (date, amount, reference, payer and, when
given, the bank's serial number, after a header row) when no account is chosen.

All rows or none: a row that cannot be read is named and nothing is imported. Rows with no credit (money
going out, or a zero or negative amount) are not payments and are left out. openpyxl and csv read the cells
directly: the title rows above a bank's header and the check of the header against the layout need the raw
rows, which a headed dataset (tablib) would already have interpreted."""

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from documents.errors import DomainError

from ..models import StatementLayout
from ..money import money

MAX_ROWS = 5000
XLSX_MAGIC = b"PK\x03\x04"
# Picture, PDF, old Excel (OLE) and other archives: files finance may pick by mistake.
NOT_TEXT_MAGIC = (b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0", b"GIF8", b"\x1f\x8b", b"Rar!")


@dataclass(frozen=True)
class StatementRow:
    line: int
    on: date
    amount: Decimal
    reference: str
    payer: str
    serial: str = ""
    file_digest: str = ""

    @property
    def key(self) -> str:
        """The bank's serial number when there is one, else the file's hash and the line."""
        if self.serial:
            return "bank:sn:" + hashlib.sha256(self.serial.encode()).hexdigest()[:40]
        if not self.file_digest:
            raise ValueError("A row without a serial number needs its file's digest.")
        return f"bank:{self.file_digest[:40]}:{self.line}"

    @property
    def looks_like(self) -> tuple[date, Decimal, str, str]:
        """What makes two transfers look the same: date, amount, reference and payer."""
        return (self.on, self.amount, self.reference, self.payer)


def statement_rows(content: bytes, layout: StatementLayout | None = None) -> list[StatementRow]:
    """The incoming payments of the file, read by the layout (or the standard one); refuse an empty file,
    a file that is no spreadsheet, headers that do not fit the layout, or broken rows, at the file field."""
    if not content.strip():
        raise DomainError(_("The file is empty."), field="file")
    table = _table(content)
    digest = hashlib.sha256(content).hexdigest()
    if layout is None:
        rows = _read_rows(table[1:], 2, digest, _standard_reader())
    else:
        header_at = layout.skip_rows
        if len(table) <= header_at:
            raise DomainError(_("The file has no header row where the layout expects it."), field="file")
        reader = _layout_reader(layout, table[header_at])
        rows = _read_rows(table[header_at + 1 :], header_at + 2, digest, reader)
    if not rows:
        raise DomainError(_("The file has no payments."), field="file")
    if len(rows) > MAX_ROWS:
        raise DomainError(_("At most %(n)s rows at a time.") % {"n": MAX_ROWS}, field="file")
    return rows


def _table(content: bytes) -> list[list[Any]]:
    """The file's rows of cells: an XLSX's first sheet, or the CSV decoded as UTF-8, else GB18030."""
    if content.startswith(XLSX_MAGIC):
        return _xlsx_table(content)
    if content.startswith(NOT_TEXT_MAGIC) or b"\x00" in content[:4096]:
        raise DomainError(
            _("The file is not a spreadsheet: upload the statement as CSV or XLSX."), field="file"
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    raise DomainError(_("The file is neither UTF-8 nor GBK text."), field="file")


def _xlsx_table(content: bytes) -> list[list[Any]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise DomainError(
            _("The file is not a spreadsheet: upload the statement as CSV or XLSX."), field="file"
        ) from None
    try:
        sheet = workbook.worksheets[0]
        table = []
        for values in sheet.iter_rows(values_only=True):
            if any(v not in (None, "") for v in values):
                table.append(["" if v is None else v for v in values])
            if len(table) > MAX_ROWS + 50:
                break
        return table
    finally:
        workbook.close()


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _amount(value: Any) -> Decimal | None:
    """An amount as banks print it: ``1,234.50``, ``¥1,234.50``, ``(1,234.50)``, ``-1234.5``; None: empty."""
    if isinstance(value, int | Decimal):
        return money(value)
    if isinstance(value, float):
        return money(repr(value))  # the cell's shortest exact decimal, never the float's binary value
    text = _text(value)
    for noise in (",", "¥", "￥", "CNY", "RMB", "元", " "):
        text = text.replace(noise, "")
    if not text or text in ("-", "--"):
        return None
    if text.startswith("(") and text.endswith(")"):
        text = "-" + text[1:-1]
    return money(Decimal(text))


def _date(value: Any, fmt: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    return datetime.strptime(text.split(" ")[0] if " " in text and "%H" not in fmt else text, fmt).date()


Reader = Any  # (cells) -> (date, amount, reference, payer, serial) or None for a row that is no payment


def _read_rows(table: list[list[Any]], first_line: int, digest: str, reader: Reader) -> list[StatementRow]:
    rows, broken = [], []
    for line, cells in enumerate(table, start=first_line):
        try:
            read = reader(cells)
        except (IndexError, ValueError, InvalidOperation, TypeError):
            broken.append(str(line))
            continue
        if read is not None:
            on, amount, reference, payer, serial = read
            rows.append(StatementRow(line, on, amount, reference[:80], payer[:200], serial[:60], digest))
    if broken:
        raise DomainError(
            _("Rows %(rows)s lack a date, a positive amount, a reference or a payer; nothing was imported.")
            % {"rows": ", ".join(broken[:20])},
            field="file",
        )
    return rows


def _standard_reader() -> Reader:
    """Date (YYYY-MM-DD), amount, reference, payer, serial (optional): every amount must be positive."""

    def read(cells: list[Any]) -> tuple[date, Decimal, str, str, str]:
        on = _date(cells[0], "%Y-%m-%d")
        amount = _amount(cells[1])
        if amount is None or amount <= 0:
            raise ValueError
        serial = _text(cells[4]) if len(cells) > 4 else ""
        return on, amount, _text(cells[2]), _text(cells[3]), serial

    return read


def _layout_reader(layout: StatementLayout, header: list[Any]) -> Reader:
    """Cells read by the columns the layout names, found in the file's header row; a header without one of
    them is another bank's layout (or another account's), refused naming what is missing."""
    index = {_text(name).casefold(): i for i, name in reversed(list(enumerate(header)))}
    wanted = {
        "date": layout.date_column,
        "amount": layout.amount_column,
        "credit": layout.credit_column,
        "debit": layout.debit_column,
        "payer": layout.payer_column,
        "reference": layout.reference_column,
        "serial": layout.serial_column,
    }
    columns = {key: index.get(name.strip().casefold()) for key, name in wanted.items() if name.strip()}
    missing = [wanted[key] for key, at in columns.items() if at is None]
    if missing:
        raise DomainError(
            _(
                "The file's columns do not fit this account's layout (is it another bank's statement?): "
                "no %(missing)s. Its header reads: %(found)s."
            )
            % {"missing": ", ".join(missing), "found": ", ".join(_text(h) for h in header if _text(h))[:300]},
            field="file",
        )

    def cell(cells: list[Any], key: str) -> Any:
        at = columns.get(key)
        return cells[at] if at is not None and at < len(cells) else ""

    def read(cells: list[Any]) -> tuple[date, Decimal, str, str, str] | None:
        amount = _amount(cell(cells, "amount")) if "amount" in columns else _amount(cell(cells, "credit"))
        if amount is None or amount <= 0:
            return None  # money going out, or a debit row: not a payment
        on = _date(cell(cells, "date"), layout.date_format)
        return (
            on,
            amount,
            _text(cell(cells, "reference")),
            _text(cell(cells, "payer")),
            _text(cell(cells, "serial")),
        )

    return read
