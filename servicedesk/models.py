"""Complaints, repairs, enquiries and paid services: tickets, their timeline, categories, SLA escalations."""

from datetime import datetime

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, When
from django.db.models.functions import Least
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from documents.lifecycle import Lifecycle
from tenancy.roles import Role


class Department(models.TextChoices):
    """The departments a ticket can be assigned to: every staff role but management."""

    FRONT_DESK = Role.FRONT_DESK.value, Role.FRONT_DESK.label
    BUSINESS = Role.BUSINESS.value, Role.BUSINESS.label
    LEGAL = Role.LEGAL.value, Role.LEGAL.label
    FINANCE = Role.FINANCE.value, Role.FINANCE.label
    ENGINEERING = Role.ENGINEERING.value, Role.ENGINEERING.label
    SECURITY = Role.SECURITY.value, Role.SECURITY.label


class Category(models.Model):
    """A kind of problem: the department that usually takes it and its resolution target in working time."""

    class TargetUnit(models.TextChoices):
        HOURS = "hours", _("working hours")
        DAYS = "days", _("working days")

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    department = models.CharField(
        _("usual department"), max_length=20, choices=Department.choices, blank=True
    )
    resolution_target = models.PositiveSmallIntegerField(_("resolution target"), default=3)
    resolution_unit = models.CharField(
        _("target unit"), max_length=5, choices=TargetUnit.choices, default=TargetUnit.DAYS
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("ticket category")
        verbose_name_plural = _("ticket categories")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(resolution_target__gt=0), name="category_target_positive"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The English name on English pages when there is one, else the Chinese name."""
        language = get_language() or ""
        return self.name_en if language.startswith("en") and self.name_en else self.name


class DepartmentManager(models.Model):
    """Who manages a department: escalations go to them, and a poor rating reopens the ticket to them."""

    department = models.CharField(_("department"), max_length=20, choices=Role.choices, unique=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("manager")
    )

    class Meta:
        verbose_name = _("department manager")
        verbose_name_plural = _("department managers")
        ordering = ["department"]

    def __str__(self) -> str:
        return f"{self.get_department_display()}: {self.manager}"


# The history model is named TicketHistory: TicketEvent is the ticket's own timeline.
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    model_name="TicketHistory",
    obj_field=pghistory.ObjForeignKey(related_name="history"),
    exclude=["next_due_at"],
)
class Ticket(models.Model):
    """A case received from a tenant; whoever received it owns it until it is closed (首问负责制)."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        REPAIR = "repair", _("Repair")
        ENQUIRY = "enquiry", _("Enquiry")
        PAID_SERVICE = "paid_service", _("Paid service")

    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("E-mail")
        COUNTER = "counter", _("Counter")
        PORTAL = "portal", _("Portal")
        VISIT = "visit", _("Visit")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Normal")
        URGENT = "urgent", _("Urgent")

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("ticket status", "New")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")
        REOPENED = "reopened", _("Reopened")

    class Cause(models.TextChoices):
        WEAR = "wear", _("Wear and ageing")
        DEFECT = "defect", _("Construction or design defect")
        TENANT_USE = "tenant_use", _("Use by the tenant")
        THIRD_PARTY = "third_party", _("Third party")
        SUPPLY = "supply", _("Utility or outside supply")
        SERVICE = "service", _("Our service")
        INFORMATION = "information", _("Information wanted")
        OTHER = "other", _("Other")

    class QuoteStatus(models.TextChoices):
        NONE = "", _("No quote")
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    class ChargeStatus(models.TextChoices):
        NONE = "", _("No charge")
        TO_BILL = "to_bill", _("To bill")
        BILLED = "billed", _("Billed")

    OPEN_STATUSES = (Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.REOPENED)

    # The moves the status pipeline allows; any other is refused by the services.
    LIFECYCLE = Lifecycle(
        Status,
        {
            Status.NEW: {Status.ACKNOWLEDGED},
            Status.ACKNOWLEDGED: {Status.IN_PROGRESS, Status.RESOLVED},
            Status.IN_PROGRESS: {Status.RESOLVED},
            Status.RESOLVED: {Status.CLOSED, Status.REOPENED},
            Status.CLOSED: {Status.REOPENED},
            Status.REOPENED: {Status.IN_PROGRESS, Status.RESOLVED},
        },
    )
    # A paid service's quote: offered (again, while not accepted), then accepted or declined by the tenant.
    QUOTE_LIFECYCLE = Lifecycle(
        QuoteStatus,
        {
            QuoteStatus.NONE: {QuoteStatus.OFFERED},
            QuoteStatus.OFFERED: {QuoteStatus.OFFERED, QuoteStatus.ACCEPTED, QuoteStatus.DECLINED},
            QuoteStatus.DECLINED: {QuoteStatus.OFFERED},
        },
        field="quote_status",
    )
    # Its charge: recorded once, billed on a lease at once or kept "to bill" for finance.
    CHARGE_LIFECYCLE = Lifecycle(
        ChargeStatus,
        {ChargeStatus.NONE: {ChargeStatus.TO_BILL}, ChargeStatus.TO_BILL: {ChargeStatus.BILLED}},
        field="charge_status",
    )

    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    channel = models.CharField(
        pgettext_lazy("service desk", "channel"), max_length=10, choices=Channel.choices
    )
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.NEW)
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("tenant"),
    )
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    building = models.ForeignKey(
        "leasing.Building", on_delete=models.PROTECT, related_name="tickets", verbose_name=_("building")
    )
    unit = models.ForeignKey(
        "leasing.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("unit"),
    )
    location = models.CharField(_("place"), max_length=200, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("category")
    )
    description = models.TextField(_("description"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("received by"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_tickets",
        verbose_name=pgettext_lazy("service desk", "owner"),
    )
    pending_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offered to"),
    )
    department = models.CharField(_("department"), max_length=20, choices=Department.choices, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_tickets",
        verbose_name=_("assignee"),
    )
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    first_answer_at = models.DateTimeField(_("first answer at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(pgettext_lazy("service desk", "closed at"), null=True, blank=True)
    acknowledge_due_at = models.DateTimeField(_("acknowledge by"))
    first_answer_due_at = models.DateTimeField(_("first answer by"), null=True, blank=True)
    resolution_due_at = models.DateTimeField(_("resolve by"))
    cause = models.CharField(_("cause"), max_length=15, choices=Cause.choices, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(_("rating comment"), blank=True)
    followed_up_at = models.DateTimeField(_("followed up at"), null=True, blank=True)
    follow_up_channel = models.CharField(
        _("follow-up by"), max_length=10, choices=Channel.choices, blank=True
    )
    quote_amount = models.DecimalField(
        _("quoted amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    quote_text = models.TextField(_("quote"), blank=True)
    quote_status = models.CharField(
        _("quote status"), max_length=10, choices=QuoteStatus.choices, default=QuoteStatus.NONE, blank=True
    )
    charge_amount = models.DecimalField(
        pgettext_lazy("service desk", "charge"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    charge_status = models.CharField(
        _("charge status"), max_length=10, choices=ChargeStatus.choices, default=ChargeStatus.NONE, blank=True
    )
    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    # Follow-up calls or visits that did not reach the tenant since the ticket was last resolved; at three the
    # daily clock may close it (a reopen starts the count again).
    follow_up_attempts = models.PositiveSmallIntegerField(_("unanswered follow-up attempts"), default=0)
    # The earliest deadline of a clock still running, kept by the database itself (never stale): NULL once
    # every clock has stopped or the ticket is resolved or closed. Counting breached and at-risk tickets is
    # then two comparisons on one indexed column.
    next_due_at = models.GeneratedField(
        expression=Case(
            When(
                Q(status__in=OPEN_STATUSES),
                then=Least(
                    Case(When(acknowledged_at__isnull=True, then=F("acknowledge_due_at"))),
                    Case(When(first_answer_at__isnull=True, then=F("first_answer_due_at"))),
                    Case(When(resolved_at__isnull=True, then=F("resolution_due_at"))),
                ),
            )
        ),
        output_field=models.DateTimeField(),
        db_persist=True,
        verbose_name=_("next deadline"),
    )
    # The ticket's number in the system used before this one, for an open ticket imported on day one: the
    # import's natural key (a re-import finds the ticket by it). Empty for tickets received here.
    import_number = models.CharField(_("number in the previous system"), max_length=40, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="ticket_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(quote_amount__isnull=True) | Q(quote_amount__gt=0), name="ticket_quote_positive"
            ),
            models.CheckConstraint(
                condition=Q(charge_status="") | Q(charge_amount__isnull=False),
                name="ticket_charge_has_amount",
            ),
            models.CheckConstraint(
                condition=Q(kind="paid_service") | (Q(quote_status="") & Q(charge_status="")),
                name="ticket_quote_only_for_paid_service",
            ),
            models.CheckConstraint(
                condition=Q(description__regex=r"\S"), name="ticket_description_not_blank"
            ),
            models.UniqueConstraint(
                fields=["import_number"], condition=~Q(import_number=""), name="ticket_import_number_once"
            ),
        ]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="ticket_newest"),
            models.Index(fields=["status", "-created_at"], name="ticket_status_newest"),
            models.Index(fields=["department", "status"], name="ticket_department_status"),
            models.Index(fields=["resolved_at"], name="ticket_resolved", condition=Q(status="resolved")),
            models.Index(
                fields=["next_due_at"], name="ticket_next_due", condition=Q(next_due_at__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_kind_display()}"

    @property
    def reference(self) -> str:
        """The number staff and tenants quote: ``SR`` and the id, zero-padded."""
        return f"SR{self.pk:06d}" if self.pk else "SR"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def place(self) -> str:
        """The unit, or the common area described, in its building."""
        where = self.unit.code if self.unit_id else (self.location or _("common area"))
        return f"{self.building.code} {where}"


# The old name of the ticket's table, for code that still imports it.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = Ticket.LIFECYCLE.moves


class TicketEvent(models.Model):
    """One step on a ticket's timeline: a status change, a comment, a photo; the tenant sees public ones."""

    class Kind(models.TextChoices):
        CREATED = "created", pgettext_lazy("service desk", "Received")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        HANDOVER_OFFERED = "handover_offered", _("Hand-over offered")
        HANDOVER_ACCEPTED = "handover_accepted", _("Hand-over accepted")
        HANDOVER_DECLINED = "handover_declined", _("Hand-over declined")
        ASSIGNED = "assigned", _("Assigned")
        STARTED = "started", _("Work started")
        COMMENT = "comment", _("Comment")
        PHOTO = "photo", _("Photo")
        QUOTE_OFFERED = "quote_offered", _("Quote offered")
        QUOTE_ACCEPTED = "quote_accepted", _("Quote accepted")
        QUOTE_DECLINED = "quote_declined", _("Quote declined")
        RESOLVED = "resolved", _("Resolved")
        CHARGE_RECORDED = "charge_recorded", _("Charge recorded")
        RATED = "rated", _("Rated")
        FOLLOWED_UP = "followed_up", _("Followed up")
        FOLLOW_UP_ATTEMPT = "follow_up_attempt", _("Follow-up without an answer")
        CLOSED = "closed", _("Closed")
        AUTO_CLOSED = "auto_closed", _("Closed without an answer")
        REOPENED = "reopened", _("Reopened")
        ESCALATED = "escalated", _("Escalated")
        IMPORTED = "imported", _("Imported from the previous system")

    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="events", verbose_name=_("ticket")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    public = models.BooleanField(_("shown to the tenant"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    text = models.TextField(_("text"), blank=True)
    status_from = models.CharField(_("from status"), max_length=15, choices=Ticket.Status.choices, blank=True)
    status_to = models.CharField(_("to status"), max_length=15, choices=Ticket.Status.choices, blank=True)
    # What the timeline needs to say it in the reader's language: a department, a name, an amount, a clock.
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="ticket_event_timeline")]

    def __str__(self) -> str:
        return f"{self.ticket.reference}: {self.get_kind_display()}"


class SlaClock(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("Acknowledge")
    FIRST_ANSWER = "first_answer", _("First answer")
    RESOLUTION = "resolution", _("Resolution")


class SlaEscalation(models.Model):
    """A breached clock reported to the department manager: at most once per ticket and clock."""

    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="escalations", verbose_name=_("ticket")
    )
    clock = models.CharField(_("clock"), max_length=15, choices=SlaClock.choices)
    due_at = models.DateTimeField(_("was due at"))
    escalated_at = models.DateTimeField(_("escalated at"), default=timezone.now)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("escalated to"),
    )

    class Meta:
        verbose_name = _("SLA escalation")
        verbose_name_plural = _("SLA escalations")
        ordering = ["-escalated_at"]
        constraints = [
            models.UniqueConstraint(fields=["ticket", "clock"], name="sla_escalation_once_per_clock"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket.reference} {self.get_clock_display()}"


def clock_fields(clock: str) -> tuple[str, str]:
    """The (due, done) field names of a clock on the ticket."""
    return {
        SlaClock.ACKNOWLEDGE: ("acknowledge_due_at", "acknowledged_at"),
        SlaClock.FIRST_ANSWER: ("first_answer_due_at", "first_answer_at"),
        SlaClock.RESOLUTION: ("resolution_due_at", "resolved_at"),
    }[SlaClock(clock)]


def clock_due(ticket: Ticket, clock: str) -> datetime | None:
    return getattr(ticket, clock_fields(clock)[0])


# The follow-up, tenant-visit and survey records live in their own modules, imported so Django finds them.
from .models_followup import FollowUp, TenantVisit, VisitIssue  # noqa: E402
from .models_survey import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse  # noqa: E402
from .models_targets import CategoryTarget  # noqa: E402

__all__ = [
    "ALLOWED_TRANSITIONS",
    "Category",
    "CategoryTarget",
    "Department",
    "DepartmentManager",
    "FollowUp",
    "SlaClock",
    "SlaEscalation",
    "Survey",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyResponse",
    "TenantVisit",
    "Ticket",
    "TicketEvent",
    "VisitIssue",
    "clock_due",
    "clock_fields",
]
