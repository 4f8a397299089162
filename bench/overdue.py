"""The daily overdue sweep over 10,000 open rectification items past their due date.

Seeds (bulk inserts, after ``seed_demo``) one move-in visit with a draft acceptance sheet for a lease of each
of up to 200 tenants of the demo, and 10,000 defects with their open rectification items spread over those
visits, all due yesterday. The sweep (``overdue_sweep``) then flags all of them, with the fit-out notices and
works of the demo that are overdue, and writes one inbox notice per tenant concerned, in a constant number of
queries. Each run is rolled back, and so is the seed at the end, so the benches that follow see the demo data
unchanged.
"""

import statistics
from collections.abc import Callable
from datetime import timedelta
from time import perf_counter
from typing import Any

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

ITEMS = 10_000
VISITS = 200
RUNS = 5
SWEEP_LIMIT_MS = 1000
# One UPDATE ... RETURNING per kind (3), the tenants and their contacts (2), the portal people who chose
# fit-out letters by e-mail (1), the inbox notices (1), the savepoint around the sweep and its release (2).
SWEEP_CONSTANT_QUERIES = 9
# What the sweep reads and writes: vacuumed before the seed and analysed after it (see bench.tables).
TABLES = (
    "handover_visit",
    "handover_rectificationitem",
    "fitout_notice",
    "fitout_application",
    "documents_notice",
    "documents_noticeevent",
)


class _Rollback(Exception):
    pass


def run(emit: Callable[[dict[str, Any]], None]) -> None:
    from bench.tables import tables_analyze, tables_vacuum

    today = timezone.localdate()
    tables_vacuum(TABLES)
    try:
        with transaction.atomic():
            _seed(today)
            tables_analyze(TABLES)
            _sweep(emit, today)
            raise _Rollback
    except _Rollback:
        pass


def _seed(today: Any) -> None:
    from handover.models import AcceptanceItem, RectificationItem, Sheet, Visit
    from leasing.models import LeaseUnit

    # One lease of each tenant first, so that the items (and the notices) are spread over many tenants.
    candidates = LeaseUnit.objects.exclude(lease__handover_visits__kind=Visit.Kind.MOVE_IN).order_by("pk")
    pairs = list(
        {
            tenant: (lease, unit, tenant)
            for lease, unit, tenant in candidates.values_list("lease_id", "unit_id", "lease__tenant_id")[::-1]
        }.values()
    )[:VISITS]
    if not pairs:
        raise RuntimeError("the demo has no lease without a move-in visit to seed the bench on")
    visits = Visit.objects.bulk_create(
        Visit(kind=Visit.Kind.MOVE_IN, lease_id=lease, unit_id=unit, tenant_id=tenant, visit_date=today)
        for lease, unit, tenant in pairs
    )
    sheets = Sheet.objects.bulk_create(Sheet(visit=visit, kind=Sheet.Kind.ACCEPTANCE) for visit in visits)
    defects = AcceptanceItem.objects.bulk_create(
        AcceptanceItem(
            sheet=sheets[n % len(sheets)],
            item=AcceptanceItem.Item.WALLS,
            location=f"B-{n:05d}",
            condition=AcceptanceItem.Condition.DEFECT,
            note="墙面开裂",
            due_date=today - timedelta(days=1),
        )
        for n in range(ITEMS)
    )
    RectificationItem.objects.bulk_create(
        RectificationItem(
            visit_id=defect.sheet.visit_id,
            item=defect,
            description_key="%(item)s %(location)s: %(note)s",
            description_params={"item": defect.item, "location": defect.location, "note": defect.note},
            due_date=defect.due_date,
        )
        for defect in defects
    )


def _sweep(emit: Callable[[dict[str, Any]], None], today: Any) -> None:
    from fitout.services import overdue_sweep

    times: list[float] = []
    flagged = told = queries = 0
    for _ in range(RUNS):
        try:
            with transaction.atomic(), CaptureQueriesContext(connection) as captured:
                started = perf_counter()
                result = overdue_sweep(today=today)
                times.append((perf_counter() - started) * 1000)
                queries = len(captured)
                flagged, told = result.rectifications + result.notices + result.works, result.tenants_told
                raise _Rollback
        except _Rollback:
            pass
    emit(
        {
            "metric": "jobs.overdue_sweep.ms",
            "value": round(statistics.median(times), 1),
            "unit": "ms",
            "limit": SWEEP_LIMIT_MS,
            "note": f"{ITEMS} open rectification items due yesterday; {flagged} flagged, {told} tenants told",
        }
    )
    emit(
        {
            "metric": "jobs.overdue_sweep.queries",
            "value": queries,
            "unit": "queries",
            "limit": SWEEP_CONSTANT_QUERIES,
            "note": "constant however many items are overdue",
        }
    )
