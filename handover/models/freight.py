"""A tenant's request for the freight lift (货梯预约), made in the portal and confirmed by the front desk."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.lifecycle import Lifecycle

from .visits import RelocationBooking


class FreightLiftRequest(models.Model):
    """A slot of the freight lift of a building on a day, asked for by a tenant (deliveries, furniture, a
    move); the front desk confirms or declines it. A confirmed slot is never confirmed twice, nor over a
    relocation booking."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    LIFECYCLE = Lifecycle(Status, {Status.REQUESTED: {Status.CONFIRMED, Status.DECLINED}})

    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.PROTECT,
        related_name="freight_lift_requests",
        verbose_name=_("tenant"),
    )
    building = models.ForeignKey(
        "leasing.Building", on_delete=models.PROTECT, related_name="+", verbose_name=_("building")
    )
    day = models.DateField(_("day"))
    slot = models.CharField(_("freight-lift slot"), max_length=5, choices=RelocationBooking.Slot.choices)
    purpose = models.CharField(_("what is carried"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    decline_reason = models.CharField(_("reason for declining"), max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("freight lift request", "decided by"),
    )
    decided_at = models.DateTimeField(
        pgettext_lazy("freight lift request", "decided at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        verbose_name = _("freight-lift request")
        verbose_name_plural = _("freight-lift requests")
        ordering = ["day", "slot", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "day", "slot"],
                condition=Q(status="confirmed"),
                name="freight_lift_slot_confirmed_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.get_slot_display()}"
