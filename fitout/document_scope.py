"""Documents about fit-outs (drawings, permits, notices, passes, charges) are seen only by the offices running
the fit-out's building: told to documents at start-up."""

from typing import Any

from django.db.models import QuerySet

from documents.scoping import record_scope_register
from tenancy.scope import building_ids, scope

from .models import Application


def application_ids(user: Any) -> QuerySet[Any] | None:
    """The fit-outs of the user's buildings (None: all)."""
    if building_ids(user) is None:
        return None
    return scope(Application._base_manager.all(), user, "lease__building").values("pk")


def register() -> None:
    record_scope_register(app_label="fitout", model="application", ids=application_ids)
