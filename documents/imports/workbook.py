"""The template a clerk downloads for a kind: an XLSX with the headers in Chinese and English, an example
row, and a second sheet listing each column's allowed values and whether it is required."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from .kinds import ImportKind

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def template_xlsx(kind: ImportKind) -> bytes:
    """The workbook: sheet one to fill (headers, one example row), sheet two the rules per column."""
    workbook = Workbook()
    data = workbook.active
    data.title = _("Data")[:31]
    data.append([column.header for column in kind.columns])
    data.append([column.example for column in kind.columns])
    for cell in data[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for index, column in enumerate(kind.columns, start=1):
        data.column_dimensions[data.cell(1, index).column_letter].width = max(14, len(column.header) + 6)
        data.cell(2, index).number_format = "@"  # text: codes and dates keep what is typed
    data.freeze_panes = "A2"
    rules = workbook.create_sheet(_("Allowed values")[:31])
    rules.append([_("Column"), _("Required"), _("Allowed values"), _("Notes")])
    for cell in rules[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for column in kind.columns:
        allowed = "\n".join(column.allowed()) if column.allowed else ""
        rules.append([column.header, _("yes") if column.required else _("no"), allowed, str(column.hint)])
    for letter, width in (("A", 34), ("B", 10), ("C", 40), ("D", 70)):
        rules.column_dimensions[letter].width = width
    for row in rules.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
