"""Legal's review of a lease draft (new lease or renewal) or of an amendment changing rent or term."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.lifecycle import Lifecycle

from .changes import Amendment
from .leases import Lease


class LegalReview(models.Model):
    """One draft put before legal: approved, or returned with comments the drafter reads; an edit of the
    draft supersedes it (a new review is asked for)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for legal")
        APPROVED = "approved", _("Approved by legal")
        RETURNED = "returned", _("Returned by legal")
        SUPERSEDED = "superseded", _("Superseded by a later draft")

    # Legal decides a pending draft; an edit of the draft supersedes its review.
    LIFECYCLE = Lifecycle(
        Status,
        {
            Status.PENDING: {Status.APPROVED, Status.RETURNED, Status.SUPERSEDED},
            Status.APPROVED: {Status.SUPERSEDED},
            Status.RETURNED: {Status.SUPERSEDED},
        },
    )

    lease = models.ForeignKey(
        Lease, on_delete=models.CASCADE, related_name="legal_reviews", verbose_name=_("lease")
    )
    amendment = models.ForeignKey(
        Amendment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="legal_reviews",
        verbose_name=_("amendment"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    comments = models.TextField(_("comments"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("asked by"),
    )  # fmt: skip
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("decided by"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal review")
        verbose_name_plural = _("legal reviews")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["status", "requested_at"])]
        constraints = [
            # One open or approved review per draft (lease, or amendment of it) at a time.
            models.UniqueConstraint(
                fields=["lease"],
                condition=Q(amendment__isnull=True) & Q(status__in=["pending", "approved"]),
                name="legal_review_one_live_per_lease_draft",
            ),
            models.UniqueConstraint(
                fields=["amendment"],
                condition=Q(amendment__isnull=False) & Q(status__in=["pending", "approved"]),
                name="legal_review_one_live_per_amendment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lease} {self.get_status_display()}"
