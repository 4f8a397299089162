"""Billing's block on the portal home: what the tenant owes, the earliest due date, and where to pay."""

from datetime import date
from typing import Any

from django.db.models import Count, F, Min, Q, QuerySet, Subquery, Sum, Window
from django.http import HttpRequest
from django.utils import timezone

from tenancy.portal_home import PORTAL_HOME, HomeBlock, buildings_named
from tenancy.portal_roles import BILLING_READERS

from .models import Bill
from .money import ZERO, money
from .payee import payee_for_bill, payee_for_tenant
from .selectors import open_bills, suspended_letters
from .suspension import Suspension, suspension_remember

# The open bills the block lists (oldest due first); the total covers them all.
BILLS_SHOWN = 3


def due_context(request: HttpRequest) -> dict[str, Any]:
    """The tenant's open bills, oldest due first, with the total and count of all of them, in one query."""
    tenant = request.tenant  # type: ignore[attr-defined]
    today = timezone.localdate()
    rows = _with_suspension(open_bills(tenant.pk), tenant_id=tenant.pk, today=today)
    bills = list(rows.select_related("building", "lease")[:BILLS_SHOWN])
    if bills:  # the page's suspension banner reads what this query brought (no query of its own)
        since, overdue = bills[0].suspended_since, bills[0].all_overdue
        suspension = Suspension(since=since, overdue=money(overdue or ZERO)) if since else None
        suspension_remember(request, tenant_id=tenant.pk, suspension=suspension)
    context: dict[str, Any] = {
        "bills": bills,
        "total": bills[0].all_due if bills else 0,
        "count": bills[0].all_count if bills else 0,
        "earliest": bills[0].due_date if bills else None,
        "show_building": buildings_named(bill.building.name for bill in bills),
    }
    # Where to pay: the account of the earliest bill's building (its number to quote), else of the lease's.
    context["payee"] = payee_for_bill(bills[0]) if bills else payee_for_tenant(tenant)
    return context


def _with_suspension(bills: QuerySet[Bill], *, tenant_id: int, today: date) -> QuerySet[Bill]:
    """The open bills with, on every row, the total and count of them all, what of it is overdue, and the
    day service was first suspended by a letter still in force (as ``suspension.tenant_suspension`` has it:
    the overdue total counts the open bills due before today)."""
    since = (
        suspended_letters()
        .filter(bill__tenant_id=tenant_id)  # not correlated: the database reads it once
        .order_by()
        .values("bill__tenant_id")
        .annotate(first=Min("sent_on"))
        .values("first")[:1]
    )
    return bills.annotate(
        all_due=Window(Sum(F("outstanding"))),
        all_count=Window(Count("pk")),
        all_overdue=Window(Sum(F("outstanding"), filter=Q(due_date__lt=today))),
        suspended_since=Subquery(since),
    )


def register() -> None:
    PORTAL_HOME.register(HomeBlock("due", 10, "billing/portal/_home_due.html", due_context, BILLING_READERS))
