"""Leases: a tenant's terms for one or more units of one building, their status pipeline and their events."""

from decimal import Decimal

import pghistory
from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Func, Q, Value
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.lifecycle import Lifecycle
from documents.wording import message_text

from .space import Building, Unit


class RentBasis(models.TextChoices):
    PER_M2 = "per_m2", _("Per m² per month")
    FIXED = "fixed", _("Fixed monthly amount")


class LeaseOrigin(models.TextChoices):
    """How the lease came into the system: drafted and signed here, or signed before and imported."""

    SYSTEM = "system", _("Drafted and signed in the system")
    IMPORTED = "imported", _("Signed before the system (imported)")


class PaymentCycle(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")


# The columns a signed lease freezes: after signing they change only through an amendment. A database
# trigger (migration 0003) refuses an UPDATE of any of them once the lease has left the draft status.
FROZEN_TERMS: tuple[str, ...] = (
    "tenant_id",
    "building_id",
    "start_date",
    "end_date",
    "rent_basis",
    "rent_rate",
    "fee_basis",
    "fee_rate",
    "payment_cycle",
    "due_day",
    "deposit_amount",
    "late_fee_rate",
    "grace_days",
    "rent_free_days",
    "escalation_rate",
    "use",
    "special_terms",
    "notice_days",
    "area",
    "break_from",
    "break_notice_months",
    "break_penalty_amount",
    "break_penalty_months",
    "holding_over_rent_percent",
)


# The audit trail's rows (``lease.history``); ``lease.events`` is the business timeline (LeaseEvent).
# Statement-level triggers: one INSERT ... SELECT from the statement's transition table records every row a
# sweep changes (still one history row per lease), instead of a trigger call per row, each attaching the
# pghistory context in a subtransaction of its own (10,000 of them made the lease-end sweep take 8 s).
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    model_name="LeaseHistory",
    obj_field=pghistory.ObjForeignKey(related_name="history"),
    level=pghistory.Statement,
)
class Lease(models.Model):
    """A lease (租赁合同): its terms are frozen once signed; later changes are amendments."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")
        ACTIVE = "active", pgettext_lazy("lease status", "Active")
        NOTICE_GIVEN = "notice_given", _("Notice given")
        # Past its end date with the tenant still in the units (no hand-back): it runs until they leave.
        HOLDING_OVER = "holding_over", _("Holding over")
        # Superseded by its renewal on the renewal's start date.
        RENEWED = "renewed", pgettext_lazy("lease status", "Renewed")
        ENDED = "ended", _("Ended")
        CANCELLED = "cancelled", _("Cancelled")

    # Statuses in which the lease holds its units and runs.
    LIVE = (Status.SIGNED, Status.ACTIVE, Status.NOTICE_GIVEN, Status.HOLDING_OVER)
    # Statuses in which the tenant is in the units under the lease (billed, on the rent roll).
    RUNNING = (Status.ACTIVE, Status.NOTICE_GIVEN, Status.HOLDING_OVER)
    # A draft is signed or cancelled; a signed lease starts; a running one is given notice (the landlord's
    # termination may give it again, with an earlier date), holds over past its end, is superseded by its
    # renewal or ends.
    LIFECYCLE = Lifecycle(
        Status,
        {
            Status.DRAFT: {Status.SIGNED, Status.CANCELLED},
            Status.SIGNED: {Status.ACTIVE},
            Status.ACTIVE: {Status.NOTICE_GIVEN, Status.HOLDING_OVER, Status.RENEWED, Status.ENDED},
            Status.NOTICE_GIVEN: {Status.NOTICE_GIVEN, Status.HOLDING_OVER, Status.RENEWED, Status.ENDED},
            Status.HOLDING_OVER: {Status.RENEWED, Status.ENDED},
        },
    )

    number = models.CharField(_("lease number"), max_length=40, unique=True)
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="leases", verbose_name=_("tenant")
    )
    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, related_name="leases", verbose_name=_("building")
    )
    units = models.ManyToManyField(Unit, through="LeaseUnit", related_name="leases", verbose_name=_("units"))
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewal",
        verbose_name=_("renews lease"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    # Written by amendments and by a move-out notice: the day the tenant's obligations (and the billing) end.
    effective_end = models.DateField(
        _("current end date"), help_text=_("The end date after amendments and a move-out notice.")
    )
    area = models.DecimalField(_("area (m²)"), max_digits=10, decimal_places=2)
    rent_basis = models.CharField(_("rent basis"), max_length=8, choices=RentBasis.choices)
    rent_rate = models.DecimalField(_("rent"), max_digits=12, decimal_places=2)
    fee_basis = models.CharField(_("management fee basis"), max_length=8, choices=RentBasis.choices)
    fee_rate = models.DecimalField(_("management fee"), max_digits=12, decimal_places=2)
    payment_cycle = models.CharField(
        _("payment cycle"), max_length=12, choices=PaymentCycle.choices, default=PaymentCycle.QUARTERLY
    )
    due_day = models.PositiveSmallIntegerField(_("due day of the month"), default=1)
    deposit_months = models.DecimalField(_("deposit (months)"), max_digits=4, decimal_places=1, default=3)
    deposit_amount = models.DecimalField(_("deposit"), max_digits=12, decimal_places=2)
    late_fee_rate = models.DecimalField(
        _("late fee per day (%)"), max_digits=6, decimal_places=3, default=Decimal("0.050")
    )
    grace_days = models.PositiveSmallIntegerField(_("grace days"), default=5)
    rent_free_days = models.PositiveSmallIntegerField(_("rent-free / fit-out days"), default=0)
    escalation_rate = models.DecimalField(
        _("yearly escalation (%)"), max_digits=5, decimal_places=2, default=Decimal("0.00")
    )
    use = models.CharField(_("use"), max_length=10, choices=Unit.Use.choices, default=Unit.Use.OFFICE)
    special_terms = models.TextField(_("special terms"), blank=True)
    notice_days = models.PositiveSmallIntegerField(_("notice period (days)"), default=30)
    # Holding over (逾期占用): past the end date with the tenant still in the units, each month is billed at
    # this share of the last month's rent (the management fee as it was), until the units are handed back.
    holding_over_rent_percent = models.DecimalField(
        _("holding-over rent (%)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("100.0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Share of the last rent billed each month while the tenant stays past the end date; "
            "100 bills the same rent."
        ),
    )
    # Break terms (提前解约条款): when and how the tenant may end the term early, and the penalty (违约金).
    break_from = models.DateField(
        _("earliest break date"),
        null=True,
        blank=True,
        help_text=_("From this date the tenant may end the lease early by notice; empty: no break right."),
    )
    break_notice_months = models.PositiveSmallIntegerField(
        _("break notice (months)"),
        default=0,
        help_text=_("How many months ahead an early termination must be notified (0: the notice period)."),
    )
    break_penalty_amount = models.DecimalField(
        _("early termination penalty"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text=_("The penalty (违约金) as a fixed amount; when 0, the months of rent below are charged."),
    )
    break_penalty_months = models.DecimalField(
        _("early termination penalty (months of rent)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0.0"),
    )
    # The approved intake application the lease was drafted from, if any (leasing links to it; tenancy
    # knows nothing of leases).
    application = models.ForeignKey(
        "tenancy.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leases",
        verbose_name=_("application"),
    )
    # An imported lease was signed on paper before the system: no signature is pretended (``signed_at`` stays
    # empty); the scanned contract may be attached on the lease page later.
    origin = models.CharField(
        _("origin"),
        max_length=10,
        choices=LeaseOrigin.choices,
        default=LeaseOrigin.SYSTEM,
        db_default="system",
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed summary (document id)"),
    )
    # The day the units were handed back (the move-out confirmation); the lease may run on to effective_end.
    move_out_date = models.DateField(_("move-out date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("lease")
        verbose_name_plural = _("leases")
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["status", "effective_end"]),
            models.Index(fields=["tenant", "status"]),
            # The rent roll pages through live leases building by building without sorting them all.
            models.Index(fields=["building", "number"], name="lease_building_number"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="lease_end_after_start"),
            models.CheckConstraint(
                condition=Q(effective_end__gte=F("start_date")), name="lease_effective_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(rent_rate__gte=0) & Q(fee_rate__gte=0) & Q(deposit_amount__gte=0) & Q(area__gt=0),
                name="lease_amounts_not_negative",
            ),
            models.CheckConstraint(condition=Q(due_day__gte=1, due_day__lte=28), name="lease_due_day_1_28"),
            models.CheckConstraint(condition=Q(late_fee_rate__gte=0), name="lease_late_fee_not_negative"),
            models.CheckConstraint(
                condition=Q(holding_over_rent_percent__gte=0), name="lease_holding_over_rent_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(break_penalty_amount__gte=0) & Q(break_penalty_months__gte=0),
                name="lease_break_penalty_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_frozen(self) -> bool:
        return self.status != self.Status.DRAFT


class LeaseUnit(models.Model):
    """A unit held by a lease over a period; no unit is held by two leases over overlapping days."""

    lease = models.ForeignKey(
        Lease, on_delete=models.CASCADE, related_name="lease_units", verbose_name=_("lease")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="lease_units", verbose_name=_("unit")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    area = models.DecimalField(_("area (m²)"), max_digits=10, decimal_places=2)
    # False once the lease is cancelled: the unit is then free again for those days.
    blocking = models.BooleanField(_("holds the unit"), default=True)

    class Meta:
        verbose_name = _("leased unit")
        verbose_name_plural = _("leased units")
        ordering = ["unit__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="lease_unit_period_valid"
            ),
            ExclusionConstraint(
                name="lease_unit_no_overlap",
                expressions=[
                    (F("unit"), RangeOperators.EQUAL),
                    (
                        Func(
                            F("start_date"),
                            F("end_date"),
                            Value("[]"),
                            function="daterange",
                            output_field=DateRangeField(),
                        ),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                condition=Q(blocking=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lease} · {self.unit}"


class LeaseEvent(models.Model):
    """One line of a lease's timeline: who did what, when."""

    class Kind(models.TextChoices):
        DRAFTED = "drafted", _("Drafted")
        UPDATED = "updated", _("Draft changed")
        SIGNED = "signed", _("Signed")
        ACTIVATED = "activated", _("Activated")
        CANCELLED = "cancelled", _("Cancelled")
        AMENDED = "amended", _("Amendment signed")
        REMINDED = "reminded", _("Expiry reminder sent")
        RENEWED = "renewed", _("Renewal drafted")
        NOTICE_GIVEN = "notice_given", _("Move-out notice given")
        HANDED_BACK = "handed_back", _("Units handed back")
        RELEASED = "released", _("Released early by management")
        HOLDING_OVER = "holding_over", _("Term ended, tenant still in the units")
        SUPERSEDED = "superseded", _("Superseded by its renewal")
        ENDED = "ended", _("Ended")
        ADMISSION_OVERRIDDEN = "admission_waived", _("Drafted without admission (management)")
        LEGAL_APPROVED = "legal_approved", _("Approved by legal")
        LEGAL_RETURNED = "legal_returned", _("Returned by legal")
        TERMINATION_PROPOSED = "term_proposed", _("Termination proposed")
        TERMINATION_APPROVED = "term_approved", _("Terminated by the landlord")
        TERMINATION_REJECTED = "term_rejected", _("Termination rejected")
        TERMINATION_WITHDRAWN = "term_withdrawn", _("Termination withdrawn")
        IMPORTED = "imported", _("Imported, signed before the system")
        IMPORT_CORRECTED = "import_fixed", _("Corrected by a later import")

    lease = models.ForeignKey(Lease, on_delete=models.CASCADE, related_name="events", verbose_name=_("lease"))
    kind = models.CharField(_("event"), max_length=16, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)
    # A note the system words is kept untranslated (``gettext_noop``) with its values apart and read in the
    # reader's language; ``note`` holds what a person typed, a number or a date (and older rows' text).
    note_key = models.CharField(_("system note"), max_length=200, blank=True)
    note_params = models.JSONField(_("details"), default=dict, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("lease event")
        verbose_name_plural = _("lease events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.lease} {self.get_kind_display()}"

    @property
    def note_shown(self) -> str:
        """The note in the reader's language: a system note translated now, a person's as typed."""
        return message_text(self.note_key, self.note_params) if self.note_key else self.note
