"""Billing's measurements: the billing run over 6,000 active leases, and the ledger CSV export of 1,000,000
journal lines.

- ``jobs.billing_run.ms``: the run (drafts, bulk bills, lines and postings, the deferred balance and
  bill-total triggers forced with ``SET CONSTRAINTS ALL IMMEDIATE``) against a raw SQL ``INSERT ... SELECT``
  of the same bills, lines and postings as the limit (ratio <= 3), and a per-lease ORM loop as the naive peer.
  Each run is rolled back, so every run issues the same bills.
- ``export.ledger_csv.rows_per_s``: the streamed CSV against ``psql COPY (...) TO STDOUT`` of the same rows
  (ratio <= 3), and the peak Python memory it allocates (``export.ledger_csv.mb``, < 50 MB).

Seeds by bulk insert after ``seed_demo``: a building of 6,000 units each under an active monthly lease
starting in a month no other bench lease reaches, and 500,000 balanced two-line entries dated in a year of
their own.
"""

import statistics
import tracemalloc
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from time import perf_counter
from typing import Any

from django.db import connection, transaction

LEASES = 6_000
MONTH = date(2031, 1, 1)
EXPORT_ENTRIES = 500_000
EXPORT_YEAR = 2032
RUNS = 3


class _Rollback(Exception):
    pass


def run(emit: Callable[[dict[str, Any]], None]) -> None:
    building_id = _seed_leases()
    _billing_run(emit, building_id)
    _seed_ledger()
    _ledger_csv(emit)


def _seed_leases() -> int:
    from leasing.models import Building, Floor, Lease, LeaseUnit, Unit
    from tenancy.models import Tenant

    building = Building.objects.create(name="Billing Bench Tower", code="BILLB")
    floors = Floor.objects.bulk_create(Floor(building=building, number=n) for n in range(1, 61))
    units = Unit.objects.bulk_create(
        Unit(
            building=building,
            floor=floor,
            code=f"B{floor.number:03d}{i:03d}",
            gross_area=Decimal("100.00"),
            usable_area=Decimal("80.00"),
            status=Unit.Status.OCCUPIED,
        )  # fmt: skip
        for floor in floors
        for i in range(LEASES // len(floors))
    )
    tenants = list(Tenant.objects.values_list("pk", flat=True))
    leases = Lease.objects.bulk_create(
        Lease(
            number=f"BB-{n:06d}",
            tenant_id=tenants[n % len(tenants)],
            building=building,
            status=Lease.Status.ACTIVE,
            start_date=MONTH,
            end_date=date(2033, 12, 31),
            effective_end=date(2033, 12, 31),
            area=Decimal("100.00"),
            rent_basis="per_m2",
            rent_rate=Decimal("6.50"),
            fee_basis="per_m2",
            fee_rate=Decimal("1.20"),
            payment_cycle="monthly",
            due_day=5,
            deposit_amount=Decimal("1950.00"),
        )  # fmt: skip
        for n in range(len(units))
    )
    LeaseUnit.objects.bulk_create(
        LeaseUnit(
            lease=lease, unit=unit, start_date=lease.start_date, end_date=lease.end_date, area=lease.area
        )
        for lease, unit in zip(leases, units, strict=True)
    )
    return building.pk


def _timed_rolled_back(work: Callable[[], Any]) -> float:
    started = perf_counter()
    try:
        with transaction.atomic():
            work()
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET CONSTRAINTS ALL IMMEDIATE"
                )  # the deferred triggers fire here, as at commit
            elapsed = perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    return elapsed * 1000


