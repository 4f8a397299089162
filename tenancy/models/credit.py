"""Credit grades (信用评估): operations, finances, payment record scored; A, B or C; kept as history."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.lifecycle import Lifecycle

from .tenants import Tenant


class CreditAssessment(models.Model):
    """One assessment of a tenant; the latest is its grade. A lower grade than the one before is an alert."""

    class Grade(models.TextChoices):
        A = "A", _("A (good)")
        B = "B", _("B (fair)")
        C = "C", _("C (poor)")

    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, related_name="credit_assessments", verbose_name=_("tenant")
    )
    operations_score = models.PositiveSmallIntegerField(
        _("operations score"), validators=[MaxValueValidator(100)]
    )
    finance_score = models.PositiveSmallIntegerField(_("finances score"), validators=[MaxValueValidator(100)])
    payment_score = models.PositiveSmallIntegerField(
        _("payment record score"), validators=[MaxValueValidator(100)]
    )
    grade = models.CharField(_("grade"), max_length=1, choices=Grade.choices)
    previous_grade = models.CharField(_("previous grade"), max_length=1, choices=Grade.choices, blank=True)
    reason = models.TextField(_("reason"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    assessed_at = models.DateTimeField(_("assessed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("credit assessment")
        verbose_name_plural = _("credit assessments")
        ordering = ["-assessed_at", "-pk"]
        indexes = [models.Index(fields=["tenant", "-assessed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(operations_score__lte=100)
                & Q(finance_score__lte=100)
                & Q(payment_score__lte=100),
                name="credit_scores_at_most_100",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="credit_reason_given"),
        ]

    def __str__(self) -> str:
        return f"{self.tenant_id}: {self.grade}"

    @property
    def is_drop(self) -> bool:
        """A worse grade than the previous one (A → B, B → C, A → C)."""
        return bool(self.previous_grade) and self.grade > self.previous_grade


class CreditRecord(models.Model):
    """One line of the tenant's reward and penalty history (奖惩档案): what a grade earned or cost, and each
    exception management made to the terms a grade asks for."""

    class Kind(models.TextChoices):
        REWARD = "reward", _("Reward")
        PENALTY = "penalty", _("Penalty")
        EXCEPTION = "exception", _("Exception (management)")

    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, related_name="credit_records", verbose_name=_("tenant")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    grade = models.CharField(_("grade"), max_length=1, choices=CreditAssessment.Grade.choices)
    reference = models.CharField(
        _("reference"), max_length=40, blank=True, help_text=_("e.g. the lease number")
    )
    note = models.TextField(_("note"))
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
        verbose_name = _("reward or penalty")
        verbose_name_plural = _("rewards and penalties")
        ordering = ["-at", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(note=""), name="credit_record_note_given")]

    def __str__(self) -> str:
        return f"{self.tenant_id}: {self.kind} {self.reference}"


class CreditReview(models.Model):
    """Business reviews a tenant whose grade dropped, within a number of working days."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("credit review", "Open")
        DONE = "done", _("Done")

    # Business closes the review once, with its outcome.
    LIFECYCLE = Lifecycle(Status, {Status.OPEN: {Status.DONE}})

    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, related_name="credit_reviews", verbose_name=_("tenant")
    )
    assessment = models.OneToOneField(
        CreditAssessment, on_delete=models.CASCADE, related_name="review", verbose_name=_("assessment")
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=4, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(_("outcome"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("credit review", "done by"),
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("credit review")
        verbose_name_plural = _("credit reviews")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(outcome=""), name="credit_review_done_has_outcome"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tenant_id}: review by {self.due_date}"
