"""Billing's block on the portal home: what the tenant owes, the earliest due date, and where to pay."""

from typing import Any

from django.db.models import Count, F, Sum, Window
from django.http import HttpRequest

from tenancy.portal_home import PORTAL_HOME, HomeBlock, buildings_named
from tenancy.portal_roles import BILLING_READERS

from .payee import payee_for_bill, payee_for_tenant
from .selectors import open_bills

# The open bills the block lists (oldest due first); the total covers them all.
BILLS_SHOWN = 3


def due_context(request: HttpRequest) -> dict[str, Any]:
    """The tenant's open bills, oldest due first, with the total and count of all of them, in one query."""
    tenant = request.tenant  # type: ignore[attr-defined]
    bills = list(
        open_bills(tenant.pk)
        .select_related("building", "lease")
        .annotate(all_due=Window(Sum(F("outstanding"))), all_count=Window(Count("pk")))[:BILLS_SHOWN]
    )
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


def register() -> None:
    PORTAL_HOME.register(HomeBlock("due", 10, "billing/portal/_home_due.html", due_context, BILLING_READERS))
