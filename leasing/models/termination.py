"""The landlord's termination of a lease (解除租赁合同) for arrears or breach, decided by management."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.lifecycle import Lifecycle

from .leases import Lease


class LeaseTermination(models.Model):
    """A proposal to end a lease early by the landlord; once management approves it the termination letter
    (《解除租赁合同通知书》) goes to the tenant and the lease ends on the effective date."""

    class Grounds(models.TextChoices):
        ARREARS = "arrears", _("Arrears")
        BREACH = "breach", _("Breach of the lease")
        OTHER = "other", _("Other grounds")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for management")
        APPROVED = "approved", _("Approved, letter sent")
        REJECTED = "rejected", _("Rejected by management")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # The allowed moves (documents.lifecycle): a decided or withdrawn proposal is final.
    LIFECYCLE = Lifecycle(
        Status,
        {
            Status.PROPOSED: {Status.APPROVED, Status.REJECTED, Status.WITHDRAWN},
            Status.APPROVED: set(),
            Status.REJECTED: set(),
            Status.WITHDRAWN: set(),
        },
    )

    lease = models.ForeignKey(
        Lease, on_delete=models.PROTECT, related_name="terminations", verbose_name=_("lease")
    )
    grounds = models.CharField(_("grounds"), max_length=10, choices=Grounds.choices)
    reason = models.TextField(_("reason"))
    effective_date = models.DateField(_("effective date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    # None: proposed by the system (the arrears clock).
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("proposed by"),
    )  # fmt: skip
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("decided by"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    letter_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("letter (document id)"),
    )

    class Meta:
        verbose_name = _("lease termination")
        verbose_name_plural = _("lease terminations")
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["status", "proposed_at"])]
        constraints = [
            # A lease has at most one open or approved termination.
            models.UniqueConstraint(
                fields=["lease"],
                condition=Q(status__in=["proposed", "approved"]),
                name="lease_termination_one_live_per_lease",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lease} {self.get_status_display()}"
