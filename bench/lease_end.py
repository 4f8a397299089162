"""The daily lease-end sweep over 10,000 leases whose term ended on the same day.

Seeds (bulk inserts, after ``seed_demo``) a bench building with 10,000 active leases all ending yesterday,
none handed back; every other one has a signed renewal starting today. The sweep (``leases_end_due``) then
supersedes half ("renewed") and marks the other half "holding over", in a constant number of queries. Each
run is rolled back, and so is the seed at the end, so the benches that follow see the demo data unchanged.
"""

import statistics
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from time import perf_counter
from typing import Any

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

LEASES = 10_000
RUNS = 5
SWEEP_LIMIT_MS = 1000
# Renewals: lock, update and their events (one statement); holding over: the same; every unit's occupancy
# (one statement); the handed-back leases due; the savepoint around the set-based part and its release (6).
SWEEP_CONSTANT_QUERIES = 12
# What the sweep reads and writes: vacuumed before the seed and analysed after it (see bench.tables).
TABLES = ("leasing_lease", "leasing_leaseevent", "leasing_leasehistory", "leasing_leaseunit", "leasing_unit")


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


def _lease(number: str, tenant_id: int, building: Any, start: Any, end: Any, status: str) -> Any:
    from leasing.models import Lease

    return Lease(
        number=number,
        tenant_id=tenant_id,
        building=building,
        status=status,
        start_date=start,
        end_date=end,
        effective_end=end,
        area=Decimal("100.00"),
        rent_basis="per_m2",
        rent_rate=Decimal("6.50"),
        fee_basis="per_m2",
        fee_rate=Decimal("1.20"),
        deposit_amount=Decimal("1950.00"),
    )


def _seed(today: Any) -> None:
    from leasing.models import Building, Lease
    from tenancy.models import Tenant

    building = Building.objects.create(name="Bench Lease End Tower", code="BENCH-END")
    tenants = list(Tenant.objects.values_list("pk", flat=True))
    ended = today - timedelta(days=1)
    start = ended - timedelta(days=364)
    leases = Lease.objects.bulk_create(
        _lease(f"BE-{n:06d}", tenants[n % len(tenants)], building, start, ended, Lease.Status.ACTIVE)
        for n in range(LEASES)
    )
    renewals = [
        _lease(f"BR-{n:06d}", lease.tenant_id, building, today, today + timedelta(days=364), "signed")
        for n, lease in enumerate(leases)
        if n % 2 == 0
    ]
    for renewal, lease in zip(renewals, leases[::2], strict=True):
        renewal.previous = lease
    Lease.objects.bulk_create(renewals)


def _sweep(emit: Callable[[dict[str, Any]], None], today: Any) -> None:
    from leasing.leases.ending import leases_end_due

    times: list[float] = []
    changed = queries = 0
    for _ in range(RUNS):
        try:
            with transaction.atomic(), CaptureQueriesContext(connection) as captured:
                started = perf_counter()
                changed = leases_end_due(today=today)
                times.append((perf_counter() - started) * 1000)
                queries = len(captured)
                raise _Rollback
        except _Rollback:
            pass
    emit(
        {
            "metric": "jobs.lease_end_sweep.ms",
            "value": round(statistics.median(times), 1),
            "unit": "ms",
            "limit": SWEEP_LIMIT_MS,
            "note": f"{LEASES} leases ending on one day, {changed} renewed or holding over per run",
        }
    )
    emit(
        {
            "metric": "jobs.lease_end_sweep.queries",
            "value": queries,
            "unit": "queries",
            "limit": SWEEP_CONSTANT_QUERIES,
            "note": "constant however many leases end",
        }
    )