RAW_SQL = [
    """
    INSERT INTO billing_journalentry (date, memo, source, tenant_id, building_id, created_at)
    SELECT %(month)s, 'Bill B' || to_char(%(month)s::date, 'YYYYMM') || '-' || l.number, 'raw:' || l.id,
           l.tenant_id, l.building_id, now()
    FROM leasing_lease l WHERE l.building_id = %(building)s AND l.status = 'active'
    """,
    """
    INSERT INTO billing_journalline (entry_id, account, tenant_id, debit, credit)
    SELECT e.id, v.account, CASE WHEN v.account = '1122' THEN l.tenant_id END, v.debit, v.credit
    FROM billing_journalentry e JOIN leasing_lease l ON e.source = 'raw:' || l.id
    CROSS JOIN LATERAL (VALUES
        ('1122', round(l.rent_rate * l.area, 2) + round(l.fee_rate * l.area, 2), 0::numeric),
        ('6001', 0::numeric, round(l.rent_rate * l.area, 2)),
        ('6002', 0::numeric, round(l.fee_rate * l.area, 2))) AS v(account, debit, credit)
    WHERE l.building_id = %(building)s
    """,
    """
    INSERT INTO billing_bill (number, kind, tenant_id, lease_id, building_id, period_start, period_end,
                              issue_date, due_date, total, entry_id, created_at)
    SELECT 'B' || to_char(%(month)s::date, 'YYYYMM') || '-' || l.number, 'regular', l.tenant_id, l.id,
           l.building_id, %(month)s, (%(month)s::date + interval '1 month' - interval '1 day')::date,
           %(month)s,
           %(month)s::date + 4, round(l.rent_rate * l.area, 2) + round(l.fee_rate * l.area, 2), e.id, now()
    FROM billing_journalentry e JOIN leasing_lease l ON e.source = 'raw:' || l.id
    WHERE l.building_id = %(building)s
    """,
    """
    INSERT INTO billing_billline (bill_id, kind, description, period_start, period_end, amount)
    SELECT b.id, v.kind, '', b.period_start, b.period_end, v.amount
    FROM billing_bill b JOIN leasing_lease l ON l.id = b.lease_id
    CROSS JOIN LATERAL (VALUES ('rent', round(l.rent_rate * l.area, 2)),
                               ('fee', round(l.fee_rate * l.area, 2))) AS v(kind, amount)
    WHERE b.building_id = %(building)s AND b.period_start = %(month)s
    """,
]


def _raw_sql(building_id: int) -> None:
    with connection.cursor() as cursor:
        for sql in RAW_SQL:
            cursor.execute(sql, {"month": MONTH, "building": building_id})


def _orm_loop(month: date) -> None:
    """The naive peer: one lease at a time, each bill drafted, posted and saved row by row with the ORM."""
    from billing.models import Bill, BillLine
    from billing.services.bills import bill_legs, bills_draft, regular_number
    from billing.services.charges import leases_to_bill
    from billing.services.ledger import entry_post

    for lease in leases_to_bill(month).select_related("tenant", "building"):
        for draft in bills_draft(month, [lease]):
            number = regular_number(draft)
            entry = entry_post(
                on=month, memo=number, source=f"bill:{number}", legs=bill_legs(draft), tenant=lease.tenant
            )
            bill = Bill.objects.create(
                number=number, tenant=lease.tenant, lease=lease, building=lease.building,
                period_start=draft.period_start, period_end=draft.period_end, issue_date=month,
                due_date=draft.due_date, total=draft.total, entry=entry,
            )  # fmt: skip
            for line in draft.lines:
                BillLine.objects.create(
                    bill=bill, kind=line.kind, period_start=line.period_start, period_end=line.period_end,
                    amount=line.amount,
                )  # fmt: skip


