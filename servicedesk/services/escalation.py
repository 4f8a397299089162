"""The SLA sweep: every breached clock is reported to the department manager, once per ticket and clock."""

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from tenancy.people import display_name

from .. import notify
from ..clocks import running_q
from ..models import Department, SlaClock, SlaEscalation, Ticket, TicketEvent, clock_fields
from ..permissions import department_manager

# A ticket not yet assigned to a department is the front desk's, which received it.
DEFAULT_DEPARTMENT = Department.FRONT_DESK


def _breached(clock: str, now: datetime) -> QuerySet[Ticket]:
    """(id, due, department) of the open tickets whose ``clock`` ran out and was never escalated."""
    due = clock_fields(clock)[0]
    escalated = SlaEscalation.objects.filter(ticket=OuterRef("pk"), clock=clock)
    return (
        Ticket.objects.filter(running_q(clock), **{f"{due}__lt": now})
        .exclude(Exists(escalated))
        .values_list("pk", due, "department")
        .order_by()
    )


def _managers() -> dict[str, Any]:
    """Each department's manager (a few queries, whatever the number of breaches)."""
    return {department: department_manager(department) for department in Department.values}


# One statement per clock: claim the breaches (the unique (ticket, clock) constraint skips any another run
# claimed first) and write their timeline entries. Set-based, because a sweep may find thousands at once.
_ESCALATE_SQL = """
WITH found (ticket_id, due_at, department) AS ({found}),
managers (department, manager_id, manager_name) AS (VALUES {managers}),
claimed AS (
    INSERT INTO {escalation} (ticket_id, clock, due_at, escalated_at, manager_id)
    SELECT f.ticket_id, %s, f.due_at, %s, m.manager_id
    FROM found f JOIN managers m ON m.department = COALESCE(NULLIF(f.department, ''), %s)
    ON CONFLICT (ticket_id, clock) DO NOTHING
    RETURNING ticket_id, due_at, manager_id
),
events AS (
    INSERT INTO {event} (ticket_id, kind, public, text, status_from, status_to, created_at, data)
    SELECT c.ticket_id, %s, FALSE, '', '', '', %s,
           jsonb_build_object('clock', %s::text, 'due_at', c.due_at, 'manager', COALESCE(n.manager_name, ''))
    FROM claimed c
    LEFT JOIN (SELECT DISTINCT manager_id, manager_name FROM managers) n ON n.manager_id = c.manager_id
)
SELECT ticket_id, manager_id FROM claimed
"""


def _escalate(clock: str, now: datetime, managers: dict[str, Any]) -> list[tuple[int, int | None]]:
    """Escalate one clock's new breaches; returns (ticket id, manager id) of each."""
    found_sql, found_params = _breached(clock, now).query.sql_with_params()
    rows = [(d, getattr(m, "pk", None), display_name(m) if m else "") for d, m in managers.items()]
    sql = _ESCALATE_SQL.format(
        found=found_sql,
        managers=", ".join(["(%s, %s::bigint, %s)"] * len(rows)),
        escalation=SlaEscalation._meta.db_table,
        event=TicketEvent._meta.db_table,
    )
    params = [*found_params, *(v for row in rows for v in row), clock, now, DEFAULT_DEPARTMENT]
    params += [TicketEvent.Kind.ESCALATED, now, clock]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)  # noqa: S608 - table names from the models, values as parameters
        return cursor.fetchall()


@transaction.atomic
def sla_escalations_send(*, now: datetime | None = None) -> int:
    """Escalate every newly breached clock: a row, an internal timeline entry, one e-mail per manager.

    Set-based and idempotent: the unique (ticket, clock) constraint makes a second run, or a concurrent
    one, a no-op.
    """
    now = now or timezone.now()
    managers = _managers()
    users = {m.pk: m for m in managers.values() if m is not None}
    per_manager: dict[int, list[tuple[int, str]]] = defaultdict(list)
    count = 0
    for clock in SlaClock.values:
        for ticket_id, manager_id in _escalate(clock, now, managers):
            count += 1
            if manager_id is not None:
                per_manager[manager_id].append((ticket_id, clock))
    for manager_id, breaches in per_manager.items():
        notify.escalation_mail(users[manager_id], breaches)
    return count
