"""Late fees (滞纳金) accrued per bill and day, and dunning (催缴) stages with the letters sent."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .bills import MONEY, Bill
from .ledger import JournalEntry

# The default schedules (migration 0002 stores them; dunning falls back to them when none is configured):
# (schedule, stage, days overdue, suspends service).
DEFAULT_STAGES: tuple[tuple[str, str, int, bool], ...] = (
    ("standard", "reminder", 1, False),
    ("standard", "second", 15, False),
    ("standard", "final", 30, True),
    ("standard", "termination", 60, False),
    ("strict", "reminder", 1, False),
    ("strict", "second", 7, False),
    ("strict", "final", 15, True),
    ("strict", "termination", 30, False),
)


class LateFee(models.Model):
    """One day's late fee on an overdue bill: at most one per bill and day, whatever the clock does."""

    bill = models.ForeignKey(Bill, on_delete=models.PROTECT, related_name="late_fees", verbose_name=_("bill"))
    day = models.DateField(_("day"))
    amount = models.DecimalField(_("amount"), **MONEY)
    entry = models.OneToOneField(JournalEntry, on_delete=models.PROTECT, related_name="late_fee")

    class Meta:
        verbose_name = _("late fee")
        verbose_name_plural = _("late fees")
        ordering = ["bill", "day"]
        constraints = [
            models.UniqueConstraint(fields=["bill", "day"], name="late_fee_once_per_bill_and_day"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="late_fee_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.bill} {self.day}"


class DunningStage(models.Model):
    """A step of a dunning schedule: on the given day overdue, send this letter. Rows without a building are
    the company's schedule; a building with rows of its own for a schedule follows those instead."""

    class Schedule(models.TextChoices):
        STANDARD = "standard", _("Standard")
        STRICT = "strict", _("Strict (grade C tenants)")

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Payment reminder")
        SECOND = "second", _("Second notice")
        FINAL = "final", _("Final notice")
        TERMINATION = "termination", _("Recommendation to terminate")

    building = models.ForeignKey(
        "leasing.Building",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("building"),
    )
    schedule = models.CharField(_("schedule"), max_length=10, choices=Schedule.choices)
    kind = models.CharField(_("stage"), max_length=12, choices=Kind.choices)
    days_overdue = models.PositiveSmallIntegerField(_("days overdue"))
    suspends_service = models.BooleanField(_("suspends service"), default=False)

    class Meta:
        verbose_name = _("dunning stage")
        verbose_name_plural = _("dunning stages")
        ordering = ["schedule", "days_overdue"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "schedule", "kind"],
                name="dunning_stage_once_per_building_schedule",
                nulls_distinct=False,
            ),
            models.CheckConstraint(condition=Q(days_overdue__gte=1), name="dunning_stage_day_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_schedule_display()} · {self.get_kind_display()}"


class DunningLetter(models.Model):
    """A letter of one stage about one bill: sent once; a final notice suspends service until paid."""

    bill = models.ForeignKey(
        Bill, on_delete=models.PROTECT, related_name="dunning_letters", verbose_name=_("bill")
    )
    kind = models.CharField(_("stage"), max_length=12, choices=DunningStage.Kind.choices)
    suspends_service = models.BooleanField(_("suspends service"), default=False)
    sent_on = models.DateField(_("sent on"))
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("letter (document id)"),
    )
    notice = models.ForeignKey(
        "documents.Notice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("notice (id)"),
    )

    class Meta:
        verbose_name = _("dunning letter")
        verbose_name_plural = _("dunning letters")
        ordering = ["-sent_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["bill", "kind"], name="dunning_letter_once_per_stage")]

    def __str__(self) -> str:
        return f"{self.bill} {self.get_kind_display()}"
