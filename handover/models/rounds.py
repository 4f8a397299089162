"""The monthly meter-reading round (抄表): engineering reads every meter of a building's occupied units
once a month; the closed round's readings are what billing charges utilities from, month by month."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.lifecycle import Lifecycle


class MeterRound(models.Model):
    """One reading round of a building for a month: opened, filled in meter by meter, then closed."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    # Closed once every meter of the occupied units is read; a closed round is what billing bills from.
    LIFECYCLE = Lifecycle(Status, {Status.OPEN: {Status.CLOSED}})

    building = models.ForeignKey(
        "leasing.Building", on_delete=models.PROTECT, related_name="meter_rounds", verbose_name=_("building")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month the round reads."))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("meter round", "closed by"),
    )
    closed_at = models.DateTimeField(pgettext_lazy("meter round", "closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meter-reading round")
        verbose_name_plural = _("meter-reading rounds")
        ordering = ["-month", "building"]
        constraints = [
            models.UniqueConstraint(fields=["building", "month"], name="meter_round_once_per_building_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="meter_round_month_first_day"),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True)
                | Q(status="closed", closed_at__isnull=False),
                name="meter_round_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.building} {self.month:%Y-%m}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
