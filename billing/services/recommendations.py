"""Management's decision on a recommendation to terminate (the last dunning stage): terminate the lease (which
starts the landlord's termination in leasing, approved there by a second manager), grant a payment plan, or
wait until a date (the daily clock brings it back then unless the tenant has paid)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from leasing.leases.termination import termination_propose
from tenancy.access import require_role
from tenancy.roles import Role

from ..models import TerminationRecommendation
from .collection import case_event, payment_plan_grant

# Who decides a recommendation to terminate.
RECOMMENDATION_DECIDERS: tuple[str, ...] = (Role.MANAGEMENT,)
Status = TerminationRecommendation.Status


@dataclass(frozen=True)
class DecisionInput:
    decision: str
    reason: str
    effective_date: date | None = None
    wait_until: date | None = None
    plan_total: Any = None
    plan_count: int | None = None
    plan_first_due: date | None = None


@transaction.atomic
def recommendation_decide(
    *, recommendation: TerminationRecommendation, data: DecisionInput, by: User, today: date | None = None
) -> TerminationRecommendation:
    """Decide a recommendation still waiting (or waiting until a date): terminate, payment plan or wait."""
    require_role(by, RECOMMENDATION_DECIDERS)
    today = today or timezone.localdate()
    recommendation = (
        TerminationRecommendation.objects.select_for_update(of=("self",))
        .select_related("case", "lease")
        .get(pk=recommendation.pk)
    )
    if data.decision not in (Status.TERMINATE, Status.PLAN, Status.WAIT):
        raise DomainError(_("Choose the decision."), field="decision")
    TerminationRecommendation.LIFECYCLE.check(recommendation, data.decision)
    reason = data.reason.strip()
    if not reason:
        raise DomainError(_("Give the reason for the decision."), field="reason")
    if data.decision == Status.TERMINATE:
        if data.effective_date is None:
            raise DomainError(_("Enter the date the lease ends."), field="effective_date")
        recommendation.termination = termination_propose(
            recommendation.lease,
            grounds="arrears",
            reason=reason,
            effective_date=data.effective_date,
            by=by,
            today=today,
        )
        text = _(
            "Decided: terminate lease %(lease)s on %(date)s (waits for a second manager's approval)."
        ) % {
            "lease": recommendation.lease.number,
            "date": data.effective_date.isoformat(),
        }
    elif data.decision == Status.PLAN:
        payment_plan_grant(
            case=recommendation.case,
            total=data.plan_total,
            count=data.plan_count,
            first_due=data.plan_first_due,
            note=reason,
            by=by,
            today=today,
        )
        text = _("Decided: a payment plan instead of termination.")
    else:
        if data.wait_until is None or data.wait_until <= today:
            raise DomainError(_("Enter a date after today to wait until."), field="wait_until")
        recommendation.wait_until = data.wait_until
        text = _("Decided: wait until %(date)s.") % {"date": data.wait_until.isoformat()}
    TerminationRecommendation.LIFECYCLE.move(recommendation, data.decision)
    recommendation.note, recommendation.decided_by, recommendation.decided_at = reason, by, timezone.now()
    recommendation.save()
    case_event(recommendation.case, f"{text} {reason}", by)
    return recommendation
