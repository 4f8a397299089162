"""Utility tariffs: the price of a unit of electricity, water or gas from a date on, one list for every
building (set through an approved ``StandardProposal``, see ``standards``)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Tariff(models.Model):
    """The price per unit of a meter kind (as handover names it) in force from ``effective_from``."""

    meter_kind = models.CharField(_("meter kind"), max_length=12)
    unit_price = models.DecimalField(_("price per unit"), max_digits=10, decimal_places=4)
    effective_from = models.DateField(_("effective from"))
    # The approved proposal that set it (tariffs set before proposals existed have none).
    proposal = models.OneToOneField(
        "billing.StandardProposal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tariff",
        verbose_name=_("proposal"),
    )

    class Meta:
        verbose_name = _("utility tariff")
        verbose_name_plural = _("utility tariffs")
        ordering = ["meter_kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["meter_kind", "effective_from"], name="tariff_once_per_kind_and_date"
            ),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="tariff_price_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.meter_kind} {self.unit_price} ({self.effective_from})"
