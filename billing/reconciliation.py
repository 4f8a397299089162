"""Reconciliation by payment method: what came in over a period through each way tenants pay."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from documents.actors import AnyUser
from tenancy.scope import tenant_scope

from .models import Payment
from .money import ZERO


@dataclass(frozen=True)
class MethodTotal:
    method: str
    label: str
    count: int
    total: Decimal


def payments_by_method(*, start: date, end: date, user: AnyUser | None = None) -> list[MethodTotal]:
    """Per payment method (every method, in the order finance knows them, none left out): how many
    payments were received from ``start`` to ``end`` inclusive (from the tenants the user's offices see)
    and their total. One query."""
    received = tenant_scope(Payment.objects.filter(received_on__range=(start, end)), user, "tenant")
    found = {
        row["method"]: row
        for row in received.order_by().values("method").annotate(count=Count("pk"), total=Sum("amount"))
    }
    return [
        MethodTotal(
            method=method.value,
            label=str(method.label),
            count=found.get(method.value, {}).get("count", 0),
            total=found.get(method.value, {}).get("total") or ZERO,
        )
        for method in Payment.Method
    ]


def payments_of_method(
    *, method: str, start: date, end: date, user: AnyUser | None = None
) -> QuerySet[Payment]:
    """The payments received through one method in the period (from the tenants the user's offices see),
    oldest first (the bank's or the till's order), with their tenants."""
    received = Payment.objects.filter(method=method, received_on__range=(start, end))
    return tenant_scope(received, user, "tenant").select_related("tenant").order_by("received_on", "pk")
