"""Documents about billing's records (a bill's PDF, its dunning letters) are seen only by the offices running
the bill's building: told to documents at start-up. A receipt is about a payment, which is the tenant's (the
tenant's scope applies); the move-in notice and the settlement are about the lease (leasing tells)."""

from typing import Any

from django.db.models import QuerySet

from documents.scoping import record_scope_register
from tenancy.scope import building_ids, scope

from .models import Bill


def bill_ids(user: Any) -> QuerySet[Any] | None:
    """The bills of the user's buildings (None: all)."""
    if building_ids(user) is None:
        return None
    return scope(Bill._base_manager.all(), user, "building").values("pk")


def register() -> None:
    record_scope_register(app_label="billing", model="bill", ids=bill_ids)
