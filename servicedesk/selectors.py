"""Read side of the service desk: lists at a constant number of queries, a ticket's timeline, counts."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Func, IntegerField, Max, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import AnyUser
from documents.models import Document
from leasing.models import Lease, LeaseUnit, Unit
from tenancy.scope import scope, scoped_or_404

from .clocks import at_risk_q, breached_q
from .models import Ticket, TicketEvent
from .permissions import visible_tickets

LIST_RELATED = ("tenant", "building", "unit", "category")
LIST_PEOPLE = ("owner", "assignee")
# What a row of the list shows (and what its deadline needs), nothing more: no description, no quote.
LIST_COLUMNS = (
    "kind",
    "status",
    "urgency",
    "created_at",
    "location",
    "department",
    "tenant__name",
    "building__code",
    "unit__code",
    "category__name",
    "category__name_en",
    "owner",
    "assignee",
    "acknowledge_due_at",
    "acknowledged_at",
    "first_answer_due_at",
    "first_answer_at",
    "resolution_due_at",
    "resolved_at",
)


def ticket_list(user: AnyUser) -> QuerySet[Ticket]:
    """The tickets this staff user may see, newest first: a constant number of queries for any page size.

    The owner and the assignee come in two small queries of their own: joining seven tables made PostgreSQL
    spend longer planning the page's query (exhaustive join order search) than running it.
    """
    people = get_user_model().objects.only("first_name", "last_name", "username")
    queryset = (
        Ticket.objects.select_related(*LIST_RELATED)
        .only(*LIST_COLUMNS)
        .prefetch_related(*(Prefetch(name, queryset=people) for name in LIST_PEOPLE))
    )
    return visible_tickets(user, queryset.order_by("-created_at", "-pk"))


def ticket_page_queryset() -> QuerySet[Ticket]:
    return Ticket.objects.select_related(*LIST_RELATED, *LIST_PEOPLE, "pending_owner", "received_by")


def ticket_get(pk: int, user: AnyUser | None = None) -> Ticket:
    """The ticket, 404 when it does not exist or is of a building outside the user's offices."""
    return scoped_or_404(ticket_page_queryset(), user, "building", pk=pk)


@dataclass(frozen=True)
class TimelineEntry:
    event: TicketEvent
    photo: Document | None


def timeline(ticket: Ticket, *, public_only: bool) -> list[TimelineEntry]:
    """The ticket's events oldest first, each photo event with its document: two queries."""
    events = ticket.events.select_related("by").order_by("created_at", "pk")
    if public_only:
        events = events.filter(public=True)
    events_list = list(events)
    photo_ids = [e.pk for e in events_list if e.kind == TicketEvent.Kind.PHOTO]
    photos: dict[int, Document] = {}
    if photo_ids:
        event_type = ContentType.objects.get_for_model(TicketEvent)
        for document in Document.objects.filter(about_type=event_type, about_id__in=photo_ids):
            photos[document.about_id] = document
    return [TimelineEntry(event=e, photo=photos.get(e.pk)) for e in events_list]


def ticket_photo(ticket: Ticket, document_pk: int, *, public_only: bool) -> Document:
    """A photo filed about one of this ticket's events (a public one for the tenant), or 404."""
    events = ticket.events.filter(kind=TicketEvent.Kind.PHOTO)
    if public_only:
        events = events.filter(public=True)
    event_type = ContentType.objects.get_for_model(TicketEvent)
    return get_object_or_404(
        Document.objects.filter(about_type=event_type, about_id__in=events.values("pk")), pk=document_pk
    )


def portal_ticket_list() -> QuerySet[Ticket]:
    """Tickets for the portal list (scope with ``for_tenant``), newest first."""
    return Ticket.objects.select_related("building", "unit", "category").order_by("-created_at", "-pk")


def portal_units(tenant: Any, today: date | None = None) -> QuerySet[Unit]:
    """The units a tenant may report on: those its live leases hold and have not released."""
    held = LeaseUnit.objects.filter(
        lease__tenant=tenant,
        lease__status__in=Lease.LIVE,
        blocking=True,
        end_date__gte=today or timezone.localdate(),
    ).values("unit_id")
    return Unit.objects.filter(pk__in=held).select_related("building").order_by("building__code", "code")


