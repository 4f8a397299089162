"""Intake: a space lease application (《空间租赁申请表》), its review steps and the timeline of its decisions.

Tenancy knows nothing of leasing: the space wanted is stored as a building name, an area range and free-text
unit codes; leasing links its units to an approved application from its own side.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from documents.lifecycle import Lifecycle

from ..roles import Role
from .tenants import Tenant


class Application(models.Model):
    """A request to rent space (walk-in, public page or portal), from draft to final decision."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        RETURNED = "returned", _("Returned for information")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        LAPSED = "lapsed", _("Lapsed")

    # Submitted to review; returned for information and resubmitted; approved (lapsing unless a lease is
    # signed by the deadline) or rejected.
    LIFECYCLE = Lifecycle(
        Status,
        {
            Status.DRAFT: {Status.IN_REVIEW},
            Status.IN_REVIEW: {Status.RETURNED, Status.APPROVED, Status.REJECTED},
            Status.RETURNED: {Status.IN_REVIEW},
            Status.APPROVED: {Status.LAPSED},
        },
    )

    class Channel(models.TextChoices):
        FRONT_DESK = "front_desk", _("Front desk")
        PUBLIC = "public", _("Public page")
        PORTAL = "portal", _("Tenant portal")

    # Once decided, an application never changes again.
    FINAL = frozenset({Status.APPROVED, Status.REJECTED, Status.LAPSED})
    EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})

    number = models.CharField(_("application number"), max_length=40, unique=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    tenant = models.ForeignKey(
        Tenant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("tenant"),
    )
    # The applicant as entered; on approval it becomes (or is matched to) ``tenant``.
    applicant_kind = models.CharField(
        _("applicant type"), max_length=10, choices=Tenant.Kind.choices, default=Tenant.Kind.COMPANY
    )
    applicant_name = models.CharField(_("applicant"), max_length=200)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    id_number = models.CharField(_("resident ID number"), max_length=18, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=100, blank=True)
    licence_valid_until = models.DateField(_("licence valid until"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_mobile = models.CharField(_("contact mobile"), max_length=20, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    # The space wanted.
    building = models.CharField(_("building"), max_length=100, blank=True)
    area_min = models.DecimalField(
        _("area from (m²)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    area_max = models.DecimalField(_("area to (m²)"), max_digits=10, decimal_places=2, null=True, blank=True)
    unit_codes = models.CharField(_("units wanted"), max_length=300, blank=True)
    use = models.CharField(_("use"), max_length=200, blank=True)
    start_date = models.DateField(_("desired start date"), null=True, blank=True)
    end_date = models.DateField(_("desired end date"), null=True, blank=True)
    headcount = models.PositiveIntegerField(_("expected head-count"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    # A double click sends the same key twice: the second request finds the first application.
    idempotency_key = models.UUIDField(_("form key"), unique=True, null=True, blank=True, editable=False)
    # The private link of the applicant (signed in the URL).
    follow_token = models.UUIDField(_("follow token"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    signing_deadline = models.DateField(_("deadline to sign the lease"), null=True, blank=True)
    admission_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("admission notice"),
    )
    # Set by leasing (through ``application_mark_leased``) when the lease is signed: the approval is used.
    leased_at = models.DateTimeField(_("lease signed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("space lease application")
        verbose_name_plural = _("space lease applications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "signing_deadline"]),
            models.Index(fields=["tenant", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(area_min__isnull=True)
                | Q(area_max__isnull=True)
                | Q(area_max__gte=F("area_min")),
                name="application_area_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gt=F("start_date")),
                name="application_term_ordered",
            ),
            models.CheckConstraint(
                condition=Q(headcount__isnull=True) | Q(headcount__gt=0),
                name="application_headcount_positive",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(signing_deadline__isnull=False),
                name="application_approved_has_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_name}"

    @property
    def identifier(self) -> str:
        return self.credit_code if self.applicant_kind == Tenant.Kind.COMPANY else self.id_number

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL


class ReviewStep(models.Model):
    """One department's step on an application: waits for its turn, opens, is decided by it."""

    class Department(models.TextChoices):
        BUSINESS = Role.BUSINESS.value, _("Business department")
        LEGAL = Role.LEGAL.value, _("Legal department")
        FINANCE = Role.FINANCE.value, _("Finance department")
        MANAGEMENT = Role.MANAGEMENT.value, _("Management")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        OPEN = "open", _("Awaiting decision")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for information")
        REJECTED = "rejected", _("Rejected")
        CLOSED = "closed", _("Closed")

    # A step opens once the steps before it are approved (and waits again if one of them is voided); the
    # department decides an open step; a rejection closes the undecided ones; a resubmission sends a returned
    # step, or an approval of what has since changed, back to wait.
    LIFECYCLE = Lifecycle(
        Status,
        {
            Status.WAITING: {Status.OPEN, Status.CLOSED},
            Status.OPEN: {Status.WAITING, Status.APPROVED, Status.RETURNED, Status.REJECTED, Status.CLOSED},
            Status.APPROVED: {Status.WAITING},
            Status.RETURNED: {Status.WAITING},
        },
    )

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="steps", verbose_name=_("application")
    )
    department = models.CharField(_("department"), max_length=20, choices=Department.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    opened_at = models.DateTimeField(_("open since"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # What the approval was given on (space, term, documents); a change of it voids the approval.
    approved_fingerprint = models.CharField(_("approved version"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "department"], name="review_step_one_per_department"
            ),
            models.CheckConstraint(
                condition=~Q(status="open") | Q(opened_at__isnull=False), name="review_step_open_has_time"
            ),
        ]
        indexes = [models.Index(fields=["department", "status", "opened_at"], name="review_step_queue")]

    def __str__(self) -> str:
        return f"{self.application_id} {self.department}: {self.status}"


class ApplicationEvent(models.Model):
    """A line of the application's timeline: who did what, when, and why."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Updated")
        SUBMITTED = "submitted", _("Submitted")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for information")
        REJECTED = "rejected", _("Rejected")
        APPROVAL_VOIDED = "approval_voided", _("Approval voided by a change")
        ADMITTED = "admitted", _("Admission notice issued")
        REMINDED = "reminded", _("Signing reminder sent")
        LAPSED = "lapsed", _("Approval lapsed")
        LEASED = "leased", _("Lease signed")
        LINKED = "linked", _("Linked to the existing tenant")

    # Clock events happen once per application: a second run of the daily task finds them and does nothing.
    ONCE = ("reminded", "lapsed", "admitted")
    # Of the reviewers' words only these are the applicant's: what a return asks for, why it was rejected.
    # Approval comments and the staff's own notes stay internal.
    APPLICANT_COMMENTS = frozenset({Kind.RETURNED, Kind.REJECTED})
    # Events the applicant does not see at all.
    INTERNAL = frozenset({Kind.LINKED})

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events", verbose_name=_("application")
    )
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    department = models.CharField(
        _("department"), max_length=20, choices=ReviewStep.Department.choices, blank=True
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)
    # A comment the system writes is kept untranslated (``gettext_noop``) with its values apart, and shown
    # in the reader's language; ``comment`` holds what a person typed.
    comment_key = models.CharField(_("system comment"), max_length=200, blank=True)
    comment_params = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"],
                condition=Q(kind__in=["reminded", "lapsed", "admitted"]),
                name="application_event_clock_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind}"

    @property
    def comment_shown(self) -> str:
        """The comment in the reader's language: a system comment translated now, a person's as typed."""
        if not self.comment_key:
            return self.comment
        message = gettext(self.comment_key)
        return message % self.comment_params if self.comment_params else message

    @property
    def applicant_comment(self) -> str:
        """The comment as the applicant may read it: a return's request or a rejection's reason, else ''."""
        return self.comment if self.kind in self.APPLICANT_COMMENTS else ""

    @property
    def is_internal(self) -> bool:
        return self.kind in self.INTERNAL
