"""Bills (缴费通知单), their lines, one-off charges waiting for a bill, and credit notes."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Func, Q
from django.utils.translation import gettext_lazy as _

from ..wording import system_text
from .ledger import JournalEntry

MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}


class ChargeKind(models.TextChoices):
    RENT = "rent", _("Rent")
    FEE = "fee", _("Management fee")
    UTILITY = "utility", _("Utilities")
    DAMAGE = "damage", _("Damage")
    MISSING_KEY = "missing_key", _("Missing keys or cards")
    CLEANING = "cleaning", _("Cleaning")
    REPAIR = "repair", _("Paid repair")
    FITOUT_FINE = "fitout_fine", _("Fit-out fine")
    FITOUT_DEPOSIT = "fitout_dep", _("Fit-out deposit")
    FITOUT_MANAGEMENT = "fitout_mgmt", _("Fit-out management fee")
    FITOUT_RUBBISH = "fitout_waste", _("Rubbish removal")
    WORKER_PASS = "fitout_pass", _("Worker pass fee")
    OTHER = "other", _("Other")


# One-off kinds: recorded as a Charge, put on the lease's next bill.
ONE_OFF_KINDS = (
    ChargeKind.DAMAGE,
    ChargeKind.MISSING_KEY,
    ChargeKind.CLEANING,
    ChargeKind.REPAIR,
    ChargeKind.FITOUT_FINE,
    ChargeKind.OTHER,
)

# Bill columns a trigger (migration 0002) keeps as issued; only the cached settlement and the rendered
# document may be written later.
FROZEN_BILL_COLUMNS = (
    "number",
    "kind",
    "tenant_id",
    "lease_id",
    "building_id",
    "period_start",
    "period_end",
    "issue_date",
    "due_date",
    "total",
    "entry_id",
    "tx",
)


class Bill(models.Model):
    """An issued bill: never changed after issue; a correction is a credit note against it."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Periodic bill")
        EXTRA = "extra", _("Extra bill")

    number = models.CharField(_("bill number"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.REGULAR)
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="bills", verbose_name=_("tenant")
    )
    lease = models.ForeignKey(
        "leasing.Lease", on_delete=models.PROTECT, related_name="bills", verbose_name=_("lease")
    )
    building = models.ForeignKey(
        "leasing.Building", on_delete=models.PROTECT, related_name="bills", verbose_name=_("building")
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    issue_date = models.DateField(_("issue date"))
    due_date = models.DateField(_("due date"), db_index=True)
    total = models.DecimalField(_("total"), **MONEY)
    entry = models.OneToOneField(
        JournalEntry, on_delete=models.PROTECT, related_name="bill", verbose_name=_("journal entry")
    )
    settled_on = models.DateField(_("settled on"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bill PDF (document id)"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The issuing transaction: a trigger lets lines join a bill only in that transaction.
    tx = models.BigIntegerField(db_default=Func(function="txid_current"), editable=False)

    class Meta:
        verbose_name = _("bill")
        verbose_name_plural = _("bills")
        ordering = ["-issue_date", "-pk"]
        indexes = [models.Index(fields=["tenant", "settled_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["lease", "period_start"],
                condition=Q(kind="regular"),
                name="bill_once_per_lease_and_period",
            ),
            models.CheckConstraint(condition=Q(total__gt=0), name="bill_total_positive"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="bill_period_valid"),
        ]

    def __str__(self) -> str:
        return self.number


class BillLine(models.Model):
    """One charge on a bill; the lines add up to the bill's total (checked by a trigger at commit)."""

    bill = models.ForeignKey(Bill, on_delete=models.PROTECT, related_name="lines", verbose_name=_("bill"))
    kind = models.CharField(_("charge"), max_length=12, choices=ChargeKind.choices)
    # A line the system wrote keeps its untranslated message and values (read in the reader's language,
    # the tenant's on the bill PDF); ``description`` is the text (typed, or as written before keys).
    description = models.CharField(_("description"), max_length=200)
    description_key = models.CharField(
        _("system description"), max_length=200, blank=True, default="", db_default=""
    )
    description_params = models.JSONField(_("details"), default=dict, db_default={}, blank=True)
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("until"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    # A utility line: the consumption between two readings of one meter (handover's); each reading ends
    # at most one billed span, so no consumption is billed twice.
    reading_from = models.ForeignKey(
        "handover.MeterReading",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from reading"),
    )
    reading_to = models.OneToOneField(
        "handover.MeterReading",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="billed_line",
        verbose_name=_("to reading"),
    )

    class Meta:
        verbose_name = _("bill line")
        verbose_name_plural = _("bill lines")
        ordering = ["bill", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="bill_line_amount_positive"),
            models.CheckConstraint(
                condition=Q(reading_to__isnull=True) | (Q(kind="utility") & Q(reading_from__isnull=False)),
                name="bill_line_reading_span_is_utility",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bill} {self.description_shown}"

    @property
    def description_shown(self) -> str:
        """The description in the active language (the system's message), or as typed."""
        return system_text(self.description_key, self.description_params, self.description)


class Charge(models.Model):
    """A one-off charge (damage, keys, cleaning, a paid repair, a fit-out fine) waiting for the next bill.

    ``source`` names what caused it (e.g. ``servicedesk:ticket:12``) so recording it twice adds nothing.
    """

    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="charges", verbose_name=_("tenant")
    )
    lease = models.ForeignKey(
        "leasing.Lease", on_delete=models.PROTECT, related_name="charges", verbose_name=_("lease")
    )
    kind = models.CharField(_("charge"), max_length=12, choices=ChargeKind.choices)
    description = models.CharField(_("description"), max_length=200)
    description_key = models.CharField(
        _("system description"), max_length=200, blank=True, default="", db_default=""
    )
    description_params = models.JSONField(_("details"), default=dict, db_default={}, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    incurred_on = models.DateField(_("incurred on"))
    source = models.CharField(_("source"), max_length=80, unique=True)
    bill = models.ForeignKey(
        Bill,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="charges",
        verbose_name=_("billed on"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("one-off charge")
        verbose_name_plural = _("one-off charges")
        ordering = ["incurred_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="charge_amount_positive")]

    def __str__(self) -> str:
        return self.description_shown

    @property
    def description_shown(self) -> str:
        """The description in the active language (the system's message), or as typed."""
        return system_text(self.description_key, self.description_params, self.description)


class CreditNote(models.Model):
    """A credit note (红字冲销): reduces what a bill asks for; the bill itself stays as issued."""

    number = models.CharField(_("credit note number"), max_length=40, unique=True)
    bill = models.ForeignKey(
        Bill, on_delete=models.PROTECT, related_name="credit_notes", verbose_name=_("bill")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    reason = models.CharField(_("reason"), max_length=200)
    issue_date = models.DateField(_("issue date"))
    entry = models.OneToOneField(JournalEntry, on_delete=models.PROTECT, related_name="credit_note")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("credit note")
        verbose_name_plural = _("credit notes")
        ordering = ["-issue_date", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="credit_note_amount_positive")]

    def __str__(self) -> str:
        return self.number
