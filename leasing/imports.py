"""Reading a building's units from a CSV file: every bad row is reported with its line number and reason.

Parsing is pure (no database); ``services.units_import_csv`` decides whether to write anything.
"""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from documents.errors import DomainError

from .models import Unit
from .occupancy import STAFF_SET_STATUSES
from .validation import MSG_CODE_TAKEN, floor_number_error, unit_value_errors

COLUMNS: tuple[str, ...] = ("code", "floor", "gross_area", "usable_area", "use", "status", "guide_rent")
OPTIONAL_COLUMNS: frozenset[str] = frozenset({"guide_rent"})
MAX_ROWS = 5000
CODE_MAX_LENGTH = Unit._meta.get_field("code").max_length or 20
MAX_AMOUNT = Decimal("99999999.99")

# Chinese names people type, besides the labels of the zh-Hans catalogue (which may not be compiled yet).
CHINESE_ALIASES: dict[str, str] = {
    "办公": Unit.Use.OFFICE,
    "写字楼": Unit.Use.OFFICE,
    "商业": Unit.Use.RETAIL,
    "商铺": Unit.Use.RETAIL,
    "零售": Unit.Use.RETAIL,
    "仓储": Unit.Use.STORAGE,
    "仓库": Unit.Use.STORAGE,
    "空置": Unit.Status.VACANT,
    "已预订": Unit.Status.RESERVED,
    "预订": Unit.Status.RESERVED,
    "已预留": Unit.Status.RESERVED,
    "已出租": Unit.Status.OCCUPIED,
    "已租": Unit.Status.OCCUPIED,
    "装修中": Unit.Status.FIT_OUT,
    "不可租": Unit.Status.UNAVAILABLE,
}

FLOOR_PATTERN = re.compile(r"^(?P<basement>[Bb])?(?P<number>-?\d{1,3})\s*(?:[Ff]|层|楼)?$")


@dataclass(frozen=True)
class UnitRow:
    line: int
    code: str
    floor_number: int
    gross_area: Decimal
    usable_area: Decimal
    use: str
    status: str
    guide_rent: Decimal


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


