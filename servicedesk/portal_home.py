"""The service desk's part of the portal home: the tenant's open requests with their state and clock, and what
waits for the tenant (a quote to answer, a fixed repair to rate)."""

from datetime import date
from typing import Any

from django.db.models import CharField, Count, DateField, F, Value, Window
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tenancy.portal_home import PORTAL_HOME, HomeBlock, WaitingItem, WaitingSource, buildings_named
from tenancy.portal_roles import OPERATIONS_ACTORS, OPERATIONS_READERS

from .models import Ticket
from .selectors import portal_ticket_list

# The open requests the block lists, newest first; the count covers them all.
REQUESTS_SHOWN = 5


def requests_context(request: HttpRequest) -> dict[str, Any]:
    """The tenant's open requests, newest first, with the count of all of them, in one query."""
    tickets = list(
        portal_ticket_list()
        .filter(tenant=request.tenant, status__in=Ticket.OPEN_STATUSES)  # type: ignore[attr-defined]
        .annotate(open_count=Window(Count("pk")))[:REQUESTS_SHOWN]
    )
    return {
        "tickets": tickets,
        "count": tickets[0].open_count if tickets else 0,
        "show_building": buildings_named(ticket.building.name for ticket in tickets),
    }


def _rows(tenant: Any, kind: str, **filters: Any) -> Any:
    return (
        Ticket.objects.filter(tenant=tenant, **filters)
        .annotate(
            w_kind=Value(kind, output_field=CharField()),
            w_ref=Cast("pk", CharField()),
            w_building=F("building__name"),
            w_due=Value(None, output_field=DateField()),
        )
        .order_by("pk")
        .values_list("w_kind", "pk", "w_ref", "w_building", "w_due")
    )


def quotes_waiting(tenant: Any) -> Any:
    """Paid services whose quote the tenant has not answered."""
    return _rows(
        tenant, "ticket_quote", quote_status=Ticket.QuoteStatus.OFFERED, status__in=Ticket.OPEN_STATUSES
    )


def ratings_waiting(tenant: Any) -> Any:
    """Resolved requests the tenant has not rated yet."""
    return _rows(tenant, "ticket_rating", status=Ticket.Status.RESOLVED, rating__isnull=True)


def _reference(pk: int) -> str:
    return f"SR{pk:06d}"


def _quote_item(pk: int, ref: str, building: str, due: date | None) -> WaitingItem:
    url = reverse("portal:ticket-detail", args=[pk])
    return WaitingItem(_("Quote to answer"), _reference(pk), url, _("Answer the quote"), building, None)


def _rating_item(pk: int, ref: str, building: str, due: date | None) -> WaitingItem:
    url = reverse("portal:ticket-detail", args=[pk])
    return WaitingItem(_("Repair done: was it fixed?"), _reference(pk), url, _("Rate it"), building, None)


def register() -> None:
    PORTAL_HOME.register(
        HomeBlock(
            "requests", 40, "servicedesk/portal/_home_requests.html", requests_context, OPERATIONS_READERS
        )
    )
    PORTAL_HOME.register_waiting(
        WaitingSource("ticket_quote", quotes_waiting, _quote_item, OPERATIONS_ACTORS)
    )
    PORTAL_HOME.register_waiting(
        WaitingSource("ticket_rating", ratings_waiting, _rating_item, OPERATIONS_ACTORS)
    )