def _billing_run(emit: Callable[[dict[str, Any]], None], building_id: int) -> None:
    from billing.models import Bill
    from billing.services.bills import billing_run

    issued: list[int] = []

    def ours() -> None:
        issued[:] = billing_run(month=MONTH, today=MONTH)

    times = [_timed_rolled_back(ours) for _ in range(RUNS)]
    raw = [_timed_rolled_back(lambda: _raw_sql(building_id)) for _ in range(RUNS)]
    naive = _timed_rolled_back(lambda: _orm_loop(MONTH))
    assert len(issued) == LEASES and not Bill.objects.filter(period_start=MONTH).exists()
    ms, raw_ms = statistics.median(times), statistics.median(raw)
    note = (
        f"{LEASES} monthly leases, {len(issued)} bills of 2 lines with their postings; limit 3 x raw SQL "
        f"INSERT ... SELECT ({raw_ms:.0f} ms); per-lease ORM loop {naive:.0f} ms"
    )
    limit = round(3 * raw_ms, 1)
    emit({"metric": "jobs.billing_run.ms", "value": round(ms, 1), "unit": "ms", "limit": limit, "note": note})
    emit({"metric": "jobs.billing_run.vs_raw_sql", "value": round(ms / raw_ms, 2), "unit": "x", "limit": 3})
    emit(
        {
            "metric": "jobs.billing_run.vs_orm_loop",
            "value": round(ms / naive, 2),
            "unit": "x",
            "baseline": round(naive, 1),
            "note": "ours / the per-lease ORM loop (below 1: faster)",
        }
    )


def _seed_ledger() -> None:
    """500,000 balanced entries of two lines each, dated in their own year (bulk SQL, one transaction)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pk FROM (SELECT id AS pk FROM tenancy_tenant ORDER BY id LIMIT 1) t")
        (tenant_id,) = cursor.fetchone()
        cursor.execute(
            """
            INSERT INTO billing_journalentry (date, memo, source, tenant_id, created_at)
            SELECT make_date(%s, 1, 1) + (n %% 365), 'Bench entry ' || n, 'bench:' || n, %s, now()
            FROM generate_series(1, %s) AS n
            """,
            [EXPORT_YEAR, tenant_id, EXPORT_ENTRIES],
        )
        cursor.execute(
            """
            INSERT INTO billing_journalline (entry_id, account, tenant_id, debit, credit)
            SELECT e.id, v.account, CASE WHEN v.account = '1122' THEN e.tenant_id END, v.debit, v.credit
            FROM billing_journalentry e
            CROSS JOIN LATERAL (VALUES ('1002', 123.45, 0), ('1122', 0, 123.45)) AS v(account, debit, credit)
            WHERE e.source LIKE 'bench:%%'
            """
        )


def _ledger_csv(emit: Callable[[dict[str, Any]], None]) -> None:
    from billing.exports import ledger_csv, ledger_csv_sql

    window = {"start": date(EXPORT_YEAR, 1, 1), "end": date(EXPORT_YEAR, 12, 31), "building_id": None}
    started = perf_counter()
    rows = sum(chunk.count("\n") for chunk in ledger_csv(**window)) - 1
    ours = perf_counter() - started
    tracemalloc.start()
    for _ in ledger_csv(**window):
        pass
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sql, params = ledger_csv_sql(**window)
    started = perf_counter()
    copied = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy,
    ):
        for chunk in copy:
            copied += len(chunk)
    copy_s = perf_counter() - started
    ours_rate, copy_rate = rows / ours, rows / copy_s
    note = (
        f"{rows} lines streamed; baseline COPY ... TO STDOUT of the same rows ({copied // 1024 // 1024} MB)"
    )
    emit(
        {
            "metric": "export.ledger_csv.rows_per_s",
            "value": round(ours_rate),
            "unit": "rows/s",
            "baseline": round(copy_rate),
            "note": note,
        }
    )
    emit(
        {
            "metric": "export.ledger_csv.vs_copy",
            "value": round(copy_rate / ours_rate, 2),
            "unit": "x",
            "limit": 3,
        }
    )
    emit({"metric": "export.ledger_csv.mb", "value": round(peak / 1024 / 1024, 1), "unit": "MB", "limit": 50,
          "note": "peak Python memory allocated while streaming the CSV (tracemalloc)"})  # fmt: skip
