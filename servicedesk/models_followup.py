"""Follow-up calls and visits after a ticket is resolved (回访), and the regular visits to tenants (走访)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.lifecycle import Lifecycle


class FollowUp(models.Model):
    """One follow-up of a resolved ticket by the desk, by phone or on a visit: whether the tenant was reached,
    what was said and, when reached, the tenant's rating from 1 to 5."""

    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone")
        VISIT = "visit", _("Visit")

    ticket = models.ForeignKey(
        "servicedesk.Ticket", on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("ticket")
    )
    channel = models.CharField(pgettext_lazy("follow-up", "by"), max_length=10, choices=Channel.choices)
    reached = models.BooleanField(_("tenant reached"))
    outcome = models.TextField(_("outcome"))
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("ticket", "follow-up")
        verbose_name_plural = pgettext_lazy("ticket", "follow-ups")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="follow_up_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(reached=True, rating__isnull=False) | Q(reached=False, rating__isnull=True),
                name="follow_up_rated_when_reached",
            ),
            models.CheckConstraint(condition=Q(outcome__regex=r"\S"), name="follow_up_outcome_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.get_channel_display()} {self.at:%Y-%m-%d}"


class TenantVisit(models.Model):
    """A regular visit to a tenant (走访), planned per tenant and quarter; done once its outcome is in."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")

    # A planned visit is recorded as done once.
    LIFECYCLE = Lifecycle(Status, {Status.PLANNED: {Status.DONE}})

    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="service_visits", verbose_name=_("tenant")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    planned_on = models.DateField(_("planned for"))
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("visitor"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    visited_on = models.DateField(_("visited on"), null=True, blank=True)
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("visited by"),
    )
    met = models.CharField(_("people met"), max_length=200, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("planned by")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("tenant visit")
        verbose_name_plural = _("tenant visits")
        ordering = ["planned_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "year", "quarter"], name="tenant_visit_once_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="tenant_visit_quarter_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(status="planned") | (Q(visited_on__isnull=False) & Q(outcome__regex=r"\S")),
                name="tenant_visit_done_has_outcome",
            ),
        ]
        indexes = [models.Index(fields=["status", "planned_on"], name="tenant_visit_due")]

    def __str__(self) -> str:
        return f"{self.tenant} {self.year} Q{self.quarter}"

    @property
    def quarter_label(self) -> str:
        return f"{self.year} Q{self.quarter}"

    def is_overdue(self, today: object) -> bool:
        return self.status == self.Status.PLANNED and self.planned_on < today  # type: ignore[operator]


class VisitIssue(models.Model):
    """Something the tenant raised on a visit; staff turn it into a ticket when it needs work."""

    visit = models.ForeignKey(
        TenantVisit, on_delete=models.CASCADE, related_name="issues", verbose_name=_("tenant visit")
    )
    text = models.TextField(_("issue"))
    ticket = models.OneToOneField(
        "servicedesk.Ticket",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visit_issue",
        verbose_name=_("ticket"),
    )

    class Meta:
        verbose_name = _("issue raised on a visit")
        verbose_name_plural = _("issues raised on visits")
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=Q(text__regex=r"\S"), name="visit_issue_not_blank")]

    def __str__(self) -> str:
        return self.text[:50]
