"""The general ledger: journal entries of balanced lines, posted with the event that caused them.

Migration 0002 adds the triggers: an entry whose debits and credits differ is refused at commit, posted
lines and entries are never updated or deleted, and no entry is dated in a closed month.
"""

from django.conf import settings
from django.db import models
from django.db.models import Func, Q
from django.utils.translation import gettext_lazy as _


class Account(models.TextChoices):
    """The chart of accounts billing posts to; receivables and deposits are kept per tenant."""

    CASH = "1001", _("Cash")
    BANK = "1002", _("Bank")
    RECEIVABLE = "1122", _("Receivables")
    DEPOSITS_HELD = "2241", _("Deposits held")
    # The other side of what a building brought from before the system (imported arrears and deposits).
    OPENING_BALANCE = "4999", _("Opening balance equity")
    RENT_INCOME = "6001", _("Rent income")
    FEE_INCOME = "6002", _("Management fee income")
    UTILITY_INCOME = "6003", _("Utility income")
    LATE_FEE_INCOME = "6004", _("Late fee income")
    OTHER_INCOME = "6051", _("Other income")


# Accounts whose lines always name the tenant they belong to.
PER_TENANT = (Account.RECEIVABLE, Account.DEPOSITS_HELD)


class ClosedPeriod(models.Model):
    """A closed month: no entry may be dated in it any more (a trigger refuses the insert)."""

    month = models.DateField(_("month"), unique=True, help_text=_("The first day of the month."))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("closed by")
    )
    closed_at = models.DateTimeField(_("closed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("closed period")
        verbose_name_plural = _("closed periods")
        ordering = ["-month"]
        constraints = [models.CheckConstraint(condition=Q(month__day=1), name="closed_period_first_of_month")]

    def __str__(self) -> str:
        return self.month.strftime("%Y-%m")


class JournalEntry(models.Model):
    """One posting: the lines of one event (a bill, a payment, a late fee...), debits equal to credits."""

    date = models.DateField(_("date"), db_index=True)
    # The memo the system wrote, as its untranslated message and values (read in the reader's language: the
    # tenant's on a statement); ``memo`` keeps the text as written, for entries before keys and searches.
    memo = models.CharField(_("memo"), max_length=200)
    memo_key = models.CharField(_("system memo"), max_length=200, blank=True, default="", db_default="")
    memo_params = models.JSONField(_("memo details"), default=dict, db_default={}, blank=True)
    source = models.CharField(_("source"), max_length=40, db_index=True)
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="journal_entries",
        verbose_name=_("tenant"),
    )
    building = models.ForeignKey(
        "leasing.Building",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="journal_entries",
        verbose_name=_("building"),
    )
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    # The transaction that posted the entry: a trigger lets lines join an entry only in that transaction.
    tx = models.BigIntegerField(db_default=Func(function="txid_current"), editable=False)

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.memo_shown}"

    @property
    def memo_shown(self) -> str:
        """The memo in the active language (the system's message), or as written."""
        from ..wording import system_text

        return system_text(self.memo_key, self.memo_params, self.memo)


class JournalLine(models.Model):
    """A debit or a credit to one account (and tenant, for receivables and deposits)."""

    entry = models.ForeignKey(
        JournalEntry, on_delete=models.PROTECT, related_name="lines", verbose_name=_("entry")
    )
    account = models.CharField(_("account"), max_length=4, choices=Account.choices)
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tenant"),
    )
    debit = models.DecimalField(_("debit"), max_digits=14, decimal_places=2, default=0)
    credit = models.DecimalField(_("credit"), max_digits=14, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("journal line")
        verbose_name_plural = _("journal lines")
        ordering = ["entry", "pk"]
        indexes = [models.Index(fields=["account", "tenant"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(debit__gt=0) & Q(credit=0)) | (Q(debit=0) & Q(credit__gt=0)),
                name="journal_line_one_side_positive",
            ),
            models.CheckConstraint(
                condition=Q(tenant__isnull=False) | ~Q(account__in=[a.value for a in PER_TENANT]),
                name="journal_line_tenant_for_receivables",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.debit or -self.credit}"
