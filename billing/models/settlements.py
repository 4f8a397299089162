"""What the move-out settlement needs beyond itself: management's record of why a lease is settled without its
signed move-out confirmation, and the supplementary settlements of charges that arrived after it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .bills import MONEY


class SettlementOverride(models.Model):
    """Management lets finance settle a lease whose move-out confirmation (《退租交接确认书》) is not signed,
    saying why (the tenant left without signing, say)."""

    lease = models.OneToOneField(
        "leasing.Lease", on_delete=models.PROTECT, related_name="settlement_override", verbose_name=_("lease")
    )
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("settlement without a signed confirmation")
        verbose_name_plural = _("settlements without a signed confirmation")

    def __str__(self) -> str:
        return str(self.lease)


class SupplementarySettlement(models.Model):
    """A supplementary settlement (补充结算): charges that arrived after the move-out settlement (damages,
    closing readings, bills), set against whatever deposit is left; the rest stays billed to the tenant.
    The first settlement is never changed."""

    lease = models.ForeignKey(
        "leasing.Lease",
        on_delete=models.PROTECT,
        related_name="supplementary_settlements",
        verbose_name=_("lease"),
    )
    sequence = models.PositiveSmallIntegerField(_("sequence number"))
    new_charges = models.DecimalField(_("new charges"), **MONEY)
    owed = models.DecimalField(_("owed"), **MONEY)
    deposit = models.DecimalField(_("deposit left"), **MONEY)
    applied = models.DecimalField(_("deposit applied"), **MONEY)
    refund_due = models.DecimalField(_("refund due"), **MONEY)
    balance_due = models.DecimalField(_("balance due"), **MONEY)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("statement (document id)"),
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("settled at"), auto_now_add=True)

    class Meta:
        verbose_name = _("supplementary settlement")
        verbose_name_plural = _("supplementary settlements")
        ordering = ["lease", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["lease", "sequence"], name="supplementary_settlement_sequence"),
            models.CheckConstraint(
                condition=Q(applied__gte=0) & Q(refund_due__gte=0) & Q(balance_due__gte=0),
                name="supplementary_settlement_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lease} #{self.sequence}"
