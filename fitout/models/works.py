"""During works: worker passes (施工人员出入证), inspections, rectification and violation notices."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .applications import MONEY, Application


class Worker(models.Model):
    """A registered worker and the pass (施工人员出入证) valid within the permit's dates."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="workers", verbose_name=_("fit-out")
    )
    name = models.CharField(_("name"), max_length=100)
    id_number = models.CharField(_("resident ID number"), max_length=18)
    trade = models.CharField(_("trade"), max_length=60)
    photo_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("photo (document id)"),
    )
    pass_number = models.CharField(_("pass number"), max_length=40, unique=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    pass_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pass card (document id)"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "id_number"], name="fitout_worker_once_per_fitout")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.pass_number}"


class Inspection(models.Model):
    """An inspection of the works, logged by engineering; the completion inspection closes them."""

    class Kind(models.TextChoices):
        ROUTINE = "routine", _("Inspection during works")
        COMPLETION = "completion", _("Completion inspection")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="inspections", verbose_name=_("fit-out")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ROUTINE)
    inspected_on = models.DateField(_("inspected on"))
    findings = models.TextField(_("findings"))
    passed = models.BooleanField(_("passed"), default=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("inspector")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["inspected_on", "pk"]

    def __str__(self) -> str:
        return f"{self.application} {self.inspected_on}"


class Notice(models.Model):
    """A rectification notice (装修整改通知单, with a deadline) or a violation notice (装修违章通知单, with an
    optional fine deducted from the deposit); the tenant answers it in the portal."""

    class Kind(models.TextChoices):
        RECTIFICATION = "rectification", _("Rectification notice")
        VIOLATION = "violation", _("Violation notice")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notices", verbose_name=_("fit-out")
    )
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=40, unique=True)
    text = models.TextField(_("what must be done"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    fine = models.DecimalField(_("fine"), default=0, **MONEY)
    fine_deducted = models.DecimalField(_("deducted from the deposit"), default=0, **MONEY)
    fine_billed = models.DecimalField(_("billed to the tenant"), default=0, **MONEY)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("notice (document id)"),
    )
    answer = models.TextField(_("tenant's answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The last day the daily sweep flagged the notice overdue (past its deadline, not answered).
    overdue_flagged_on = models.DateField(_("flagged overdue on"), null=True, blank=True)
    # The form's key: the same form submitted twice issues one notice (and takes one fine).
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, blank=True, default="")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("fit-out notice")
        verbose_name_plural = _("fit-out notices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(fine__gte=0), name="fitout_notice_fine_not_negative"),
            models.CheckConstraint(
                condition=Q(kind="violation") | Q(fine=0), name="fitout_only_violations_carry_fines"
            ),
            models.CheckConstraint(
                condition=Q(kind="violation") | Q(deadline__isnull=False),
                name="fitout_rectification_has_deadline",
            ),
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="fitout_notice_once_per_form",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_overdue(self) -> bool:
        """A rectification notice not answered by its deadline."""
        return bool(self.deadline and not self.answered_at and self.deadline < timezone.localdate())
