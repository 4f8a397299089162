"""Working days for queue ages: Chinese public holidays and swapped weekends, Monday to Friday otherwise."""

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar


@lru_cache(maxsize=4096)
def is_workday(day: date) -> bool:
    """A working day in mainland China; for a year the calendar does not know, Monday to Friday."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not after ``start``)."""
    days = 0
    day = start + timedelta(days=1)
    while day <= end:
        days += is_workday(day)
        day += timedelta(days=1)
    return days
