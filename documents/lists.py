"""Staff lists that never lose rows: sorted by their columns, paginated, and exported whole.

One helper for every list page (``table_page``): the django-tables2 table is sorted by ``?sort=`` (any
orderable column, ``-`` for descending), paginated by ``?page=`` with a fixed page size (a page past the end
shows the last one; no list is ever cut at a number of rows), and answered as a download of every row of the
filtered, sorted list (not one page) when ``?export=csv`` or ``?export=xlsx`` is asked. The export goes
through the list's own view, so only the roles that may see the list may export it.

In the XLSX, an amount (a ``MoneyColumn``) is a number with the currency format and a date is a date; in
the CSV (UTF-8 with a BOM, for Excel), amounts have two decimals (other numbers the places they have) and
dates are ISO. Text cells are protected
against formula injection.

Two lists on one page each get a ``prefix`` (``Table(..., prefix="letters-")``): their parameters become
``?letters-sort=``, ``?letters-page=`` and ``?letters-export=``, so each sorts, pages and exports alone
(``{% export_url "csv" table %}`` of ``{% load lists %}`` writes the export link of a table)."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django_tables2 import RequestConfig
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .columns import MoneyColumn
from .money import XLSX_MONEY_FORMAT, plain

PER_PAGE = 50
EXPORT_FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_DATE_FORMAT = "yyyy-mm-dd"
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: Any) -> str:
    """Text a spreadsheet will not run as a formula: a leading =, +, -, @ gets a quote in front."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def table_page(
    request: HttpRequest, table: tables.Table, *, filename: str, per_page: int = PER_PAGE
) -> HttpResponse | None:
    """Sort the table by ``?sort=``; answer ``?export=csv|xlsx`` with the whole list as a download, else
    paginate it by ``?page=`` and return None (the view renders the page)."""
    RequestConfig(request, paginate=False).configure(table)
    fmt = request.GET.get(export_field(table))
    if fmt in EXPORT_FORMATS:
        return table_export(table, fmt=fmt, filename=filename)
    try:
        table.paginate(page=request.GET.get(table.prefixed_page_field, 1), per_page=per_page)
    except PageNotAnInteger:
        table.paginate(page=1, per_page=per_page)
    except EmptyPage:
        table.paginate(page=table.paginator.num_pages, per_page=per_page)
    return None


def export_field(table: tables.Table) -> str:
    """The query parameter that asks for the table's export: ``export``, or ``<prefix>export``."""
    return f"{table.prefix}export"


def table_export(table: tables.Table, *, fmt: str, filename: str) -> HttpResponse:
    """Every row of the table (as sorted) with its visible, exportable columns."""
    columns = [column for column in table.columns if not getattr(column.column, "exclude_from_export", False)]
    header = [str(column.header) for column in columns]
    kinds = [_kind(column.column) for column in columns]
    rows = (
        [_value(row, column, kind) for column, kind in zip(columns, kinds, strict=True)] for row in table.rows
    )
    if fmt == "xlsx":
        response = HttpResponse(_xlsx(header, kinds, rows), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(_csv(header, kinds, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _kind(column: tables.Column) -> str:
    if isinstance(column, MoneyColumn):
        return "money"
    if isinstance(column, tables.DateTimeColumn):
        return "datetime"
    if isinstance(column, tables.DateColumn):
        return "date"
    return "text"


def _value(row: Any, column: Any, kind: str) -> Any:
    """The cell's value: the raw date or amount for those columns, else what the column exports."""
    if kind in ("date", "datetime"):
        value = column.accessor.resolve(row.record, quiet=True)
        if isinstance(value, datetime):
            return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        return value
    value = row.get_cell_value(column.name)
    if kind == "money":
        return value if isinstance(value, Decimal | int) else None
    if value is None or value == column.default:
        return None
    return value if isinstance(value, int | Decimal | date) and not isinstance(value, bool) else str(value)


def _xlsx(header: Sequence[str], kinds: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    bold = Font(bold=True)
    sheet.append([_styled(sheet, text, font=bold) for text in header])
    formats = {"money": XLSX_MONEY_FORMAT, "date": XLSX_DATE_FORMAT, "datetime": XLSX_DATETIME_FORMAT}
    for row in rows:
        sheet.append(
            [
                _styled(sheet, value, number_format=formats.get(kind))
                for value, kind in zip(row, kinds, strict=True)
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _styled(
    sheet: Any, value: Any, *, font: Font | None = None, number_format: str | None = None
) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value if isinstance(value, Decimal | int | date) else safe_text(value))
    if font:
        cell.font = font
    if number_format and isinstance(value, Decimal | int | date):
        cell.number_format = number_format
    return cell


def _csv(header: Sequence[str], kinds: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(value, kind) for value, kind in zip(row, kinds, strict=True)])
    return "\ufeff" + text.getvalue()


def _csv_cell(value: Any, kind: str) -> str:
    """An amount with two decimals; another number (an area, a rating) with the places it has."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value) if kind == "money" else f"{value:f}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date | int):
        return value.isoformat() if isinstance(value, date) else str(value)
    return safe_text(value)
