"""Keeping the working-day calendar: management adds, removes and pastes a year's holidays and swapped days.

Every change clears this process's cache of the calendar (``tenancy.workdays``); other processes read the
table again within ``workdays.CACHE_SECONDS``.
"""

import re
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError

from .. import workdays
from ..access import require_role
from ..models import CalendarDay
from ..roles import Role

CALENDAR_KEEPERS: tuple[str, ...] = (Role.MANAGEMENT,)
# How a pasted line names the kind of day: English or the Chinese the State Council's notice uses.
KIND_WORDS = {
    "holiday": CalendarDay.Kind.HOLIDAY,
    "off": CalendarDay.Kind.HOLIDAY,
    "休": CalendarDay.Kind.HOLIDAY,
    "假": CalendarDay.Kind.HOLIDAY,
    "放假": CalendarDay.Kind.HOLIDAY,
    "workday": CalendarDay.Kind.WORKDAY,
    "work": CalendarDay.Kind.WORKDAY,
    "班": CalendarDay.Kind.WORKDAY,
    "上班": CalendarDay.Kind.WORKDAY,
}
LINE = re.compile(
    r"^(?P<first>\d{4}-\d{1,2}-\d{1,2})(?:\s*(?:\.\.|~|至|–|—)\s*(?P<last>\d{4}-\d{1,2}-\d{1,2}))?"
    r"\s+(?P<kind>\S+)(?:\s+(?P<name>.+))?$"
)
MAX_RANGE_DAYS = 31


def _require_keeper(by: User) -> None:
    require_role(by, CALENDAR_KEEPERS, _("Only management keeps the working-day calendar."))


def _check_day(day: date, kind: str) -> None:
    if kind == CalendarDay.Kind.WORKDAY and day.weekday() < 5:
        raise DomainError(
            _("%(day)s is a weekday: a swapped working day is a Saturday or Sunday worked instead.")
            % {"day": day.isoformat()},
            field="date",
        )


@transaction.atomic
def calendar_day_add(*, day: date, kind: str, name: str = "", by: User) -> CalendarDay:
    """Management lists one public holiday or swapped working day."""
    _require_keeper(by)
    if kind not in CalendarDay.Kind.values:
        raise DomainError(_("Choose a public holiday or a swapped working day."), field="kind")
    _check_day(day, kind)
    try:
        with transaction.atomic():
            row = CalendarDay.objects.create(date=day, kind=kind, name=name.strip()[:100])
    except IntegrityError:
        raise DomainError(_("This day is already listed."), field="date") from None
    transaction.on_commit(workdays.cache_clear)
    workdays.cache_clear()
    return row


@transaction.atomic
def calendar_day_delete(*, row: CalendarDay, by: User) -> None:
    """Management removes a listed day (it becomes an ordinary Monday–Friday day again)."""
    _require_keeper(by)
    CalendarDay.objects.filter(pk=row.pk).delete()
    transaction.on_commit(workdays.cache_clear)
    workdays.cache_clear()


def _parse_line(number: int, line: str, year: int) -> list[tuple[date, str, str]]:
    match = LINE.match(line.strip())
    kind = KIND_WORDS.get((match.group("kind") if match else "").lower())
    if match is None or kind is None:
        raise DomainError(
            _("Line %(n)s: write a date (or two joined by ..), holiday or workday (休 or 班), then the name.")
            % {"n": number}
        )
    try:
        first = date.fromisoformat(_iso(match.group("first")))
        last = date.fromisoformat(_iso(match.group("last") or match.group("first")))
    except ValueError:
        raise DomainError(_("Line %(n)s: not a date.") % {"n": number}) from None
    if not first <= last <= first + timedelta(days=MAX_RANGE_DAYS):
        raise DomainError(_("Line %(n)s: the range must run forward, at most a month.") % {"n": number})
    if first.year != year or last.year != year:
        raise DomainError(_("Line %(n)s: the day is not in %(year)s.") % {"n": number, "year": year})
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    try:
        for day in days:
            _check_day(day, kind)
    except DomainError as error:
        raise DomainError(_("Line %(n)s: %(error)s") % {"n": number, "error": error.message}) from None
    return [(day, kind, (match.group("name") or "").strip()[:100]) for day in days]


def _iso(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


@transaction.atomic
def calendar_days_paste(*, year: int, text: str, by: User) -> int:
    """Management pastes a year's notice, one day or range per line ("2027-02-06..2027-02-13 休 春节",
    "2027-02-14 班 春节"). All lines or none: a bad line is named and nothing is saved. A listed day is
    replaced by the pasted one. Returns the days written."""
    _require_keeper(by)
    rows: dict[date, tuple[str, str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            try:
                for day, kind, name in _parse_line(number, line, year):
                    rows[day] = (kind, name)
            except DomainError as error:
                raise DomainError(error.message, field="text") from None
    if not rows:
        raise DomainError(_("Paste at least one line."), field="text")
    for day, (kind, name) in rows.items():
        CalendarDay.objects.update_or_create(
            date=day, defaults={"kind": kind, "name": name, "year": day.year}
        )
    transaction.on_commit(workdays.cache_clear)
    workdays.cache_clear()
    return len(rows)


def calendar_years(today: date) -> list[dict[str, Any]]:
    """Each year the table holds, plus this year and the next, with its counts (missing when none)."""
    counted = {
        row["year"]: row
        for row in CalendarDay.objects.values("year").annotate(
            holidays=Count("pk", filter=Q(kind=CalendarDay.Kind.HOLIDAY)),
            workdays=Count("pk", filter=Q(kind=CalendarDay.Kind.WORKDAY)),
        )
    }
    years = sorted(set(counted) | {today.year, today.year + 1}, reverse=True)
    empty = {"holidays": 0, "workdays": 0}
    return [
        {"year": y, **{k: counted.get(y, empty)[k] for k in empty}, "missing": y not in counted}
        for y in years
    ]
