"""The working-day calendar users keep: public holidays and swapped working days, year by year."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """A day that differs from Monday–Friday: a public holiday, or a weekend day worked in exchange (调休).

    A year with at least one row is known; every working-day clock counts Monday–Friday for a year
    without rows and says so on the page it affects.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday (day off)")
        WORKDAY = "workday", _("Swapped working day")

    year = models.PositiveSmallIntegerField(_("year"), db_index=True, editable=False)
    date = models.DateField(
        _("date"), unique=True, error_messages={"unique": _("This day is already listed.")}
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year=models.functions.ExtractYear("date")),
                name="calendar_day_year_of_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.year = self.date.year
        super().save(*args, **kwargs)  # type: ignore[arg-type]
