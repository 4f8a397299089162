"""CSV (UTF-8 with BOM, for Excel) and XLSX (openpyxl) downloads of a table of rows."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal | int | date) or value is None:
        return value
    return str(value)


def table_response(
    fmt: str, filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """``fmt`` is "xlsx" or "csv"; numbers stay numbers and dates dates in the workbook."""
    if fmt == "xlsx":
        workbook = Workbook(write_only=False)
        sheet = workbook.active
        sheet.append([str(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(v) for v in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow([str(h) for h in header])
        writer.writerows([("" if v is None else v) for v in row] for row in rows)
        response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
        fmt = "csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
