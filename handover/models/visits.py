"""Visits: the move-in (入驻交接, 收楼) and move-out (退租交接) walk-through of one unit of a lease, with the
pre-inspection tasks engineering and security do before it and the freight-lift booking for the move."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.lifecycle import Lifecycle
from tenancy.roles import Role

MSG_SLOT_TAKEN = _("This freight-lift slot is already booked on that day; choose another slot or day.")


class IdentityKind(models.TextChoices):
    ID_DOCUMENT = "id_document", _("the signer's ID document")
    AUTHORISATION = "authorisation", _("an agent's authorisation letter")


class IdDocumentType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity card")
    PASSPORT = "passport", _("Passport")
    HK_MACAO = "hk_macao", _("Mainland travel permit for Hong Kong and Macao residents")
    TAIWAN = "taiwan", _("Mainland travel permit for Taiwan residents")
    OTHER = "other", _("Other ID document")


class Visit(models.Model):
    """A handover visit of one unit of a lease: one move-in and one move-out per lease and unit."""

    IdentityKind = IdentityKind
    IdDocumentType = IdDocumentType

    class Kind(models.TextChoices):
        MOVE_IN = "move_in", _("Move-in")
        MOVE_OUT = "move_out", _("Move-out")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        COMPLETED = "completed", _("Completed")

    # A visit is completed once (its sheets signed); nothing reopens it.
    LIFECYCLE = Lifecycle(Status, {Status.OPEN: {Status.COMPLETED}})

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    lease = models.ForeignKey(
        "leasing.Lease", on_delete=models.PROTECT, related_name="handover_visits", verbose_name=_("lease")
    )
    unit = models.ForeignKey(
        "leasing.Unit", on_delete=models.PROTECT, related_name="handover_visits", verbose_name=_("unit")
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="handover_visits", verbose_name=_("tenant")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    visit_date = models.DateField(_("visit date"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Whose identity was checked before the keys: the signer's ID document, or an agent's letter.
    identity_kind = models.CharField(
        _("identity checked by"), max_length=14, choices=IdentityKind.choices, blank=True
    )
    identity_name = models.CharField(
        _("name of the person signing for the tenant"), max_length=100, blank=True
    )
    identity_document_type = models.CharField(
        _("ID document type"), max_length=12, choices=IdDocumentType.choices, blank=True
    )
    identity_document_number = models.CharField(_("ID document number"), max_length=40, blank=True)
    identity_letter = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("authorisation letter (document id)"),
    )
    identity_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("identity checked by staff"),
    )
    identity_checked_at = models.DateTimeField(_("identity checked at"), null=True, blank=True)
    # Management let the keys go although a gate refused, and said why.
    keys_override_reason = models.TextField(_("reason for handing over the keys anyway"), blank=True)
    keys_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("keys allowed by"),
    )
    keys_override_at = models.DateTimeField(_("keys allowed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("handover visit")
        verbose_name_plural = _("handover visits")
        ordering = ["-visit_date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["lease", "unit", "kind"], name="visit_once_per_lease_unit_kind"),
            models.CheckConstraint(
                condition=Q(status="open", completed_at__isnull=True)
                | Q(status="completed", completed_at__isnull=False),
                name="visit_completed_has_time",
            ),
            models.CheckConstraint(
                condition=Q(identity_kind="")
                | Q(identity_kind="id_document", identity_checked_at__isnull=False)
                & ~Q(identity_document_number="")
                | Q(identity_kind="authorisation", identity_checked_at__isnull=False)
                & Q(identity_letter_id__isnull=False),
                name="visit_identity_check_complete",
            ),
            models.CheckConstraint(
                condition=Q(keys_override_at__isnull=True) | ~Q(keys_override_reason=""),
                name="visit_keys_override_says_why",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "-visit_date"]),
            models.Index(fields=["status", "visit_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit} · {self.lease}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


# Findings may be amended after the visit: every version is kept in the audit trail (``task.history``).
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    model_name="PreInspectionHistory",
    obj_field=pghistory.ObjForeignKey(related_name="history"),
)
class PreInspection(models.Model):
    """A pre-inspection task of engineering or security before a move-in visit, with its findings; the
    department may record or amend them after the visit too."""

    class Department(models.TextChoices):
        ENGINEERING = Role.ENGINEERING, _("Engineering department")
        SECURITY = Role.SECURITY, _("Security department")

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="pre_inspections", verbose_name=_("visit")
    )
    department = models.CharField(_("department"), max_length=12, choices=Department.choices)
    due_date = models.DateField(_("due date"))
    findings = models.TextField(_("findings"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    class Meta:
        verbose_name = _("pre-inspection")
        verbose_name_plural = _("pre-inspections")
        ordering = ["visit", "department"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "department"], name="pre_inspection_once_per_department"
            ),
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | ~Q(findings=""), name="pre_inspection_done_has_findings"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visit} · {self.get_department_display()}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class RelocationBooking(models.Model):
    """The relocation register (《客户搬迁登记表》): a moving day and a freight-lift slot, never
    booked twice."""

    class Slot(models.TextChoices):
        EARLY = "08-10", "08:00–10:00"
        MORNING = "10-12", "10:00–12:00"
        MIDDAY = "12-14", "12:00–14:00"
        AFTERNOON = "14-16", "14:00–16:00"
        LATE = "16-18", "16:00–18:00"
        EVENING = "18-20", "18:00–20:00"

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("visit")
    )
    building = models.ForeignKey(
        "leasing.Building", on_delete=models.PROTECT, related_name="+", verbose_name=_("building")
    )
    moving_date = models.DateField(_("moving date"))
    slot = models.CharField(_("freight-lift slot"), max_length=5, choices=Slot.choices)
    mover = models.CharField(_("moving company"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("relocation booking")
        verbose_name_plural = _("relocation bookings")
        ordering = ["moving_date", "slot"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "moving_date", "slot"],
                name="relocation_slot_booked_once",
                violation_error_message=MSG_SLOT_TAKEN,
            )
        ]

    def __str__(self) -> str:
        return f"{self.moving_date} {self.get_slot_display()}"
