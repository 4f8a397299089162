"""Documents about handover's records (visit sheets and their photos) are seen only by the offices running
the visited unit's building: told to documents at start-up."""

from typing import Any

from django.db.models import QuerySet

from documents.scoping import record_scope_register
from tenancy.scope import building_ids, scope

from .models import Sheet


def sheet_ids(user: Any) -> QuerySet[Any] | None:
    """The sheets of the user's buildings (None: all)."""
    if building_ids(user) is None:
        return None
    return scope(Sheet.objects.all(), user, "visit__unit__building").values("pk")


def register() -> None:
    record_scope_register(app_label="handover", model="sheet", ids=sheet_ids)
