"""Deposits (押金): held as a liability per lease, applied to debts at move-out, refunded with approval."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.lifecycle import Lifecycle

from .bills import MONEY
from .ledger import JournalEntry


class DepositAccount(models.Model):
    """What a deposit holds now; never below zero, changed only with a posting.

    A lease has one lease deposit (租赁保证金) and may hold fit-out deposits (装修押金) beside it, one per
    fit-out (``reference`` names it); a fit-out deposit is billed (``bill``) and held once that bill is paid.
    """

    class Purpose(models.TextChoices):
        LEASE = "lease", _("Lease deposit")
        FITOUT = "fitout", _("Fit-out deposit")

    lease = models.ForeignKey(
        "leasing.Lease", on_delete=models.PROTECT, related_name="deposit_accounts", verbose_name=_("lease")
    )
    purpose = models.CharField(_("purpose"), max_length=8, choices=Purpose.choices, default=Purpose.LEASE)
    reference = models.CharField(_("reference"), max_length=40, blank=True)
    bill = models.OneToOneField(
        "billing.Bill",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deposit_account",
        verbose_name=_("deposit bill"),
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="deposit_accounts", verbose_name=_("tenant")
    )
    held = models.DecimalField(_("held"), default=0, **MONEY)

    class Meta:
        verbose_name = pgettext_lazy("billing", "deposit")
        verbose_name_plural = _("deposits")
        constraints = [
            models.CheckConstraint(condition=Q(held__gte=0), name="deposit_held_not_negative"),
            models.UniqueConstraint(
                fields=["lease"], condition=Q(purpose="lease"), name="deposit_one_lease_deposit_per_lease"
            ),
            models.UniqueConstraint(
                fields=["reference"], condition=Q(purpose="fitout"), name="deposit_one_account_per_fitout"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lease} {self.held}"


class DepositMovement(models.Model):
    """Money into or out of a deposit, with its posting."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Received")
        APPLIED = "applied", _("Applied to debts")
        REFUNDED = "refunded", _("Refunded")

    account = models.ForeignKey(
        DepositAccount,
        on_delete=models.PROTECT,
        related_name="movements",
        verbose_name=pgettext_lazy("billing", "deposit"),
    )
    kind = models.CharField(_("movement"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    on = models.DateField(_("date"))
    entry = models.OneToOneField(JournalEntry, on_delete=models.PROTECT, related_name="deposit_movement")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deposit movement")
        verbose_name_plural = _("deposit movements")
        ordering = ["on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="deposit_movement_positive")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


class Refund(models.Model):
    """A deposit refund: requested by finance (or by the fit-out completion), approved and paid by a second
    finance or management user, to the payee's bank account recorded on the request."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Awaiting approval")
        PAID = "paid", _("Paid")
        REJECTED = "rejected", _("Rejected")

    # A second person decides a request once: it is paid or rejected.
    LIFECYCLE = Lifecycle(Status, {Status.REQUESTED: {Status.PAID, Status.REJECTED}})

    account = models.ForeignKey(
        DepositAccount,
        on_delete=models.PROTECT,
        related_name="refunds",
        verbose_name=pgettext_lazy("billing", "deposit"),
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    movement = models.OneToOneField(
        DepositMovement, on_delete=models.PROTECT, null=True, blank=True, related_name="refund"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    payee_name = models.CharField(_("payee"), max_length=200, blank=True)
    payee_bank = models.CharField(_("payee's bank"), max_length=200, blank=True)
    payee_account = models.CharField(_("payee's account number"), max_length=64, blank=True)
    # The key of the approval form that paid it: the same form posted twice pays once.
    approval_key = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("deposit refund")
        verbose_name_plural = _("deposit refunds")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive"),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("requested_by")),
                name="refund_approver_not_requester",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.amount}"


class Settlement(models.Model):
    """The move-out settlement (退租结算): owed, deposit applied, the refund or balance due."""

    lease = models.OneToOneField(
        "leasing.Lease", on_delete=models.PROTECT, related_name="settlement", verbose_name=_("lease")
    )
    owed = models.DecimalField(_("owed"), **MONEY)
    deposit = models.DecimalField(_("deposit held"), **MONEY)
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
        verbose_name = _("move-out settlement")
        verbose_name_plural = _("move-out settlements")

    def __str__(self) -> str:
        return str(self.lease)
