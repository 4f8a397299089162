"""Seeding the working-day calendar from the chinesecalendar package, for the years it knows."""

from typing import Any

import chinese_calendar

HOLIDAY, WORKDAY = "holiday", "workday"


def package_years() -> list[int]:
    """The years the installed chinesecalendar package has holiday data for."""
    return sorted({day.year for day in chinese_calendar.holidays})


def calendar_seed(model: Any, *, years: list[int] | None = None) -> int:
    """Add the package's holidays and swapped working days of ``years`` (default: all it knows) that the
    table does not hold yet; a year someone already keeps is left as it is. Returns the rows added."""
    wanted = set(years or package_years())
    kept = set(model.objects.filter(year__in=wanted).values_list("year", flat=True).distinct())
    rows = [
        model(year=day.year, date=day, kind=kind, name=_name(name))
        for kind, days in ((HOLIDAY, chinese_calendar.holidays), (WORKDAY, chinese_calendar.workdays))
        for day, name in days.items()
        if day.year in wanted - kept
    ]
    model.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _name(value: Any) -> str:
    """The package names a day by its festival, in English ("Spring Festival")."""
    return str(value or "")[:100]
