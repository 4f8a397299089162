"""Documents about the service desk's records (a ticket's photos, filed on its timeline entries) are seen only
by the offices running the ticket's building: told to documents at start-up."""

from typing import Any

from django.db.models import QuerySet

from documents.scoping import record_scope_register
from tenancy.scope import building_ids, scope

from .models import TicketEvent


def ticket_event_ids(user: Any) -> QuerySet[Any] | None:
    """The timeline entries of tickets of the user's buildings (None: all)."""
    if building_ids(user) is None:
        return None
    return scope(TicketEvent._base_manager.all(), user, "ticket__building").values("pk")


def register() -> None:
    record_scope_register(app_label="servicedesk", model="ticketevent", ids=ticket_event_ids)