class ImportRejected(DomainError):
    """Nothing was imported: ``errors`` lists every bad line, or the message says what is wrong."""

    def __init__(self, message: str, *, errors: list[RowError] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


@dataclass
class _Row:
    """One line being read: cells by column name, and the problems found so far."""

    line: int
    cells: dict[str, str]
    problems: list[str] = field(default_factory=list)

    def problem(self, column: str, reason: str) -> None:
        self.problems.append(_("%(column)s: %(reason)s") % {"column": column, "reason": reason})


def template_csv() -> str:
    """A header and two example rows, in the format the import reads."""
    return "\r\n".join(
        [",".join(COLUMNS), "301,3,120.50,98.00,office,vacant,6.50", "B1-01,-1,45,40,仓储,空置,2.00", ""]
    )


def parse_units_csv(data: bytes, *, existing_codes: set[str]) -> list[UnitRow]:
    """The rows of a units CSV, or ImportRejected listing every bad line; codes already used are bad rows."""
    reader = csv.reader(io.StringIO(_decode(data)))
    columns = _read_header(reader)
    rows: list[UnitRow] = []
    errors: list[RowError] = []
    first_line_of: dict[str, int] = {}
    # Occupancy follows the leases: a unit is imported vacant or unavailable (withdrawn from letting).
    statuses = {
        key: value for key, value in choice_lookup(Unit.Status).items() if value in STAFF_SET_STATUSES
    }
    lookups = {"use": choice_lookup(Unit.Use), "status": statuses}
    for row in _rows(reader, columns):
        unit = _parse_row(row, lookups)
        _check_code(row, existing_codes, first_line_of)
        errors.extend(RowError(row.line, message) for message in row.problems)
        if unit is not None and not row.problems:
            rows.append(unit)
    if errors:
        raise ImportRejected(
            _("Nothing was imported: correct the lines below and upload the file again."), errors=errors
        )
    if not rows:
        raise ImportRejected(_("The file has no units under its header line."))
    return rows


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte order mark
    except UnicodeDecodeError:
        raise ImportRejected(
            _("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (comma delimited)”.")
        ) from None


def _read_header(reader: "csv._reader") -> list[str]:
    try:
        header = next(reader, None)
    except csv.Error:
        header = None
    if not header:
        raise ImportRejected(_("The file is empty."))
    columns = [cell.strip().lower() for cell in header]
    missing = [c for c in COLUMNS if c not in columns]
    unknown = [c for c in columns if c and c not in COLUMNS]
    if missing or unknown or len(set(columns)) != len(columns):
        raise ImportRejected(
            _("Line 1 must be the header %(expected)s (missing: %(missing)s; unknown: %(unknown)s).")
            % {
                "expected": ",".join(COLUMNS),
                "missing": ", ".join(missing) or "-",
                "unknown": ", ".join(unknown) or "-",
            }
        )
    return columns


def _rows(reader: "csv._reader", columns: list[str]) -> Iterator[_Row]:
    count = 0
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportRejected(
                _("Line %(line)s cannot be read: %(error)s") % {"line": line, "error": error}
            ) from None
        if not any(cell.strip() for cell in cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise ImportRejected(_("The file has more than %(max)s units; split it.") % {"max": MAX_ROWS})
        row = _Row(line=line, cells=dict(zip(columns, (c.strip() for c in cells), strict=False)))
        if len(cells) > len(columns):
            row.problems.append(_("more values than columns in the header"))
        yield row


def _parse_row(row: _Row, lookups: dict[str, dict[str, str]]) -> UnitRow | None:
    for column in COLUMNS:
        if column not in OPTIONAL_COLUMNS and not row.cells.get(column):
            row.problem(column, _("missing"))
    code = row.cells.get("code", "")
    if len(code) > CODE_MAX_LENGTH:
        row.problem("code", _("longer than %(max)s characters") % {"max": CODE_MAX_LENGTH})
    floor_number = _floor(row)
    gross = _amount(row, "gross_area")
    usable = _amount(row, "usable_area")
    rent = _amount(row, "guide_rent") if row.cells.get("guide_rent") else Decimal("0.00")
    use = _choice(row, "use", lookups["use"])
    status = _choice(row, "status", lookups["status"])
    for column, message in unit_value_errors(gross_area=gross, usable_area=usable, guide_rent=rent).items():
        row.problem(column, message)
    if row.problems or None in (floor_number, gross, usable, rent, use, status):
        return None
    return UnitRow(row.line, code, floor_number, gross, usable, use, status, rent)  # type: ignore[arg-type]


def _check_code(row: _Row, existing_codes: set[str], first_line_of: dict[str, int]) -> None:
    code = row.cells.get("code", "")
    if not code:
        return
    if code in existing_codes:
        row.problem("code", str(MSG_CODE_TAKEN))
    elif code in first_line_of:
        row.problem(
            "code", _("“%(code)s” is already on line %(line)s") % {"code": code, "line": first_line_of[code]}
        )
    else:
        first_line_of[code] = row.line


def _floor(row: _Row) -> int | None:
    text = row.cells.get("floor", "")
    if not text:
        return None
    match = FLOOR_PATTERN.match(text)
    if match is None:
        row.problem("floor", _("“%(value)s” is not a floor (write 3, -1 or B1)") % {"value": text})
        return None
    number = int(match["number"])
    if match["basement"]:
        number = -abs(number)
    error = floor_number_error(number)
    if error:
        row.problem("floor", error)
        return None
    return number


def _amount(row: _Row, column: str) -> Decimal | None:
    text = row.cells.get(column, "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        row.problem(column, _("“%(value)s” is not a number") % {"value": text})
        return None
    if abs(value) > MAX_AMOUNT:
        row.problem(column, _("“%(value)s” is too large") % {"value": text})
        return None
    if value != value.quantize(Decimal("0.01")):
        row.problem(column, _("at most two decimal places"))
        return None
    return value.quantize(Decimal("0.01"))


def _choice(row: _Row, column: str, lookup: dict[str, str]) -> str | None:
    text = row.cells.get(column, "")
    if not text:
        return None
    value = lookup.get(_normalise(text))
    if value is None:
        names = ", ".join(dict.fromkeys(lookup.values()))
        row.problem(
            column, _("unknown value “%(value)s” (use one of: %(names)s)") % {"value": text, "names": names}
        )
    return value


def choice_lookup(choices: type[Unit.Use] | type[Unit.Status]) -> dict[str, str]:
    """Every accepted spelling (value, English label, Chinese label) → value."""
    lookup: dict[str, str] = {}
    for value, label in choices.choices:
        lookup[_normalise(value)] = value
        for language in ("en", "zh-hans"):
            with translation.override(language):
                lookup[_normalise(str(label))] = value
    for alias, value in CHINESE_ALIASES.items():
        if value in choices.values:
            lookup[_normalise(alias)] = value
    return lookup


def chinese_labels(choices: type[Unit.Use] | type[Unit.Status]) -> str:
    """The Chinese labels the import accepts, for the help text (of the statuses, those staff may set)."""
    with translation.override("zh-hans"):
        return "、".join(
            str(label)
            for value, label in choices.choices
            if choices is not Unit.Status or value in STAFF_SET_STATUSES
        )


def _normalise(text: str) -> str:
    return re.sub(r"[\s_-]+", "_", text.strip().lower())