def _count_sql(queryset: QuerySet[Ticket]) -> tuple[str, tuple[Any, ...]]:
    """``SELECT COUNT(*) FROM … WHERE …`` of the queryset: COUNT as a plain function (no GROUP BY), of no
    column (so an index-only scan answers it)."""
    counted = queryset.order_by().values(n=Func(template="COUNT(*)", output_field=IntegerField()))
    return counted.query.sql_with_params()


def sla_counts(queryset: QuerySet[Ticket], now: datetime | None = None) -> dict[str, int]:
    """How many of the tickets are breached, at risk and new right now: one query.

    Each count is a scalar subquery of its own, so each reads only its index (``next_due_at``, status)
    instead of visiting every row of the table the way one aggregate with filters would.
    """
    now = now or timezone.now()
    parts = {
        "breached": queryset.filter(breached_q(now)),
        "at_risk": queryset.filter(at_risk_q(now)),
        "new": queryset.filter(status=Ticket.Status.NEW),
    }
    compiled = [_count_sql(part) for part in parts.values()]
    sql = "SELECT " + ", ".join(f"({part_sql})" for part_sql, _params in compiled)
    with connection.cursor() as cursor:
        cursor.execute(sql, [param for _sql, params in compiled for param in params])
        row = cursor.fetchone()
    return dict(zip(parts, row, strict=True))


def dashboard_counts(user: AnyUser | None = None) -> dict[str, QuerySet[Ticket]]:
    """Tickets waiting to be received or followed up, at risk of missing a deadline, and past one: of those
    the user may see (the ticket list's rows, so each card's number is its list's), all without a user."""
    now = timezone.now()
    tickets = Ticket.objects.all() if user is None else visible_tickets(user, Ticket.objects.all())
    return {
        "new": tickets.filter(status=Ticket.Status.NEW),
        "follow_ups": tickets.filter(status=Ticket.Status.RESOLVED),
        "at_risk": tickets.filter(at_risk_q(now)),
        "breached": tickets.filter(breached_q(now)),
    }


def my_open_tickets(user: AnyUser) -> QuerySet[Ticket]:
    """Open tickets the user owns or is assigned to: the work that waits on them by name."""
    return Ticket.objects.filter(Q(owner=user.pk) | Q(assignee=user.pk), status__in=Ticket.OPEN_STATUSES)


def dashboard_cards(counts: Mapping[str, int]) -> list[dict]:
    url = reverse("servicedesk:ticket-list")
    return [
        {"label": _("New tickets"), "value": counts["new"], "url": f"{url}?status=new", "icon": "inbox"},
        {
            "label": _("Follow-ups due"),
            "value": counts["follow_ups"],
            "url": reverse("servicedesk:follow-up-queue"),
            "icon": "telephone",
        },
        {
            "label": _("Tickets at risk"),
            "value": counts["at_risk"],
            "url": f"{url}?sla=at_risk",
            "icon": "hourglass",
        },
        {
            "label": _("Tickets past deadline"),
            "value": counts["breached"],
            "url": f"{url}?sla=breached",
            "icon": "exclamation-octagon",
        },
    ]


def ids_with_open_escalations(tickets: Iterable[Ticket]) -> set[int]:
    ids = [t.pk for t in tickets]
    return set(
        Ticket.objects.filter(pk__in=ids, escalations__isnull=False).values_list("pk", flat=True).distinct()
    )


def follow_up_queue(user: AnyUser | None = None) -> QuerySet[Ticket]:
    """Resolved tickets (of the user's buildings) waiting for their follow-up (回访), longest waiting first,
    with the last attempt."""
    return (
        scope(Ticket.objects.filter(status=Ticket.Status.RESOLVED), user, "building")
        .select_related(*LIST_RELATED, "owner")
        .annotate(last_attempt_at=Max("follow_ups__at"))
        .order_by("resolved_at", "pk")
    )
