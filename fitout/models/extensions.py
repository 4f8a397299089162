"""Extensions of the fit-out schedule: the tenant asks for a later end of the works, engineering decides."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.lifecycle import Lifecycle

from .applications import Application


class Extension(models.Model):
    """A request to end the works later; approved, it moves the permit's end date and the worker passes'."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting engineering")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    LIFECYCLE = Lifecycle(Status, {Status.PENDING: {Status.APPROVED, Status.REFUSED}})

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("fit-out")
    )
    current_end = models.DateField(_("end of the works when asked"))
    requested_end = models.DateField(_("new end of the works"))
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("asked by")
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decision_note = models.CharField(_("engineering's note"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("fit-out extension")
        verbose_name_plural = _("fit-out extensions")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_end__gt=models.F("current_end")), name="fitout_extension_ends_later"
            ),
            models.UniqueConstraint(
                fields=["application"], condition=Q(status="pending"), name="fitout_one_pending_extension"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} → {self.requested_end}"
