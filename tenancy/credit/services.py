"""Credit grading: operations, finances and payment record (0–100 each) give A, B or C."""

import logging
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError

from ..access import has_role
from ..models import CreditAssessment, CreditRecord, CreditReview, Tenant
from ..roles import Role
from ..workdays import add_working_days

logger = logging.getLogger(__name__)

ASSESSORS: tuple[str, ...] = (Role.BUSINESS, Role.FINANCE, Role.MANAGEMENT)
# Who reviews a tenant after its grade dropped (the business department; management may close it too).
REVIEWERS: tuple[str, ...] = (Role.BUSINESS, Role.MANAGEMENT)
GRADE_A_FROM = 80
GRADE_B_FROM = 60


def credit_grade_for(*, operations: int, finances: int, payments: int) -> str:
    """The average of the three scores: 80 and above is A, 60 and above B, below that C."""
    average = (operations + finances + payments) / 3
    if average >= GRADE_A_FROM:
        return CreditAssessment.Grade.A
    if average >= GRADE_B_FROM:
        return CreditAssessment.Grade.B
    return CreditAssessment.Grade.C


def credit_assess(
    *, tenant: Tenant, by: User, operations: int, finances: int, payments: int, reason: str
) -> CreditAssessment:
    """Record an assessment; the grade follows from the scores; the previous grade is kept for the alert."""
    if not has_role(by, ASSESSORS):
        raise DomainError(_("Only the business or finance department or management assesses credit."))
    for field, score in (
        ("operations_score", operations),
        ("finance_score", finances),
        ("payment_score", payments),
    ):
        if not 0 <= score <= 100:
            raise DomainError(_("A score is between 0 and 100."), field=field)
    if not reason.strip():
        raise DomainError(_("An assessment needs its reason."), field="reason")
    with transaction.atomic():
        tenant = Tenant.objects.select_for_update().get(pk=tenant.pk)
        previous = tenant.credit_assessments.order_by("-assessed_at", "-pk").first()
        assessment = CreditAssessment.objects.create(
            tenant=tenant,
            operations_score=operations,
            finance_score=finances,
            payment_score=payments,
            grade=credit_grade_for(operations=operations, finances=finances, payments=payments),
            previous_grade=previous.grade if previous else "",
            reason=reason.strip(),
            assessed_by=by,
        )
        if assessment.is_drop:
            _review_open(assessment)
        return assessment


def review_working_days() -> int:
    """Working days the business department has to review a tenant whose grade dropped."""
    return int(getattr(settings, "CREDIT_DROP_REVIEW_WORKING_DAYS", 5))


def _review_open(assessment: CreditAssessment) -> CreditReview:
    """A grade drop is an alert: a review task for the business department, due in N working days."""
    today = timezone.localdate()
    return CreditReview.objects.create(
        tenant_id=assessment.tenant_id,
        assessment=assessment,
        due_date=add_working_days(today, review_working_days()),
    )


@transaction.atomic
def credit_review_close(*, review: CreditReview, outcome: str, by: User) -> CreditReview:
    """The business department (or management) closes a drop review with what it found and decided."""
    if not has_role(by, REVIEWERS):
        raise DomainError(_("Only the business department or management closes a credit review."))
    if not outcome.strip():
        raise DomainError(_("Write what the review found and what was decided."), field="outcome")
    review = CreditReview.objects.select_for_update().get(pk=review.pk)
    if review.status != CreditReview.Status.OPEN:
        raise DomainError(_("This review is already closed."))
    CreditReview.LIFECYCLE.move(review, CreditReview.Status.DONE)
    review.outcome = outcome.strip()
    review.done_by, review.done_at = by, timezone.now()
    review.save(update_fields=["status", "outcome", "done_by", "done_at"])
    return review


def credit_reviews_open() -> QuerySet[CreditReview]:
    """Open drop reviews, the most urgent first, with their tenant and the assessment that dropped."""
    return (
        CreditReview.objects.filter(status=CreditReview.Status.OPEN)
        .select_related("tenant", "assessment")
        .order_by("due_date", "pk")
    )


def credit_record_add(
    *, tenant: Any, kind: str, grade: str, note: str, reference: str = "", by: User | None = None
) -> CreditRecord:
    """One line of the tenant's reward and penalty history (奖惩档案). The calling service checks the role."""
    if kind not in CreditRecord.Kind.values:
        raise DomainError(_("Unknown kind of record."))
    if not note.strip():
        raise DomainError(_("A reward, penalty or exception needs its reason."), field="reason")
    return CreditRecord.objects.create(
        tenant_id=tenant.pk, kind=kind, grade=grade, note=note.strip(), reference=reference, by=by
    )


def reassess_after_days() -> int:
    return int(getattr(settings, "CREDIT_REASSESS_DAYS", 365))


def credit_reassessment_due(*, today: date) -> QuerySet[Tenant]:
    """Active tenants never assessed, or last assessed longer ago than ``CREDIT_REASSESS_DAYS``."""
    cutoff = today - timedelta(days=reassess_after_days())
    return (
        Tenant.objects.exclude(status=Tenant.Status.ARCHIVED)
        .annotate(last_assessed=Max("credit_assessments__assessed_at"))
        .filter(Q(last_assessed__isnull=True) | Q(last_assessed__date__lt=cutoff))
        .order_by("last_assessed", "name", "pk")
    )


def credit_reassessment_due_log(*, today: date) -> list[int]:
    """The ids of the tenants due, logged once a day (reading changes nothing, so it may run twice)."""
    due = list(credit_reassessment_due(today=today).values_list("pk", flat=True))
    logger.info("Credit reassessment due for %d tenants: %s", len(due), due)
    return due


def tenants_with_grade(grade: str) -> QuerySet[Tenant]:
    """Tenants whose latest grade is ``grade`` (C for billing's stricter dunning, A for priority renewal)."""
    latest = CreditAssessment.objects.order_by("tenant_id", "-assessed_at", "-pk").distinct("tenant_id")
    ids = CreditAssessment.objects.filter(pk__in=latest.values("pk"), grade=grade).values("tenant_id")
    return Tenant.objects.filter(pk__in=ids)
