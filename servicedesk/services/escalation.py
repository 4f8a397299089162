"""The SLA sweep: every breached clock is reported to the department manager, once per ticket and clock."""

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from tenancy.roles import Role

from .. import notify
from ..clocks import running_q
from ..models import SlaClock, SlaEscalation, Ticket, TicketEvent, clock_fields
from ..people import display_name
from ..permissions import department_manager

BATCH = 2000


def _breaches(now: datetime) -> list[tuple[int, str, datetime, str]]:
    """(ticket id, clock, due, department) of each running clock past due, never escalated: 3 queries."""
    rows: list[tuple[int, str, datetime, str]] = []
    for clock in SlaClock.values:
        due = clock_fields(clock)[0]
        escalated = SlaEscalation.objects.filter(ticket=OuterRef("pk"), clock=clock)
        found = (
            Ticket.objects.filter(running_q(clock), **{f"{due}__lt": now})
            .exclude(Exists(escalated))
            .values_list("pk", due, "department")
        )
        rows += [(pk, clock, due_at, department) for pk, due_at, department in found]
    return rows


def _claim(rows: list[tuple[int, str, datetime, int | None]], now: datetime) -> set[tuple[int, str]]:
    """Insert the escalations; a row another run inserted first is skipped. Returns what this run inserted."""
    table = SlaEscalation._meta.db_table
    claimed: set[tuple[int, str]] = set()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch))
            params = [value for pk, clock, due, manager in batch for value in (pk, clock, due, now, manager)]
            cursor.execute(
                # Table name from the model, values as parameters.
                f"INSERT INTO {table} (ticket_id, clock, due_at, escalated_at, manager_id) VALUES {values} "  # noqa: S608
                "ON CONFLICT (ticket_id, clock) DO NOTHING RETURNING ticket_id, clock",
                params,
            )
            claimed.update((pk, clock) for pk, clock in cursor.fetchall())
    return claimed


@transaction.atomic
def sla_escalations_send(*, now: datetime | None = None) -> int:
    """Escalate every newly breached clock: a row, an internal timeline entry, one e-mail per manager.

    Set-based and idempotent: the unique (ticket, clock) constraint makes a second run, or a concurrent
    one, a no-op.
    """
    now = now or timezone.now()
    breaches = _breaches(now)
    if not breaches:
        return 0
    managers: dict[str, Any] = {}
    for department in {department or Role.FRONT_DESK for _pk, _clock, _due, department in breaches}:
        managers[department] = department_manager(department)
    manager_of = {
        (pk, clock): managers[department or Role.FRONT_DESK] for pk, clock, _due, department in breaches
    }
    rows = [(pk, clock, due, getattr(manager_of[(pk, clock)], "pk", None)) for pk, clock, due, _d in breaches]
    claimed = _claim(rows, now)
    events = []
    per_manager: dict[Any, list[tuple[int, str]]] = defaultdict(list)
    for pk, clock, due, _department in breaches:
        if (pk, clock) not in claimed:
            continue
        manager = manager_of[(pk, clock)]
        name = display_name(manager) if manager else ""
        data = {"clock": clock, "due_at": due.isoformat(), "manager": name}
        events.append(TicketEvent(ticket_id=pk, kind=TicketEvent.Kind.ESCALATED, created_at=now, data=data))
        if manager is not None:
            per_manager[manager].append((pk, clock))
    TicketEvent.objects.bulk_create(events, batch_size=BATCH)
    for manager, items in per_manager.items():
        notify.escalation_mail(manager, items)
    return len(events)
