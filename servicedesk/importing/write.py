"""Writing the planned tickets in bulk: received, moved through the lifecycle table, on their timelines."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from documents.imports.kinds import Outcome

from ..clocks import dues_for
from ..models import Category, CategoryTarget, Ticket, TicketEvent
from ..sla import OfficeCalendar, calendar_from_settings
from .columns import FIELDS, STEP_EVENTS, STEPS
from .plan import TicketPlan


@dataclass(frozen=True)
class Clocks:
    """The office calendar and every building's own resolution targets, read once for the whole file."""

    calendar: OfficeCalendar
    targets: dict[tuple[int, int], tuple[int, str]]

    @classmethod
    def read(cls) -> "Clocks":
        rows = CategoryTarget.objects.values_list(
            "category_id", "building_id", "resolution_target", "resolution_unit"
        )
        return cls(calendar_from_settings(), {(c, b): (target, unit) for c, b, target, unit in rows})

    def category_in(self, category: Category, building_id: int) -> Category:
        """The category with the building's own resolution target where its office set one."""
        own = self.targets.get((category.pk, building_id))
        if own is None:
            return category
        return Category(pk=category.pk, name=category.name, resolution_target=own[0], resolution_unit=own[1])


def _dues(ticket: Ticket, category: Category, clocks: Clocks) -> None:
    dues = dues_for(
        received_at=ticket.created_at,
        kind=ticket.kind,
        urgency=ticket.urgency,
        category=clocks.category_in(category, ticket.building_id),
        calendar=clocks.calendar,
    )
    ticket.acknowledge_due_at = dues.acknowledge
    ticket.first_answer_due_at = dues.first_answer
    ticket.resolution_due_at = dues.resolution


def _advance(ticket: Ticket, to: str, *, by: Any, now: datetime) -> list[TicketEvent]:
    """Move the ticket step by step through the lifecycle table to ``to``; one timeline entry per step."""
    events = []
    for step in STEPS[STEPS.index(ticket.status) + 1 : STEPS.index(to) + 1]:
        before = Ticket.LIFECYCLE.move(ticket, step)
        if step == Ticket.Status.ACKNOWLEDGED:
            ticket.acknowledged_at = ticket.acknowledged_at or now
        events.append(
            TicketEvent(
                ticket=ticket,
                kind=STEP_EVENTS[step],
                by=by,
                public=True,
                status_from=before,
                status_to=step,
                created_at=now,
            )
        )
    return events


def _assigned(ticket: Ticket, *, by: Any, now: datetime) -> TicketEvent:
    data = {"department": ticket.department, "assignee": ""}
    return TicketEvent(
        ticket=ticket, kind=TicketEvent.Kind.ASSIGNED, by=by, public=True, data=data, created_at=now
    )


def _create(plans: list[TicketPlan], by: Any, now: datetime, clocks: Clocks) -> list[TicketEvent]:
    tickets = []
    for plan in plans:
        ticket = Ticket(
            import_number=plan.number, received_by=by, owner=by, status=Ticket.Status.NEW, **plan.values
        )
        _dues(ticket, plan.category, clocks)
        plan.ticket = ticket
        tickets.append(ticket)
    # The steps are taken before the rows are written (one INSERT per batch), their events after.
    steps = {plan.number: _advance(plan.ticket, plan.status, by=by, now=now) for plan in plans}  # type: ignore[arg-type]
    Ticket.objects.bulk_create(tickets, batch_size=2000)
    events: list[TicketEvent] = []
    for plan in plans:
        ticket = plan.ticket
        created = TicketEvent(
            ticket=ticket,
            kind=TicketEvent.Kind.CREATED,
            by=by,
            public=True,
            text=ticket.description,
            status_to=Ticket.Status.NEW,
            created_at=ticket.created_at,
        )
        imported = TicketEvent(
            ticket=ticket, kind=TicketEvent.Kind.IMPORTED, by=by, data={"number": plan.number}, created_at=now
        )
        events += [created, imported]
        if ticket.department:
            events.append(_assigned(ticket, by=by, now=now))
        events += steps[plan.number]
    return events


def _correct(plans: list[TicketPlan], by: Any, now: datetime, clocks: Clocks) -> list[TicketEvent]:
    events: list[TicketEvent] = []
    for plan in plans:
        ticket: Ticket = plan.ticket  # type: ignore[assignment]
        department_before = ticket.department
        for name, value in plan.values.items():
            setattr(ticket, name, value)
        ticket.updated_at = now
        _dues(ticket, plan.category, clocks)
        data = {"number": plan.number, "changes": "、".join(plan.changes)}
        events.append(
            TicketEvent(ticket=ticket, kind=TicketEvent.Kind.IMPORTED, by=by, data=data, created_at=now)
        )
        if ticket.department and ticket.department != department_before:
            events.append(_assigned(ticket, by=by, now=now))
        events += _advance(ticket, plan.status, by=by, now=now)
    written = [*FIELDS, "status", "acknowledged_at", "acknowledge_due_at", "first_answer_due_at"]
    Ticket.objects.bulk_update(
        [p.ticket for p in plans], [*written, "resolution_due_at", "updated_at"], batch_size=2000
    )
    return events


def tickets_write(outcomes: list[Outcome], by: Any) -> None:
    """Create the new tickets and correct the changed imported ones, in bulk, with their timelines."""
    plans: list[TicketPlan] = [o.payload for o in outcomes]
    now, clocks = timezone.now(), Clocks.read()
    events = _create([p for p in plans if p.ticket is None], by, now, clocks)
    events += _correct([p for p in plans if p.ticket is not None and p.changes], by, now, clocks)
    TicketEvent.objects.bulk_create(events, batch_size=5000)
