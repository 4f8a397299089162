"""Add to the working-day calendar the years a newer chinesecalendar package knows and the table lacks."""

from typing import Any

from django.core.management.base import BaseCommand

from tenancy import workdays
from tenancy.calendar.seed import calendar_seed, package_years
from tenancy.models import CalendarDay


class Command(BaseCommand):
    help = "Seed the working-day calendar from chinesecalendar for the years it knows (kept years stay)."

    def handle(self, *args: Any, **options: Any) -> None:
        added = calendar_seed(CalendarDay)
        workdays.cache_clear()
        years = package_years()
        self.stdout.write(f"{added} days added; the package knows {years[0]}–{years[-1]}.")
