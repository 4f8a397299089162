"""Statements of account (对账单) printed as PDF, kept once per tenant, period and content."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Statement(models.Model):
    """A printed statement of account: the same tenant, period and postings give the same document.

    ``digest`` fingerprints the statement's lines, so a period printed again after new postings is a new
    statement while a repeated request reuses the first. ``number`` is taken before rendering (in its own
    short transaction); ``document_id`` is set once the PDF is stored.
    """

    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="statements", verbose_name=_("tenant")
    )
    start = models.DateField(_("period from"))
    end = models.DateField(_("period until"))
    digest = models.CharField(_("fingerprint of the lines"), max_length=64)
    number = models.CharField(_("document number"), max_length=40, unique=True)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("statement PDF (document id)"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("statement of account")
        verbose_name_plural = _("statements of account")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "start", "end", "digest"], name="billing_statement_once_per_content"
            ),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="billing_statement_period_valid"),
        ]

    def __str__(self) -> str:
        return self.number
