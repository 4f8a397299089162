"""Working time: office hours on Chinese working days (public holidays off, swapped weekends on).

The days come from the one working-day module (``tenancy.workdays``, the calendar table management keeps);
the rest are pure functions: ``add_working_time(start, duration, calendar)`` answers "when is this due", and
``working_time_between`` is its inverse. Durations are amounts of office time: one working day is one
office day (``calendar.working_days(1)``, nine hours with the default 09:00–18:00).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from tenancy.workdays import is_working_day


@dataclass(frozen=True)
class OfficeCalendar:
    """Office hours in a time zone, open on the days ``is_workday`` says."""

    opens: time
    closes: time
    tz: tzinfo
    is_workday: Callable[[date], bool] = field(default=is_working_day)

    def __post_init__(self) -> None:
        if self.opens >= self.closes:
            raise ValueError("Office hours must open before they close.")

    @property
    def day_length(self) -> timedelta:
        return datetime.combine(date.min, self.closes) - datetime.combine(date.min, self.opens)

    def working_days(self, days: int) -> timedelta:
        """``days`` whole office days as working time."""
        return self.day_length * days

    def opening(self, day: date) -> datetime:
        return datetime.combine(day, self.opens, tzinfo=self.tz)

    def closing(self, day: date) -> datetime:
        return datetime.combine(day, self.closes, tzinfo=self.tz)


def calendar_from_settings() -> OfficeCalendar:
    """The calendar of the configured office hours (``SERVICE_OFFICE_OPENS``/``_CLOSES``) and time zone."""
    from django.conf import settings

    return OfficeCalendar(
        opens=time.fromisoformat(settings.SERVICE_OFFICE_OPENS),
        closes=time.fromisoformat(settings.SERVICE_OFFICE_CLOSES),
        tz=ZoneInfo(settings.TIME_ZONE),
    )


def _check_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Working time needs an aware datetime.")


def add_working_time(start: datetime, duration: timedelta, calendar: OfficeCalendar) -> datetime:
    """The moment ``duration`` of office time after ``start`` (outside office hours it waits for the opening).

    A zero duration is ``start`` itself. The answer is in the calendar's time zone.
    """
    _check_aware(start)
    if duration < timedelta(0):
        raise ValueError("A working-time duration cannot be negative.")
    current = start.astimezone(calendar.tz)
    if not duration:
        return current
    remaining = duration
    day = current.date()
    while True:
        if calendar.is_workday(day):
            begin = max(current, calendar.opening(day))
            end = calendar.closing(day)
            if begin < end:
                available = end - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
        day += timedelta(days=1)
        current = calendar.opening(day)


def working_time_between(start: datetime, end: datetime, calendar: OfficeCalendar) -> timedelta:
    """The office time between two moments (zero when ``end`` is not after ``start``)."""
    _check_aware(start)
    _check_aware(end)
    start, end = start.astimezone(calendar.tz), end.astimezone(calendar.tz)
    total = timedelta(0)
    day = start.date()
    while day <= end.date():
        if calendar.is_workday(day):
            begin = max(start, calendar.opening(day))
            finish = min(end, calendar.closing(day))
            if finish > begin:
                total += finish - begin
        day += timedelta(days=1)
    return total
