"""Reading a spreadsheet as users have it: XLSX, or CSV in UTF-8 (with or without a byte-order mark) or
GBK/GB18030 (what Chinese Excel writes), with Chinese or English column headers.

Rows are streamed and counted as they are read, so a file over the row limit is refused without holding it
all in memory. A formula in a cell is refused, never evaluated (the workbook is opened with
``data_only=False``). We read with openpyxl and the standard csv module directly rather than through tablib:
tablib loads the whole sheet into memory and opens workbooks with ``data_only=True``, which would silently
take a formula's cached result for a value.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..errors import DomainError

MAX_ROWS = 20_000
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls


class FileRefused(DomainError):
    """The file as a whole cannot be read; nothing is imported."""


@dataclass
class RawRow:
    """A row as read: its line in the file (as the clerk sees it in Excel) and its cells, in column order."""

    line: int
    cells: list[str]


def sheet_rows(data: bytes, *, max_rows: int = MAX_ROWS) -> tuple[list[str], Iterator[RawRow]]:
    """The header cells and an iterator over the non-empty rows below it, or FileRefused."""
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    if data.startswith(OLE_MAGIC):
        raise FileRefused(_("This is an old Excel file (.xls). In Excel, save it as .xlsx or as CSV."))
    rows = _xlsx_rows(data) if data.startswith(XLSX_MAGIC) else _csv_rows(_decode(data))
    header = next(rows, None)
    if header is None or not any(header.cells):
        raise FileRefused(_("The file is empty."))
    return header.cells, _limited(rows, max_rows)


def _limited(rows: Iterator[RawRow], max_rows: int) -> Iterator[RawRow]:
    count = 0
    for row in rows:
        if not any(row.cells):
            continue
        count += 1
        if count > max_rows:
            raise FileRefused(
                _("The file has more than %(max)s rows; split it into smaller files.")
                % {"max": f"{max_rows:,}"}
            )
        yield row


def _decode(data: bytes) -> str:
    """UTF-8 (a byte-order mark is dropped), else GB18030 (a superset of GBK); a mix of both is refused."""
    if b"\x00" in data[:4096]:
        raise FileRefused(_("This file is not a spreadsheet: upload an .xlsx file or a CSV file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    if any(not line.isascii() and _is_utf8(line) for line in lines):
        raise FileRefused(
            _(
                "The file mixes two text encodings (UTF-8 and GBK): "
                "some lines were pasted from another file. "
                "Open it in Excel and save it again as one CSV file or as .xlsx."
            )
        )
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise FileRefused(
            _("This file is not a spreadsheet: upload an .xlsx file or a CSV file (UTF-8 or GBK).")
        ) from None


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _csv_rows(text: str) -> Iterator[RawRow]:
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileRefused(
                _("Line %(line)s cannot be read: %(error)s") % {"line": line, "error": error}
            ) from None
        yield RawRow(line, [cell.strip() for cell in cells])


def _xlsx_rows(data: bytes) -> Iterator[RawRow]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise FileRefused(_("This file is not a spreadsheet: upload an .xlsx file or a CSV file.")) from None
    sheet = workbook.worksheets[0]
    try:
        for number, row in enumerate(sheet.iter_rows(), start=1):
            yield RawRow(number, [_cell_text(cell, number) for cell in row])
    finally:
        workbook.close()


def _cell_text(cell: object, line: int) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if getattr(cell, "data_type", "") == "f" or (isinstance(value, str) and value.startswith("=")):
        raise FileRefused(
            _(
                "Cell %(cell)s holds a formula. Formulas are not imported: copy the column and paste it back "
                "as values, then upload the file again."
            )
            % {"cell": getattr(cell, "coordinate", f"#{line}")}
        )
    if hasattr(value, "date") and hasattr(value, "hour"):  # a datetime from a date cell
        return value.date().isoformat() if not (value.hour or value.minute) else value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
