"""CSV (UTF-8 with BOM, for Excel) and XLSX (openpyxl) downloads of a table of rows, text cells protected
against formula injection (``safe_text``, which billing's exports use too)."""

import csv
import io
from collections.abc import Collection, Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from documents.money import XLSX_MONEY_FORMAT, plain

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: Any) -> str:
    """Text a spreadsheet will not run as a formula: a leading =, +, -, @ gets a quote in front."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Any) -> Any:
    """Numbers stay numbers and dates dates; text is protected against formula injection."""
    if isinstance(value, Decimal | int | date) or value is None:
        return value
    return safe_text(value)


def _csv_cell(index: int, value: Any, money_columns: Collection[int]) -> Any:
    if value is None:
        return ""
    return plain(value) if index in money_columns and isinstance(value, Decimal | int) else _cell(value)


def table_response(
    fmt: str,
    filename: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    money_columns: Collection[int] = (),
) -> HttpResponse:
    """``fmt`` is "xlsx" or "csv"; numbers stay numbers and dates dates in the workbook. The columns at
    ``money_columns`` (0-based) are amounts: currency-formatted numbers in XLSX, two decimals in CSV."""
    if fmt == "xlsx":
        workbook = Workbook(write_only=False)
        sheet = workbook.active
        sheet.append([str(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(v) for v in row])
            for index in money_columns:
                sheet.cell(row=sheet.max_row, column=index + 1).number_format = XLSX_MONEY_FORMAT
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow([str(h) for h in header])
        writer.writerows([_csv_cell(i, v, money_columns) for i, v in enumerate(row)] for row in rows)
        response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
        fmt = "csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
