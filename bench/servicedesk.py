"""The service desk's bench (``AREA_BENCHES`` in ``bench/run.py``): the ticket list against the Django
admin's changelist of Ticket with 100,000 tickets, and the SLA sweep over 10,000 open tickets.

``run(emit)`` seeds the tickets in bulk into the bench database (after ``seed_demo``: it uses its buildings,
units, tenants and staff), then emits:

    {"metric": "pages.ticket_list.ms", "value": ..., "unit": "ms", "baseline": <admin ms>, "ratio": ...}
    {"metric": "pages.ticket_list.queries", "value": ..., "unit": "queries", "baseline": <admin>,
     "ratio": ..., "limit": 12}
    {"metric": "jobs.sla_sweep.ms", "value": ..., "unit": "ms", "baseline": 1000, "ratio": ...}

The sweep's baseline is the issue's target (1,000 ms); it is timed on its first run, when it escalates every
breach it finds (about a third of the open tickets), and the second run is checked to escalate nothing.
"""

import random
from collections.abc import Callable
from datetime import timedelta
from time import perf_counter
from typing import Any

TICKETS = 100_000
OPEN_TICKETS = 10_000
BATCH = 5_000
SWEEP_TARGET_MS = 1_000.0
QUERY_LIMIT = 12
SEED = 20251001

Emit = Callable[[dict[str, Any]], None]


def run(emit: Emit) -> None:
    from bench.pages import Page, measure_page

    _seed()
    page = Page(
        "ticket_list", "servicedesk:ticket-list", "admin:servicedesk_ticket_changelist", "servicedesk.Ticket"
    )
    result = measure_page(page, warmups=3, runs=15)
    emit(_line("pages.ticket_list.ms", "ms", round(result.ms, 1), round(result.baseline_ms, 1), result.note))
    queries = _line(
        "pages.ticket_list.queries", "queries", result.queries, result.baseline_queries, result.note
    )
    emit({**queries, "limit": QUERY_LIMIT})
    emit(_line("jobs.sla_sweep.ms", "ms", round(_sweep_ms(), 1), SWEEP_TARGET_MS, _open_note()))


def _line(metric: str, unit: str, value: float, baseline: float, note: str) -> dict[str, Any]:
    line: dict[str, Any] = {
        "metric": metric,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "ratio": round(value / baseline, 2) if baseline else None,
    }
    if note:
        line["note"] = note
    return line


def _open_note() -> str:
    from servicedesk.models import Ticket

    return f"{Ticket.objects.filter(status__in=Ticket.OPEN_STATUSES).count()} open tickets"


def _sweep_ms() -> float:
    """Time the first sweep (it escalates); the second must find nothing new."""
    from django.test.utils import override_settings

    from servicedesk.services import sla_escalations_send

    # The escalation e-mails go to memory, not to the console that carries the bench's JSON lines.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        started = perf_counter()
        escalated = sla_escalations_send()
        elapsed = (perf_counter() - started) * 1000
        again = sla_escalations_send()
    if escalated == 0 or again != 0:
        raise RuntimeError(f"the sweep escalated {escalated}, then {again} (expected some, then none)")
    return elapsed


def _seed() -> None:
    """100,000 tickets over the last two years, 10,000 of them open with deadlines around now."""
    import pgtrigger
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from leasing.models import Unit
    from servicedesk.models import Category, Ticket
    from tenancy.models import Tenant

    if Ticket.objects.count() >= TICKETS:
        return
    rng = random.Random(SEED)
    units = list(Unit.objects.values_list("pk", "building_id"))
    tenants = list(Tenant.objects.values_list("pk", flat=True))
    categories = list(Category.objects.filter(active=True).values_list("pk", "department"))
    staff = list(get_user_model().objects.filter(is_staff=True, is_active=True).values_list("pk", flat=True))
    if not (units and tenants and categories and staff):
        raise RuntimeError("run seed_demo first: the tickets need units, tenants, categories and staff")
    now = timezone.now()
    open_ids = set(rng.sample(range(TICKETS), OPEN_TICKETS))
    rows = (_ticket(i, i in open_ids, now, rng, units, tenants, categories, staff) for i in range(TICKETS))
    batch: list[Ticket] = []
    # Seeded rows need no audit history: skipping its trigger makes the seed three times faster.
    with pgtrigger.ignore("servicedesk.Ticket:insert_insert"):
        for ticket in rows:
            batch.append(ticket)
            if len(batch) == BATCH:
                Ticket.objects.bulk_create(batch)
                batch = []
        if batch:
            Ticket.objects.bulk_create(batch)


def _ticket(
    i: int,
    is_open: bool,
    now: Any,
    rng: random.Random,
    units: list[tuple[int, int]],
    tenants: list[int],
    categories: list[tuple[int, str]],
    staff: list[int],
) -> Any:
    from servicedesk.models import Ticket

    unit_id, building_id = rng.choice(units)
    category_id, department = rng.choice(categories)
    kind = rng.choice(Ticket.Kind.values)
    common = {
        "kind": kind,
        "channel": rng.choice(Ticket.Channel.values),
        "urgency": Ticket.Urgency.URGENT if rng.random() < 0.05 else Ticket.Urgency.NORMAL,
        "tenant_id": rng.choice(tenants),
        "building_id": building_id,
        "unit_id": unit_id if rng.random() < 0.85 else None,
        "category_id": category_id,
        "description": f"第{i}号工单：空调、照明或门禁问题",
        "owner_id": rng.choice(staff),
        "department": department,
    }
    if is_open:
        # Received in the last three days; deadlines spread around now: some breached, some at risk.
        received = now - timedelta(hours=rng.uniform(0, 72))
        status = rng.choice([Ticket.Status.NEW, Ticket.Status.ACKNOWLEDGED, Ticket.Status.IN_PROGRESS])
        acknowledged = (
            None if status == Ticket.Status.NEW else received + timedelta(hours=rng.uniform(0.1, 20))
        )
        return Ticket(
            **common,
            status=status,
            created_at=received,
            acknowledged_at=acknowledged,
            acknowledge_due_at=received + timedelta(hours=24),
            first_answer_due_at=received + timedelta(hours=9) if kind == Ticket.Kind.COMPLAINT else None,
            resolution_due_at=now + timedelta(hours=rng.uniform(-30, 60)),
        )
    received = now - timedelta(days=rng.uniform(3, 730))
    resolved = received + timedelta(hours=rng.uniform(1, 120))
    return Ticket(
        **common,
        status=Ticket.Status.CLOSED,
        created_at=received,
        acknowledged_at=received + timedelta(hours=rng.uniform(0.1, 30)),
        first_answer_at=received + timedelta(hours=rng.uniform(0.2, 30)),
        resolved_at=resolved,
        closed_at=resolved + timedelta(days=rng.uniform(0, 7)),
        acknowledge_due_at=received + timedelta(hours=24),
        resolution_due_at=received + timedelta(hours=rng.uniform(9, 90)),
        cause=rng.choice(Ticket.Cause.values),
        rating=rng.choice([None, 3, 4, 5, 5, 2]),
    )
