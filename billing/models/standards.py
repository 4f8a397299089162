"""Fee standards and tariffs set in the application: finance proposes a price from a date, management (another
person) approves it, and only then does it take effect, from that date. An approved standard is never
edited; a change is a new proposal with a later date. Fit-out fee standards (《装修收费表》) are per building;
a utility tariff is general (every building: the supplier's price in the city) or a building's own (a building
with its own supply), kept in ``Tariff``.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from documents.lifecycle import Lifecycle

RATE: dict[str, Any] = {"max_digits": 12, "decimal_places": 4}


class FitoutFee(models.TextChoices):
    """The fit-out fees a building charges, as Chinese buildings set them: the management fee and the
    rubbish removal once per permit on the gross area (建筑面积) of the units under fit-out, and the
    worker pass fee (工本费) per pass issued."""

    MANAGEMENT = "fitout_mgmt", _("Fit-out management fee (per m², once per permit)")
    RUBBISH = "fitout_waste", _("Rubbish removal (per m², once per permit)")
    WORKER_PASS = "fitout_pass", _("Worker pass fee (per pass)")


# The fees charged on the gross area of the permit's units when the permit is issued.
AREA_FEES = (FitoutFee.MANAGEMENT, FitoutFee.RUBBISH)


class StandardKind(models.TextChoices):
    """What a proposal prices: a utility (per metered unit, general or one building's) or a fit-out fee (by
    building)."""

    ELECTRICITY = "electricity", _("Electricity tariff (per kWh)")
    WATER = "water", _("Water tariff (per m³)")
    GAS = "gas", _("Gas tariff (per m³)")
    FITOUT_MANAGEMENT = FitoutFee.MANAGEMENT.value, FitoutFee.MANAGEMENT.label
    FITOUT_RUBBISH = FitoutFee.RUBBISH.value, FitoutFee.RUBBISH.label
    FITOUT_WORKER_PASS = FitoutFee.WORKER_PASS.value, FitoutFee.WORKER_PASS.label


TARIFF_KINDS = (StandardKind.ELECTRICITY, StandardKind.WATER, StandardKind.GAS)


class StandardProposal(models.Model):
    """A proposed price from a date, by finance; approved by management (never by its proposer), it becomes a
    ``Tariff`` or a ``FitoutFeeStandard``. Rejected or withdrawn, it changes nothing."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    LIFECYCLE = Lifecycle(Status, {Status.PROPOSED: {Status.APPROVED, Status.REJECTED, Status.WITHDRAWN}})

    kind = models.CharField(_("standard"), max_length=12, choices=StandardKind.choices)
    building = models.ForeignKey(
        "leasing.Building",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("building"),
    )
    price = models.DecimalField(_("price"), **RATE)
    effective_from = models.DateField(_("effective from"))
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("fee standard proposal")
        verbose_name_plural = _("fee standard proposals")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="standard_proposal_price_not_negative"),
            # A fit-out fee is always a building's; a tariff is general (no building) or a building's own.
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in TARIFF_KINDS]) | Q(building__isnull=False),
                name="standard_proposal_building_for_fees",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("proposed_by")),
                name="standard_proposal_decided_by_another",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.price} ({self.effective_from})"

    @property
    def is_tariff(self) -> bool:
        return self.kind in TARIFF_KINDS


class FitoutFeeStandard(models.Model):
    """An approved fit-out fee of a building, in force from ``effective_from`` until a later one."""

    building = models.ForeignKey(
        "leasing.Building", on_delete=models.PROTECT, related_name="+", verbose_name=_("building")
    )
    kind = models.CharField(_("fee"), max_length=12, choices=FitoutFee.choices)
    rate = models.DecimalField(_("rate"), max_digits=10, decimal_places=2)
    effective_from = models.DateField(_("effective from"))
    proposal = models.OneToOneField(
        StandardProposal, on_delete=models.PROTECT, related_name="fee_standard", verbose_name=_("proposal")
    )

    class Meta:
        verbose_name = _("fit-out fee standard")
        verbose_name_plural = _("fit-out fee standards")
        ordering = ["building", "kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "kind", "effective_from"], name="fitout_fee_once_per_building_kind_date"
            ),
            models.CheckConstraint(condition=Q(rate__gte=0), name="fitout_fee_rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.rate} ({self.effective_from})"


class FitoutChargeBilling(models.Model):
    """The fit-out fees billed when a permit is issued, once per ``key`` (a retry finds this row and bills
    nothing more). Without a bill: the building had no area fee in force that day, so nothing was billed."""

    key = models.CharField(_("idempotency key"), max_length=80, unique=True)
    reference = models.CharField(_("fit-out"), max_length=40, db_index=True)
    tenant = models.ForeignKey("tenancy.Tenant", on_delete=models.PROTECT, related_name="+")
    lease = models.ForeignKey("leasing.Lease", on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey("leasing.Building", on_delete=models.PROTECT, related_name="+")
    area = models.DecimalField(_("area (m²)"), max_digits=12, decimal_places=2)
    billed_on = models.DateField(_("billed on"))
    bill = models.OneToOneField(
        "billing.Bill",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fitout_charges",
        verbose_name=_("bill"),
    )

    class Meta:
        verbose_name = _("fit-out charges")
        verbose_name_plural = _("fit-out charges")

    def __str__(self) -> str:
        return self.key
