"""Credit grading: operations, finances and payment record (0–100 each) give A, B or C."""

import logging
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext as _

from documents.errors import DomainError

from ..access import has_role
from ..models import CreditAssessment, Tenant
from ..roles import Role

logger = logging.getLogger(__name__)

ASSESSORS: tuple[str, ...] = (Role.BUSINESS, Role.FINANCE, Role.MANAGEMENT)
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
    *, tenant: Tenant, by: Any, operations: int, finances: int, payments: int, reason: str
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
        return CreditAssessment.objects.create(
            tenant=tenant,
            operations_score=operations,
            finance_score=finances,
            payment_score=payments,
            grade=credit_grade_for(operations=operations, finances=finances, payments=payments),
            previous_grade=previous.grade if previous else "",
            reason=reason.strip(),
            assessed_by=by,
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
