"""Read side of the arrears file: the case list with each tenant's arrears by age, a tenant's open bills with
their age, the decisions waiting for management, and the dashboard's counts."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.actors import AnyUser
from tenancy.scope import scope, tenant_scope

from .models import Bill, CollectionCase, DunningLetter, PaymentPromise, TerminationRecommendation
from .selectors import age_bucket, ageing_rows, bills_with_balance, suspended_tenant_ids

DASHBOARD_TITLE = gettext_lazy("Arrears")


def open_cases() -> QuerySet[CollectionCase]:
    return (
        CollectionCase.objects.exclude(status=CollectionCase.Status.CLOSED)
        .select_related("tenant", "owner")
        .annotate(last_contact=Max("contacts__contacted_on"))
    )


def case_rows(*, today: date, status: str = "", user: AnyUser | None = None) -> list[dict[str, Any]]:
    """Each open case of a tenant the user's offices see, with the tenant's arrears by age in the user's
    buildings, its suspension and next promise; raised ones first."""
    cases = tenant_scope(open_cases(), user, "tenant")
    if status in CollectionCase.Status.values:
        cases = cases.filter(status=status)
    ageing = {row["tenant_id"]: row for row in ageing_rows(today=today, user=user)}
    suspended = suspended_tenant_ids()
    promises: dict[int, PaymentPromise] = {}
    for promise in PaymentPromise.objects.filter(
        status=PaymentPromise.Status.OPEN, case__in=[c.pk for c in cases]
    ).order_by("-promised_on"):
        promises[promise.case_id] = promise
    rows = [
        {
            "case": case,
            "ageing": ageing.get(case.tenant_id),
            "suspended": case.tenant_id in suspended,
            "promise": promises.get(case.pk),
        }
        for case in cases
    ]
    raised = CollectionCase.Status.RAISED
    return sorted(
        rows,
        key=lambda r: (r["case"].status != raised, -(r["ageing"]["overdue"] if r["ageing"] else 0)),
    )


def tenant_open_bills(tenant_id: int, today: date, user: AnyUser | None = None) -> list[Bill]:
    """The tenant's unpaid bills (in the user's buildings), oldest due first, each with ``days_overdue`` and
    its ageing ``bucket``."""
    open_bills = Bill.objects.filter(tenant_id=tenant_id, settled_on__isnull=True)
    bills = list(
        bills_with_balance(scope(open_bills, user, "building"))
        .filter(outstanding__gt=0)
        .order_by("due_date", "pk")
    )
    for bill in bills:
        bill.days_overdue = max((today - bill.due_date).days, 0)  # type: ignore[attr-defined]
        bill.bucket = age_bucket((today - bill.due_date).days)  # type: ignore[attr-defined]
    return bills


def tenant_letters(tenant_id: int, user: AnyUser | None = None) -> QuerySet[DunningLetter]:
    """The dunning letters about the tenant's bills in the user's buildings, newest first."""
    letters = scope(DunningLetter.objects.filter(bill__tenant_id=tenant_id), user, "bill__building")
    return letters.select_related("bill").order_by("-sent_on")


def undecided() -> QuerySet[TerminationRecommendation]:
    """Recommendations to terminate waiting for management, oldest first."""
    return TerminationRecommendation.objects.filter(status=TerminationRecommendation.Status.PENDING)


def recommendations_for_page() -> QuerySet[TerminationRecommendation]:
    """Undecided and waiting ones first, then the decided (most recent first)."""
    return TerminationRecommendation.objects.select_related(
        "case__tenant", "lease", "letter__bill", "decided_by", "termination"
    ).order_by("-made_on", "-pk")


def dashboard_counts() -> dict[str, QuerySet]:
    """For the departments that chase payment: the arrears files raised (a promise or a plan broken)."""
    return {"raised": CollectionCase.objects.filter(status=CollectionCase.Status.RAISED)}


def dashboard_cards(counts: Mapping[str, Any]) -> list[dict]:
    return [
        {
            "label": _("Arrears files raised"),
            "value": counts["raised"],
            "url": reverse("billing:collection-list") + "?status=raised",
            "icon": "folder-x",
        }
    ]


DECISIONS_TITLE = gettext_lazy("Decisions on arrears")


def decision_counts() -> dict[str, QuerySet]:
    """For management: the undecided recommendations to terminate, counted per day made (for their age)."""
    return {"undecided": undecided().values("made_on").annotate(n=Count("pk"))}


def decision_cards(counts: Mapping[str, Any]) -> list[dict]:
    today = timezone.localdate()
    per_day: Mapping[str, int] = counts["undecided"] or {}
    ages = [(today - date.fromisoformat(day)).days for day in per_day]
    label = _("Termination decisions waiting")
    if ages:
        label = _("Termination decisions waiting (oldest %(days)s days)") % {"days": max(ages)}
    return [
        {
            "label": label,
            "value": sum(per_day.values()),
            "url": reverse("billing:recommendation-list"),
            "icon": "hourglass-split",
        }
    ]
