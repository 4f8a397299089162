"""The arrears file's daily clock (after dunning): open a case for each tenant newly in arrears, turn each
recommendation to terminate into a decision for management, mark promises kept or missed and plans kept or
broken (a missed promise or a broken plan raises the case), bring back decisions whose wait has ended, and
close the cases of tenants who owe nothing overdue. Every step looks only at what is still undone, so a second
run the same day changes nothing."""

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils.translation import gettext as _

from documents.money import yuan

from ..models import (
    Bill,
    CollectionCase,
    DunningLetter,
    DunningStage,
    PaymentPlan,
    PaymentPromise,
    TerminationRecommendation,
)
from ..selectors import bills_with_balance
from .collection import case_event, case_raise, collection_case_open, paid_between


def _overdue_bills(today: date):  # noqa: ANN202 - a queryset of bills
    return bills_with_balance(Bill.objects.filter(settled_on__isnull=True, due_date__lt=today)).filter(
        outstanding__gt=0
    )


def cases_open_due(*, today: date) -> int:
    """A case for every tenant with an overdue bill and no open case."""
    open_cases = CollectionCase.objects.filter(tenant_id=OuterRef("tenant_id")).exclude(
        status=CollectionCase.Status.CLOSED
    )
    tenant_ids = set(
        _overdue_bills(today).filter(~Exists(open_cases)).values_list("tenant_id", flat=True).distinct()
    )
    for tenant_id in sorted(tenant_ids):
        collection_case_open(tenant_id=tenant_id, today=today)
    return len(tenant_ids)


def recommendations_make(*, today: date) -> int:
    """Each recommendation to terminate on a bill still unpaid becomes a decision waiting for management."""
    letters = DunningLetter.objects.filter(
        kind=DunningStage.Kind.TERMINATION, recommendation__isnull=True, bill__settled_on__isnull=True
    ).select_related("bill")
    made = 0
    for letter in letters:
        with transaction.atomic():
            case = collection_case_open(tenant_id=letter.bill.tenant_id, today=today)
            _made, created = TerminationRecommendation.objects.get_or_create(
                letter=letter,
                defaults={"case": case, "lease_id": letter.bill.lease_id, "made_on": letter.sent_on},
            )
            if created:
                case_event(
                    case, _("Recommendation to terminate (bill %(number)s).") % {"number": letter.bill.number}
                )
                made += 1
    return made


@transaction.atomic
def promises_check(*, today: date) -> int:
    """Open promises: kept once the tenant has paid the amount since it was made; missed once its date has
    passed without it (the case is raised)."""
    changed = 0
    promises = PaymentPromise.objects.select_for_update().filter(status=PaymentPromise.Status.OPEN)
    for promise in promises.select_related("case"):
        paid = paid_between(promise.case.tenant_id, promise.made_on, min(promise.promised_on, today))
        if paid >= promise.amount:
            PaymentPromise.LIFECYCLE.move(promise, PaymentPromise.Status.KEPT)
        elif promise.promised_on < today:
            PaymentPromise.LIFECYCLE.move(promise, PaymentPromise.Status.MISSED)
            reason = _("the promise to pay %(amount)s by %(date)s was missed (%(paid)s paid).") % {
                "amount": yuan(promise.amount),
                "date": promise.promised_on.isoformat(),
                "paid": yuan(paid),
            }
            case_raise(promise.case, reason, today)
        else:
            continue
        promise.checked_on = today
        promise.save(update_fields=["status", "checked_on"])
        changed += 1
    return changed


@transaction.atomic
def plans_check(*, today: date) -> int:
    """Plans in force: completed once paid in full since granted; broken (the case raised) when the payments
    fall behind the instalments already due."""
    changed = 0
    plans = PaymentPlan.objects.select_for_update().filter(status=PaymentPlan.Status.ACTIVE)
    for plan in plans.select_related("case"):
        paid = paid_between(plan.case.tenant_id, plan.granted_on, today)
        due = plan.instalments.filter(due_on__lt=today).aggregate(t=Sum("amount"))["t"] or 0
        if paid >= plan.total:
            PaymentPlan.LIFECYCLE.move(plan, PaymentPlan.Status.COMPLETED)
        elif paid < due:
            PaymentPlan.LIFECYCLE.move(plan, PaymentPlan.Status.BROKEN)
            reason = _("the payment plan is broken: %(due)s was due by now, %(paid)s paid.") % {
                "due": due,
                "paid": paid,
            }
            case_raise(plan.case, reason, today)
        else:
            continue
        plan.save(update_fields=["status"])
        changed += 1
    return changed


@transaction.atomic
def waits_expire(*, today: date) -> int:
    """A decision to wait until a date is due again once that date has come."""
    waiting = TerminationRecommendation.objects.select_for_update().filter(
        status=TerminationRecommendation.Status.WAIT, wait_until__lte=today
    )
    for recommendation in waiting:
        TerminationRecommendation.LIFECYCLE.move(recommendation, TerminationRecommendation.Status.PENDING)
        recommendation.save(update_fields=["status"])
        case_event(
            recommendation.case,
            _("The wait until %(date)s has ended: the recommendation to terminate is due again.")
            % {"date": recommendation.wait_until.isoformat()},
        )
    return len(waiting)


@transaction.atomic
def cases_close_paid(*, today: date) -> int:
    """Close the case of every tenant who owes nothing overdue; its undecided recommendations lapse."""
    in_arrears = _overdue_bills(today).filter(tenant_id=OuterRef("tenant_id"))
    cases = list(
        CollectionCase.objects.select_for_update()
        .exclude(status=CollectionCase.Status.CLOSED)
        .filter(~Exists(in_arrears))
    )
    for case in cases:
        CollectionCase.LIFECYCLE.move(case, CollectionCase.Status.CLOSED)
        case.closed_on = today
        case.save(update_fields=["status", "closed_on"])
        lapsed = TerminationRecommendation.Status.LAPSED
        TerminationRecommendation.LIFECYCLE.movable(case.recommendations.all(), lapsed).update(status=lapsed)
        case_event(case, _("Closed: nothing overdue is left."))
    return len(cases)


def collection_clock(*, today: date) -> dict[str, int]:
    """Daily, after dunning: every step of the arrears file, each idempotent."""
    return {
        "recommendations": recommendations_make(today=today),
        "promises": promises_check(today=today),
        "plans": plans_check(today=today),
        "waits": waits_expire(today=today),
        "closed": cases_close_paid(today=today),
        "opened": cases_open_due(today=today),
    }
