"""Utility tariffs: the price of a unit of electricity, water or gas from a date on: the general list for
every building, and a building's own price where its supply differs (both set through an approved
``StandardProposal``, see ``standards``). A building's own tariff in force wins over the general one."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Tariff(models.Model):
    """The price per unit of a meter kind (as handover names it) in force from ``effective_from``."""

    # Empty: the general price of every building without its own tariff of the kind in force that day.
    building = models.ForeignKey(
        "leasing.Building",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("building"),
    )
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
            # One general price and one price per building for a kind and date (NULL counts as one value).
            models.UniqueConstraint(
                fields=["building", "meter_kind", "effective_from"],
                name="tariff_once_per_building_kind_and_date",
                nulls_distinct=False,
            ),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="tariff_price_not_negative"),
        ]

    def __str__(self) -> str:
        where = f" · {self.building_id}" if self.building_id else ""
        return f"{self.meter_kind}{where} {self.unit_price} ({self.effective_from})"
