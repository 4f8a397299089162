"""Where tenants pay: the bank accounts (收款账户) finance keeps for the buildings, and how each account's
bank statement files are laid out so they can be imported."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ACCOUNT_NUMBER_VALIDATOR = RegexValidator(
    r"^[0-9][0-9 ]*[0-9]$",
    _("An account number is digits, optionally grouped with spaces (e.g. 6222 0210 0112 3456 789)."),
)


class PayeeAccount(models.Model):
    """A bank account tenants pay into; every building using it prints it on its bills, dunning letters and
    the portal. A management company may share one account among its buildings; a building has at most one.
    The reference tells tenants what to quote with the transfer, so the bank import can match the bill."""

    class Reference(models.TextChoices):
        BILL = "bill", _("The bill number")
        LEASE = "lease", _("The lease number")

    label = models.CharField(
        _("label"),
        max_length=100,
        help_text=_("How finance tells this account apart, e.g. ICBC main account."),
    )
    account_name = models.CharField(pgettext_lazy("payee", "account name"), max_length=200)
    bank = models.CharField(_("bank and branch"), max_length=200)
    account_number = models.CharField(
        _("account number"), max_length=40, validators=[ACCOUNT_NUMBER_VALIDATOR]
    )
    reference = models.CharField(
        _("reference to quote"), max_length=10, choices=Reference.choices, default=Reference.BILL
    )
    buildings = models.ManyToManyField(
        "leasing.Building",
        through="PayeeAccountBuilding",
        related_name="payee_accounts",
        blank=True,
        verbose_name=_("buildings"),
    )
    # The payment QR image (WeChat Pay / Alipay collection code): a PNG or JPEG in the private document store.
    qr_path = models.CharField(_("payment QR image"), max_length=200, blank=True)
    qr_content_type = models.CharField(max_length=20, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("payee account")
        verbose_name_plural = _("payee accounts")
        ordering = ["label", "pk"]

    def __str__(self) -> str:
        return self.label


class PayeeAccountBuilding(models.Model):
    """A building's payee account: one per building."""

    account = models.ForeignKey(PayeeAccount, on_delete=models.CASCADE, related_name="+")
    building = models.OneToOneField(
        "leasing.Building", on_delete=models.CASCADE, related_name="payee_link", verbose_name=_("building")
    )

    class Meta:
        verbose_name = _("building of a payee account")
        verbose_name_plural = _("buildings of payee accounts")

    def __str__(self) -> str:
        return f"{self.building_id} → {self.account_id}"


class StatementLayout(models.Model):
    """How one bank account's statement files read (set once by finance, reused on every import): the header
    row's column names for date, amount (or credit and debit), payer, reference and serial number, the date
    format and how many rows above the header to skip. Rows with no credit are outgoing and are left out."""

    class DateFormat(models.TextChoices):
        ISO = "%Y-%m-%d", "2026-05-31"
        SLASH = "%Y/%m/%d", "2026/05/31"
        COMPACT = "%Y%m%d", "20260531"
        CHINESE = "%Y年%m月%d日", "2026年05月31日"
        DAY_FIRST = "%d/%m/%Y", "31/05/2026"
        DOTS = "%Y.%m.%d", "2026.05.31"

    account = models.OneToOneField(
        PayeeAccount,
        on_delete=models.CASCADE,
        related_name="statement_layout",
        verbose_name=_("bank account"),
    )
    skip_rows = models.PositiveSmallIntegerField(
        _("rows above the header"),
        default=0,
        help_text=_("Title or account rows the bank prints above the column names."),
    )
    date_column = models.CharField(_("date column"), max_length=60)
    date_format = models.CharField(
        _("date format"), max_length=20, choices=DateFormat.choices, default=DateFormat.ISO
    )
    amount_column = models.CharField(
        _("amount column"),
        max_length=60,
        blank=True,
        help_text=_(
            "One signed amount column; leave empty when the bank has separate credit and debit columns."
        ),
    )
    credit_column = models.CharField(
        pgettext_lazy("bank statement", "credit column"), max_length=60, blank=True
    )
    debit_column = models.CharField(
        pgettext_lazy("bank statement", "debit column"), max_length=60, blank=True
    )
    payer_column = models.CharField(_("payer column"), max_length=60)
    reference_column = models.CharField(_("reference column"), max_length=60, blank=True)
    serial_column = models.CharField(_("serial number column"), max_length=60, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("bank statement layout")
        verbose_name_plural = _("bank statement layouts")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(amount_column="", credit_column=""), name="statement_layout_has_amount"
            )
        ]

    def __str__(self) -> str:
        return str(self.account)
