"""Pages with working-day clocks say when a clock met a year the calendar does not hold."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django import template
from django.utils import timezone

from ..workdays import CalendarMissing, calendar_missing

register = template.Library()


def _days(value: Any) -> Iterable[date]:
    """Dates in ``value``: a date or datetime, an object with ``due_at``, or any nesting of lists of them."""
    if isinstance(value, datetime):
        yield timezone.localdate(value) if timezone.is_aware(value) else value.date()
    elif isinstance(value, date):
        yield value
    elif hasattr(value, "due_at"):
        yield from _days(value.due_at)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _days(item)


@register.simple_tag
def calendar_missing_in(*values: Any) -> CalendarMissing | None:
    """``{% calendar_missing_in ticket.created_at clocks as missing %}``: the years between the earliest and
    the latest of the dates given that the working-day calendar lacks, or None."""
    return calendar_missing(*(day for value in values for day in _days(value)))
