"""The space inventory: buildings, their floors, and the units let on those floors."""

from decimal import Decimal

import pghistory
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from documents.money import money

from ..validation import (
    MSG_AREA_POSITIVE,
    MSG_CODE_TAKEN,
    MSG_RENT_NOT_NEGATIVE,
    MSG_USABLE_OVER_GROSS,
)

# Days a tenant has to pay a bill from its issue date, unless the building sets otherwise.
BILL_PAYMENT_DAYS_DEFAULT = 7
BILL_PAYMENT_DAYS_MAX = 90


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Building(models.Model):
    """A building or business centre under management, known by a short unique code, run by one office."""

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("A short code used in unit references, e.g. A or T2."),
        error_messages={"unique": _("Another building already uses this code.")},
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    # The management office running the building: its staff see it (head-office staff see every building).
    # None only until management assigns one: then only head-office staff see the building.
    office = models.ForeignKey(
        "tenancy.ManagementOffice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="buildings",
        verbose_name=_("management office"),
    )
    bill_payment_days = models.PositiveSmallIntegerField(
        _("days to pay a bill"),
        default=BILL_PAYMENT_DAYS_DEFAULT,
        help_text=_("A bill is never due sooner than this many days after it is issued."),
        validators=[MaxValueValidator(BILL_PAYMENT_DAYS_MAX)],
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bill_payment_days__lte=BILL_PAYMENT_DAYS_MAX),
                name="building_bill_payment_days_max",
            ),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Floor(models.Model):
    """A floor of a building, by number (negative numbers are basements); created as units need it."""

    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="floors", verbose_name=_("building")
    )
    number = models.SmallIntegerField(_("floor number"), help_text=_("Negative numbers are basements."))
    label = models.CharField(
        _("label"), max_length=30, blank=True, help_text=_("Shown instead of the number.")
    )

    class Meta:
        verbose_name = _("floor")
        verbose_name_plural = _("floors")
        ordering = ["building", "number"]
        constraints = [
            models.UniqueConstraint(fields=["building", "number"], name="floor_number_unique_in_building"),
            models.CheckConstraint(condition=~Q(number=0), name="floor_number_not_zero"),
        ]

    def __str__(self) -> str:
        return self.label or floor_display(self.number)


def floor_display(number: int) -> str:
    """How buildings in China write floors: 3F above ground, B1 for the first basement."""
    return f"B{-number}" if number < 0 else f"{number}F"


class UnitQuerySet(models.QuerySet["Unit"]):
    """Units. Their ``status`` (occupancy) is written only by ``leasing.occupancy``."""


# Statement-level history: a bulk write (a day-one import, the occupancy refresh of thousands of units)
# records its rows in one trigger call, not one per row. Every update is recorded (a save stamps updated_at,
# so "any change" held anyway): with that condition the statement trigger would join the old and new rows,
# and PL/pgSQL keeps the plan of a session's first (often empty) statement: a nested loop over thousands.
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(condition=None),
    pghistory.DeleteEvent(),
    level=pghistory.Statement,
)
class Unit(models.Model):
    """A lettable unit: its code is unique in its building; its usable area never exceeds its gross area."""

    class Use(models.TextChoices):
        OFFICE = "office", _("Office")
        RETAIL = "retail", _("Retail")
        STORAGE = "storage", _("Storage")

    class Status(models.TextChoices):
        VACANT = "vacant", _("Vacant")
        RESERVED = "reserved", _("Reserved")
        OCCUPIED = "occupied", _("Occupied")
        FIT_OUT = "fit_out", _("Under fit-out")
        UNAVAILABLE = "unavailable", _("Unavailable")

    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, related_name="units", verbose_name=_("building")
    )
    floor = models.ForeignKey(Floor, on_delete=models.PROTECT, related_name="units", verbose_name=_("floor"))
    code = models.CharField(_("unit code"), max_length=20)
    gross_area = models.DecimalField(_("gross area (m²)"), max_digits=10, decimal_places=2)
    usable_area = models.DecimalField(_("usable area (m²)"), max_digits=10, decimal_places=2)
    use = models.CharField(_("use"), max_length=10, choices=Use.choices, default=Use.OFFICE)
    # Derived from the leases, permits and handovers: written only by ``leasing.occupancy``.
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.VACANT)
    guide_rent = models.DecimalField(
        _("guide rent (CNY/m²/month)"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["building__code", "floor__number", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "code"],
                name="unit_code_unique_in_building",
                violation_error_message=MSG_CODE_TAKEN,
            ),
            models.CheckConstraint(
                condition=Q(gross_area__gt=0) & Q(usable_area__gt=0),
                name="unit_areas_positive",
                violation_error_message=MSG_AREA_POSITIVE,
            ),
            models.CheckConstraint(
                condition=Q(usable_area__lte=F("gross_area")),
                name="unit_usable_within_gross",
                violation_error_message=MSG_USABLE_OVER_GROSS,
            ),
            models.CheckConstraint(
                condition=Q(guide_rent__gte=0),
                name="unit_guide_rent_not_negative",
                violation_error_message=MSG_RENT_NOT_NEGATIVE,
            ),
        ]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["gross_area"])]

    def __str__(self) -> str:
        return self.code

    @property
    def guide_rent_monthly(self) -> Decimal:
        """Guide rent of the whole unit per month: rent per m² × gross area, rounded half-up to the fen."""
        return money(self.guide_rent * self.gross_area)
