"""Leasing's measurements: the daily expiry sweep over 10,000 active leases, and the rent roll against the
admin changelist of leases.

Seeds (bulk inserts, after ``seed_demo``) a bench building with 10,000 units and one active lease on each, the
term ends spread over the next three years, so that a few hundred leases are due for their reminder today.
The sweep is timed inside a transaction that is rolled back each time, so every run opens the same cases.
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
FLOORS = 100
RUNS = 7
PAGE_WARMUPS, PAGE_RUNS = 3, 15
SWEEP_LIMIT_MS = 1000
# Queries of a sweep that opens cases: lock, candidates, owner, cases insert, events insert, savepoints.
SWEEP_CONSTANT_QUERIES = 8


class _Rollback(Exception):
    pass


def run(emit: Callable[[dict[str, Any]], None]) -> None:
    today = timezone.localdate()
    _seed(today)
    _sweep(emit, today)
    _rent_roll(emit)


def _seed(today: Any) -> None:
    from leasing.models import Building, Floor, Lease, LeaseUnit, Unit
    from leasing.occupancy import units_occupancy_refresh
    from tenancy.models import Tenant

    building = Building.objects.create(name="Bench Tower", code="BENCH")
    floors = Floor.objects.bulk_create(Floor(building=building, number=n) for n in range(1, FLOORS + 1))
    per_floor = LEASES // FLOORS
    units = Unit.objects.bulk_create(
        Unit(
            building=building,
            floor=floor,
            code=f"{floor.number:03d}{i:02d}",
            gross_area=Decimal("100.00"),
            usable_area=Decimal("80.00"),
        )  # fmt: skip
        for floor in floors
        for i in range(per_floor)
    )
    tenants = list(Tenant.objects.values_list("pk", flat=True))
    start = today - timedelta(days=365)
    leases = Lease.objects.bulk_create(
        Lease(
            number=f"BN-{n:06d}",
            tenant_id=tenants[n % len(tenants)],
            building=building,
            status=Lease.Status.ACTIVE,
            start_date=start,
            end_date=today + timedelta(days=1 + n % 1095),
            effective_end=today + timedelta(days=1 + n % 1095),
            area=Decimal("100.00"),
            rent_basis="per_m2",
            rent_rate=Decimal("6.50"),
            fee_basis="per_m2",
            fee_rate=Decimal("1.20"),
            deposit_amount=Decimal("1950.00"),
        )  # fmt: skip
        for n in range(len(units))
    )
    LeaseUnit.objects.bulk_create(
        LeaseUnit(lease=ls, unit=unit, start_date=ls.start_date, end_date=ls.end_date, area=ls.area)
        for ls, unit in zip(leases, units, strict=True)
    )
    # The units' status follows their leases through the one writer, as in production, so the sweeps that
    # refresh occupancy find the bench data consistent and measure their own work, not a correction.
    units_occupancy_refresh(Unit.objects.filter(building=building))


def _sweep(emit: Callable[[dict[str, Any]], None], today: Any) -> None:
    from leasing.leases.renewals import lease_expiry_sweep

    times: list[float] = []
    opened = queries = 0
    for _ in range(RUNS):
        try:
            with transaction.atomic(), CaptureQueriesContext(connection) as captured:
                started = perf_counter()
                opened = len(lease_expiry_sweep(today=today))
                times.append((perf_counter() - started) * 1000)
                queries = len(captured)
                raise _Rollback
        except _Rollback:
            pass
    emit(
        {
            "metric": "jobs.expiry_sweep.ms",
            "value": round(statistics.median(times), 1),
            "unit": "ms",
            "limit": SWEEP_LIMIT_MS,
            "note": f"{LEASES} active leases, {opened} reminders opened per run",
        }
    )
    emit(
        {
            "metric": "jobs.expiry_sweep.queries",
            "value": queries,
            "unit": "queries",
            "limit": SWEEP_CONSTANT_QUERIES + opened,
            "note": f"constant {SWEEP_CONSTANT_QUERIES} plus one per reminder ({opened}) allowed",
        }
    )


def _rent_roll(emit: Callable[[dict[str, Any]], None]) -> None:
    from bench.pages import Page, ensure_admin_peers, measure_page

    ensure_admin_peers()
    page = Page("rent_roll", "leasing:report-rent-roll", "admin:leasing_lease_changelist", "leasing.Lease")
    result = measure_page(page, warmups=PAGE_WARMUPS, runs=PAGE_RUNS)
    ratio = round(result.ms / result.baseline_ms, 2) if result.baseline_ms else None
    emit(
        {
            "metric": "pages.rent_roll.ms",
            "value": round(result.ms, 1),
            "unit": "ms",
            "baseline": round(result.baseline_ms, 1),
            "ratio": ratio,
            "note": result.note,
        }
    )
    emit(
        {
            "metric": "pages.rent_roll.queries",
            "value": result.queries,
            "unit": "queries",
            "baseline": result.baseline_queries,
            "limit": 12,
        }
    )
