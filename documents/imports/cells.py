"""Reading one cell as a value, with the refusal a clerk understands; each reader records the error on the
row's outcome at its column and returns None."""

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .kinds import Outcome, Row

DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
)
EXCEL_EPOCH = date(1899, 12, 30)
MAX_AMOUNT = Decimal("999999999.99")


def text(row: Row, outcome: Outcome, key: str, *, required: bool = True, max_length: int = 200) -> str:
    value = row.get(key)
    if not value and required:
        outcome.error(key, _("missing: this column must be filled in"))
    elif len(value) > max_length:
        outcome.error(key, _("longer than %(max)s characters") % {"max": max_length})
        return ""
    return value


def a_date(row: Row, outcome: Outcome, key: str, *, required: bool = True) -> date | None:
    """A date written 2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日 (or an Excel date cell)."""
    value = row.get(key)
    if not value:
        if required:
            outcome.error(key, _("missing: this column must be filled in"))
        return None
    if value.isdigit() and 20000 < int(value) < 80000:  # an Excel day number that lost its date format
        return EXCEL_EPOCH + timedelta(days=int(value))
    for pattern in DATE_PATTERNS:
        match = pattern.match(value)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                break
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        outcome.error(key, _("“%(value)s” is not a date (write it as 2026-03-01)") % {"value": value})
        return None


MOMENT_PATTERN = re.compile(
    r"^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$"
)


def a_moment(row: Row, outcome: Outcome, key: str, *, required: bool = True) -> datetime | None:
    """A date and time written 2026-03-01 09:30, 2026/3/1 9:30 or 2026年3月1日 9:30 (or an Excel date-time
    cell), in the building's time zone; a date alone is that day's midnight."""
    from django.utils import timezone

    value = row.get(key)
    if not value:
        if required:
            outcome.error(key, _("missing: this column must be filled in"))
        return None
    match = MOMENT_PATTERN.match(value)
    try:
        if match is None:
            raise ValueError(value)
        parts = [int(part) if part else 0 for part in match.groups()]
        return timezone.make_aware(datetime(*parts))
    except ValueError:
        outcome.error(
            key,
            _("“%(value)s” is not a date and time (write it as 2026-03-01 09:30)") % {"value": value},
        )
        return None


def amount(
    row: Row, outcome: Outcome, key: str, *, required: bool = True, positive: bool = False, places: int = 2
) -> Decimal | None:
    """A number like 12,000.50 or ¥12000.5; at most ``places`` decimals; never negative."""
    value = row.get(key).replace(",", "").replace("，", "").replace("¥", "").replace("￥", "").strip()
    if not value:
        if required:
            outcome.error(key, _("missing: this column must be filled in"))
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        outcome.error(key, _("“%(value)s” is not a number") % {"value": row.get(key)})
        return None
    quantum = Decimal(1).scaleb(-places)
    if number != number.quantize(quantum):
        outcome.error(key, _("at most %(places)s decimal places") % {"places": places})
        return None
    if number < 0 or (positive and number == 0):
        outcome.error(key, _("must be above zero") if positive else _("cannot be negative"))
        return None
    if number > MAX_AMOUNT:
        outcome.error(key, _("“%(value)s” is too large") % {"value": row.get(key)})
        return None
    return number.quantize(quantum)


def whole(
    row: Row, outcome: Outcome, key: str, *, low: int, high: int, default: int | None = None
) -> int | None:
    value = row.get(key)
    if not value:
        if default is None:
            outcome.error(key, _("missing: this column must be filled in"))
        return default
    if not re.fullmatch(r"-?\d+", value) or not low <= int(value) <= high:
        outcome.error(
            key,
            _("“%(value)s” must be a whole number from %(low)s to %(high)s")
            % {"value": value, "low": low, "high": high},
        )
        return None
    return int(value)


def normal(value: str) -> str:
    return re.sub(r"[\s_\-]+", "_", value.strip().lower())


def choice(
    row: Row, outcome: Outcome, key: str, lookup: dict[str, str], *, default: str | None = None
) -> str | None:
    """One of the allowed values, by its code, English or Chinese name (``lookup``: normalised → value)."""
    value = row.get(key)
    if not value:
        if default is None:
            outcome.error(key, _("missing: this column must be filled in"))
        return default
    found = lookup.get(normal(value))
    if found is None:
        outcome.error(
            key, _("unknown value “%(value)s” (see the allowed values in the template)") % {"value": value}
        )
    return found


def split_codes(value: str) -> list[str]:
    """Codes listed in one cell: separated by commas (also Chinese ones), 、, ; or spaces."""
    return [code for code in re.split(r"[,，、;；\s]+", value.strip()) if code]


def choice_lookup(
    choices: Sequence[tuple[str, object]], aliases: dict[str, str] | None = None
) -> dict[str, str]:
    """Every accepted spelling of each choice (its code, English and Chinese label, aliases) → its code."""
    from django.utils import translation

    lookup: dict[str, str] = {}
    for value, label in choices:
        lookup[normal(value)] = value
        for language in ("en", "zh-hans"):
            with translation.override(language):
                lookup[normal(str(label))] = value
    for alias, value in (aliases or {}).items():
        lookup[normal(alias)] = value
    return lookup


def allowed_values(choices: Sequence[tuple[str, object]]) -> list[str]:
    """The choices as the template lists them: ``office · Office · 办公``."""
    from django.utils import translation

    lines = []
    for value, label in choices:
        names = [value]
        for language in ("en", "zh-hans"):
            with translation.override(language):
                if str(label) not in names:
                    names.append(str(label))
        lines.append(" · ".join(names))
    return lines
