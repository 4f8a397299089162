"""The fit-out application (《装修申请表》): reviewed in rounds, then the permit while works run."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from documents.lifecycle import Lifecycle

MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}


class Application(models.Model):
    """A tenant's fit-out of units of its live lease, from application to the deposit refund."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting review")
        CHANGES = "changes", _("Changes required")
        APPROVED = "approved", _("Drawings approved")
        WORKS = "works", _("Permit issued, works running")
        COMPLETED = "completed", _("Completed and accepted")

    # Drawings are reviewed in rounds (changes asked, revised drawings resubmitted) until approved; the permit
    # starts the works; the completion inspection ends them (and releases the deposit).
    LIFECYCLE = Lifecycle(
        Status,
        {
            Status.SUBMITTED: {Status.APPROVED, Status.CHANGES},
            Status.CHANGES: {Status.SUBMITTED},
            Status.APPROVED: {Status.WORKS},
            Status.WORKS: {Status.COMPLETED},
        },
    )

    number = models.CharField(_("number"), max_length=40, unique=True)
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="fitouts", verbose_name=_("tenant")
    )
    lease = models.ForeignKey(
        "leasing.Lease", on_delete=models.PROTECT, related_name="fitouts", verbose_name=_("lease")
    )
    units = models.ManyToManyField("leasing.Unit", related_name="fitouts", verbose_name=_("units"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    contractor_company = models.CharField(_("contractor"), max_length=200)
    contractor_licence = models.CharField(_("contractor's licence number"), max_length=60)
    site_manager = models.CharField(_("site manager"), max_length=100)
    site_manager_phone = models.CharField(_("site manager's phone"), max_length=30)
    scope = models.TextField(_("scope of works"))
    needs_fire_approval = models.BooleanField(
        _("fire-safety approval needed"),
        default=False,
        help_text=_("The scope touches sprinklers, smoke detection, fire compartments or escape routes."),
    )
    starts_on = models.DateField(_("works start"))
    ends_on = models.DateField(_("works end"))
    # The last day the daily sweep flagged the works as running past their end date without an extension.
    overdue_flagged_on = models.DateField(_("flagged overdue on"), null=True, blank=True)
    review_round = models.PositiveSmallIntegerField(_("review round"), default=1)
    agreement_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreement (document id)"),
    )
    fire_approval_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fire-safety approval (document id)"),
    )
    deposit_account = models.OneToOneField(
        "billing.DepositAccount",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fitout",
        verbose_name=_("fit-out deposit"),
    )
    power_agreement = models.CharField(_("construction-power agreement"), max_length=100, blank=True)
    power_agreement_on = models.DateField(_("power agreement signed on"), null=True, blank=True)
    permit_number = models.CharField(_("permit number"), max_length=40, blank=True)
    permit_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("permit (document id)"),
    )
    permit_issued_at = models.DateTimeField(_("permit issued at"), null=True, blank=True)
    # The fit-out charge sheet (《装修收费表》) printed with the permit when the building sets fees.
    charge_sheet_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("charge sheet (document id)"),
    )
    completed_on = models.DateField(_("accepted on"), null=True, blank=True)
    damages = models.DecimalField(_("damages"), default=0, **MONEY)
    refund = models.OneToOneField(
        "billing.Refund",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fitout",
        verbose_name=_("deposit refund"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("fit-out")
        verbose_name_plural = _("fit-outs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="fitout_schedule_valid"),
            models.CheckConstraint(condition=Q(damages__gte=0), name="fitout_damages_not_negative"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def has_permit(self) -> bool:
        return bool(self.permit_number)


class Drawing(models.Model):
    """A drawing or design (PDF) submitted in a review round; a resubmission adds new ones."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="drawings", verbose_name=_("fit-out")
    )
    title = models.CharField(_("title"), max_length=200)
    review_round = models.PositiveSmallIntegerField(_("review round"))
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("document id"),
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("drawing")
        verbose_name_plural = _("drawings")
        ordering = ["review_round", "pk"]

    def __str__(self) -> str:
        return self.title


class Review(models.Model):
    """Engineering's review of one round (图纸审核意见书): approved, or the changes required."""

    class Verdict(models.TextChoices):
        APPROVED = "approved", _("Approved")
        CHANGES = "changes", _("Changes required")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("fit-out")
    )
    review_round = models.PositiveSmallIntegerField(_("review round"))
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    opinion = models.TextField(_("review opinion"))
    required_changes = models.TextField(_("required changes"), blank=True)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("review opinion (document id)"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reviewer")
    )
    created_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("drawing review")
        verbose_name_plural = _("drawing reviews")
        ordering = ["review_round"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "review_round"], name="fitout_review_once_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} #{self.review_round}"


class DrawingComment(models.Model):
    """A reviewer's comment on one drawing."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    drawing = models.ForeignKey(Drawing, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(_("comment"))

    class Meta:
        verbose_name = _("drawing comment")
        verbose_name_plural = _("drawing comments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:40]


# The one timeline step that counts: stored as this key with ``n``, shown with the plural ``n`` asks for (the
# older key wrote "drawing(s)").
SUBMITTED_WITH_DRAWINGS = "Application submitted with %(n)d drawing."
SUBMITTED_WITH_DRAWINGS_OLD = "Application submitted with %(n)d drawing(s)."


class Event(models.Model):
    """One step of a fit-out, shown as its timeline."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    text = models.CharField(_("event"), max_length=300)
    params = models.JSONField(_("details"), default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("fit-out event")
        verbose_name_plural = _("fit-out events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.shown

    @property
    def shown(self) -> str:
        """The message in the reader's language (stored untranslated, with its values apart)."""
        if self.text in (SUBMITTED_WITH_DRAWINGS, SUBMITTED_WITH_DRAWINGS_OLD):
            n = int(self.params.get("n", 0))
            return ngettext(
                "Application submitted with %(n)d drawing.", "Application submitted with %(n)d drawings.", n
            ) % {"n": n}
        message = gettext(self.text)
        return message % self.params if self.params else message
