"""Payments received, how they are matched to bills, and fapiao (发票) requests for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .bills import MONEY, Bill
from .ledger import JournalEntry


class Payment(models.Model):
    """Money received from a tenant; what is not matched to a bill stays as the tenant's credit.

    ``idempotency_key`` is unique: the same submission posted twice (or twenty times at once) is one payment.
    """

    class Method(models.TextChoices):
        TRANSFER = "transfer", _("Bank transfer")
        WECHAT = "wechat", _("WeChat Pay")
        ALIPAY = "alipay", _("Alipay")
        CARD = "card", _("POS card")
        CASH = "cash", pgettext_lazy("payment method", "Cash")  # not the ledger account (库存现金)
        CHEQUE = "cheque", _("Cheque")
        DEPOSIT = "deposit", _("Deposit applied")

    number = models.CharField(_("receipt number"), max_length=40, unique=True)
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="payments", verbose_name=_("tenant")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    method = models.CharField(pgettext_lazy("payment", "method"), max_length=10, choices=Method.choices)
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    payer = models.CharField(_("payer"), max_length=200, blank=True)
    received_on = models.DateField(_("received on"))
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, unique=True)
    entry = models.OneToOneField(JournalEntry, on_delete=models.PROTECT, related_name="payment")
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("receipt PDF (document id)"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-received_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")]

    def __str__(self) -> str:
        return self.number


class Allocation(models.Model):
    """Part of a payment matched to a bill."""

    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("payment")
    )
    bill = models.ForeignKey(
        Bill, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("bill")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    created_at = models.DateTimeField(_("matched at"), auto_now_add=True)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_positive")]

    def __str__(self) -> str:
        return f"{self.payment} → {self.bill}"


class BankRowDismissal(models.Model):
    """A bank statement row finance judged to be a payment already recorded (a suspected duplicate it
    dismissed); ``key`` is the row's (serial number, or file hash and line), so it is asked about once."""

    key = models.CharField(_("bank row key"), max_length=64, unique=True)
    on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), **MONEY)
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    payer = models.CharField(_("payer"), max_length=200, blank=True)
    serial = models.CharField(_("bank serial number"), max_length=60, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )
    dismissed_at = models.DateTimeField(_("dismissed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dismissed bank row")
        verbose_name_plural = _("dismissed bank rows")
        ordering = ["-dismissed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.on} {self.amount} {self.payer}"


class FapiaoRequest(models.Model):
    """A tenant asks for a VAT invoice (发票) for a payment; finance records its number once issued."""

    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, related_name="fapiao_request", verbose_name=_("payment")
    )
    title = models.CharField(_("invoice title"), max_length=200)
    tax_number = models.CharField(_("tax number"), max_length=20)
    fapiao_number = models.CharField(_("fapiao number"), max_length=40, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        verbose_name = _("fapiao request")
        verbose_name_plural = _("fapiao requests")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fapiao_number="", issued_on__isnull=True)
                | (~Q(fapiao_number="") & Q(issued_on__isnull=False)),
                name="fapiao_number_with_date",
            )
        ]

    def __str__(self) -> str:
        return self.title
