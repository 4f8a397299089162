"""Working days: the one module every clock uses (review queue ages, service-desk SLAs, credit reviews).

A day is a working day from Monday to Friday, except the public holidays, plus the weekend days worked in
exchange (调休), as the calendar table users keep says (``CalendarDay``, management edits it per year). For a
year with no rows the clocks count Monday to Friday; ``calendar_missing`` tells a page when that applied so it
can say so.

The table is read once per year and kept in this process. An edit (``cache_clear``) drops it here and writes a
new generation to Redis; every other process (the other web machines, the workers) compares that generation
at most every ``CHECK_SECONDS`` and reads the table again when it changed. ``CACHE_SECONDS`` bounds the age
of what is kept should Redis miss an edit (a flushed cache).
"""

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

CACHE_SECONDS = 300
CHECK_SECONDS = 1.0
GENERATION_KEY = "workdays:generation"


@dataclass(frozen=True)
class _Year:
    holidays: frozenset[date]
    workdays: frozenset[date]


_years: dict[int, _Year | None] = {}
_loaded_at = 0.0
_checked_at = 0.0
_generation: str | None = None


def _forget() -> None:
    global _loaded_at
    _years.clear()
    _warned.clear()
    _loaded_at = time.monotonic()


def cache_clear() -> None:
    """Forget what was read, in this process and in every other (after an edit of the calendar)."""
    global _generation
    _generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, _generation, timeout=None)
    _forget()


def _drop_if_stale() -> None:
    """Forget what was read when another process edited the calendar since, or when it is too old."""
    global _checked_at, _generation
    now = time.monotonic()
    if now - _loaded_at > CACHE_SECONDS:
        _forget()
    if now - _checked_at < CHECK_SECONDS:
        return
    _checked_at = now
    generation = cache.get(GENERATION_KEY)
    if generation != _generation:
        _generation = generation
        _forget()


def _year(year: int) -> _Year | None:
    _drop_if_stale()
    if year not in _years:
        from .models import CalendarDay

        rows = list(CalendarDay.objects.filter(year=year).values_list("date", "kind"))
        _years[year] = (
            _Year(
                holidays=frozenset(d for d, kind in rows if kind == CalendarDay.Kind.HOLIDAY),
                workdays=frozenset(d for d, kind in rows if kind == CalendarDay.Kind.WORKDAY),
            )
            if rows
            else None
        )
    return _years[year]


_warned: set[int] = set()


def _warn_missing(year: int) -> None:
    """Logged once per process and year; pages say it through ``calendar_missing``."""
    if year not in _warned:
        _warned.add(year)
        logger.warning("No working-day calendar for %s: counting Monday to Friday.", year)


def year_known(year: int) -> bool:
    """Whether the calendar holds the year's holidays."""
    return _year(year) is not None


def is_working_day(day: date) -> bool:
    """A working day in mainland China as the calendar says; Monday to Friday for a year it does not hold."""
    known = _year(day.year)
    if known is None:
        _warn_missing(day.year)
        return day.weekday() < 5
    if day in known.holidays:
        return False
    return day in known.workdays or day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The day ``days`` working days after ``start`` (``start`` itself for 0)."""
    if days < 0:
        raise ValueError("A number of working days cannot be negative.")
    day = start
    while days:
        day += timedelta(days=1)
        days -= is_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not after ``start``)."""
    days = 0
    day = start + timedelta(days=1)
    while day <= end:
        days += is_working_day(day)
        day += timedelta(days=1)
    return days


@dataclass(frozen=True)
class CalendarMissing:
    """Years a clock met that the calendar does not hold: it counted Monday to Friday for them."""

    years: tuple[int, ...]

    @property
    def message(self) -> str:
        years = ", ".join(str(year) for year in self.years)
        return ngettext(
            "The working-day calendar for %(years)s is missing; counted Monday–Friday.",
            "The working-day calendars for %(years)s are missing; counted Monday–Friday.",
            len(self.years),
        ) % {"years": years}

    def __str__(self) -> str:
        return self.message


def calendar_missing(*days: date | None) -> CalendarMissing | None:
    """The years from the earliest to the latest of ``days`` that the calendar does not hold, or None."""
    given = [day for day in days if day is not None]
    if not given:
        return None
    missing = tuple(y for y in range(min(given).year, max(given).year + 1) if not year_known(y))
    return CalendarMissing(missing) if missing else None


def calendar_warning(today: date) -> str:
    """Management's warning: this year's calendar missing, or from 1 November next year's ("" otherwise)."""
    if not year_known(today.year):
        return _(
            "The working-day calendar for %(year)s is missing: every working-day clock counts Monday–Friday. "
            "Enter the State Council's holidays for %(year)s."
        ) % {"year": today.year}
    if today.month < 11 or year_known(today.year + 1):
        return ""
    return _(
        "The working-day calendar for %(year)s is not entered yet: from 1 January every working-day clock "
        "will count Monday–Friday. Enter the State Council's holidays for %(year)s."
    ) % {"year": today.year + 1}
