"""Billing's measurements: the billing run over 6,000 active leases, and the ledger CSV export of 1,000,000
journal lines.

- ``jobs.billing_run.ms``: the run (drafts, bulk bills, lines and postings, the deferred balance and
  bill-total triggers forced with ``SET CONSTRAINTS ALL IMMEDIATE``) against a raw SQL ``INSERT ... SELECT``
  of the same bills, lines and postings as the limit (ratio <= 3; its utility spans come from the run's own
  span query, and both issue exactly the same lines, checked), timed alternately with ours, and a per-lease
  ORM loop as the naive peer. Each run is rolled back, so every run issues the same bills.
- ``export.ledger_csv.rows_per_s``: the streamed CSV against ``psql COPY (...) TO STDOUT`` of the same rows
  (ratio <= 3), and the peak Python memory it allocates (``export.ledger_csv.mb``, < 50 MB).

Seeds by bulk insert after ``seed_demo``: a building of 6,000 units each under an active monthly lease
(from two months before the billed month, which no other bench lease reaches), each unit with an electricity
and a water meter read in the two closed monthly rounds before the billed month (so each bill has rent, fee
and two utility lines: the use between the rounds × the tariff), and 500,000 balanced two-line entries
dated in a year of their own.
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
LEASE_START = date(2030, 11, 1)
ROUNDS = (date(2030, 11, 1), date(2030, 12, 1))
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
    from leasing.occupancy import units_occupancy_refresh
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
            start_date=LEASE_START,
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
    # The units' status follows their leases through the one writer, as in production, so the sweeps that
    # refresh occupancy find the bench data consistent and measure their own work, not a correction.
    units_occupancy_refresh(Unit.objects.filter(building=building))
    _seed_meter_rounds(building, units)
    return building.pk


def _seed_meter_rounds(building: Any, units: list[Any]) -> None:
    """An electricity and a water meter per unit, both read in two closed rounds; a tariff per kind."""
    from django.utils import timezone

    from billing.models import Tariff
    from handover.models import Meter, MeterReading, MeterRound

    for kind, price in (("electricity", "1.2000"), ("water", "5.1000")):
        Tariff.objects.get_or_create(
            meter_kind=kind, effective_from=date(2030, 1, 1), defaults={"unit_price": Decimal(price)}
        )
    meters = Meter.objects.bulk_create(
        Meter(unit=unit, kind=kind, number=f"{kind[0].upper()}-{unit.code}")
        for unit in units
        for kind in ("electricity", "water")
    )
    now = timezone.now()
    rounds = MeterRound.objects.bulk_create(MeterRound(building=building, month=month) for month in ROUNDS)
    MeterReading.objects.bulk_create(
        (
            MeterReading(
                meter=meter,
                round=meter_round,
                read_on=read_on,
                confirmed_at=now,
                reading=Decimal(1000 + n % 97 + step * (180 + n % 53))
                if meter.kind == "electricity"
                else Decimal(50 + n % 7 + step * (3 + n % 5)),
            )  # fmt: skip
            for step, (meter_round, read_on) in enumerate(
                zip(rounds, (date(2030, 11, 30), date(2030, 12, 31)), strict=True)
            )
            for n, meter in enumerate(meters)
        ),
        batch_size=5000,
    )
    # Closed once read (a closed round's readings are frozen by a trigger).
    MeterRound.objects.filter(pk__in=[r.pk for r in rounds]).update(status="closed", closed_at=now)


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


# The same bills, lines and postings in set-based SQL: the utility spans are the run's own query
# (``SPANS_SQL``: consecutive closed-round readings per lease and meter) priced at the tariff in force.
RAW_SPANS = """
CREATE TEMP TABLE raw_spans ON COMMIT DROP AS
SELECT s.lease_id, s.kind, s.from_id, s.to_id, s.from_on, s.to_on,
       s.number || ': ' || s.from_reading || ' → ' || s.to_reading || ' × ' || t.unit_price AS description,
       round((s.to_reading - s.from_reading) * t.unit_price, 2) AS amount
FROM ({spans}) AS s(lease_id, number, kind, from_id, from_reading, from_on, to_id, to_reading, to_on)
CROSS JOIN LATERAL (SELECT unit_price FROM billing_tariff
                    WHERE meter_kind = s.kind AND effective_from <= s.to_on
                    ORDER BY effective_from DESC LIMIT 1) t
WHERE round((s.to_reading - s.from_reading) * t.unit_price, 2) > 0
"""
RAW_SQL = [
    "ANALYZE raw_spans",  # temporary tables are never analysed automatically
    """
    CREATE TEMP TABLE raw_bills ON COMMIT DROP AS
    SELECT l.id AS lease_id, l.tenant_id, l.building_id, l.number,
           round(l.rent_rate * l.area, 2) AS rent, round(l.fee_rate * l.area, 2) AS fee,
           coalesce(u.utility, 0) AS utility
    FROM leasing_lease l
    LEFT JOIN (SELECT lease_id, sum(amount) AS utility FROM raw_spans GROUP BY lease_id) u
           ON u.lease_id = l.id
    WHERE l.building_id = %(building)s AND l.status = 'active'
    """,
    "ANALYZE raw_bills",
    """
    INSERT INTO billing_journalentry (date, memo, source, tenant_id, building_id, created_at)
    SELECT %(month)s, 'Bill B' || to_char(%(month)s::date, 'YYYYMM') || '-' || b.number, 'raw:' || b.lease_id,
           b.tenant_id, b.building_id, now()
    FROM raw_bills b
    """,
    """
    INSERT INTO billing_journalline (entry_id, account, tenant_id, debit, credit)
    SELECT e.id, v.account, CASE WHEN v.account = '1122' THEN b.tenant_id END, v.debit, v.credit
    FROM billing_journalentry e JOIN raw_bills b ON e.source = 'raw:' || b.lease_id
    CROSS JOIN LATERAL (VALUES
        ('1122', b.rent + b.fee + b.utility, 0::numeric),
        ('6001', 0::numeric, b.rent),
        ('6002', 0::numeric, b.fee),
        ('6003', 0::numeric, b.utility)) AS v(account, debit, credit)
    WHERE v.debit <> 0 OR v.credit <> 0
    """,
    """
    INSERT INTO billing_bill (number, kind, tenant_id, lease_id, building_id, period_start, period_end,
                              issue_date, due_date, total, entry_id, created_at)
    SELECT 'B' || to_char(%(month)s::date, 'YYYYMM') || '-' || b.number, 'regular', b.tenant_id, b.lease_id,
           b.building_id, %(month)s, (%(month)s::date + interval '1 month' - interval '1 day')::date,
           %(month)s, %(month)s::date + 4, b.rent + b.fee + b.utility, e.id, now()
    FROM billing_journalentry e JOIN raw_bills b ON e.source = 'raw:' || b.lease_id
    """,
    """
    INSERT INTO billing_billline (bill_id, kind, description, period_start, period_end, amount,
                                  reading_from_id, reading_to_id)
    SELECT bill.id, v.kind, '', bill.period_start, bill.period_end, v.amount, NULL, NULL
    FROM billing_bill bill JOIN raw_bills b ON b.lease_id = bill.lease_id
    CROSS JOIN LATERAL (VALUES ('rent', b.rent), ('fee', b.fee)) AS v(kind, amount)
    WHERE bill.building_id = %(building)s AND bill.period_start = %(month)s
    UNION ALL
    SELECT bill.id, 'utility', s.description, s.from_on, s.to_on, s.amount, s.from_id, s.to_id
    FROM billing_bill bill JOIN raw_spans s ON s.lease_id = bill.lease_id
    WHERE bill.building_id = %(building)s AND bill.period_start = %(month)s
    """,
]


def _raw_sql(building_id: int) -> None:
    from billing.services.utilities import SPANS_SQL

    # The run's span query over every lease of the building at once (an array, as the run passes).
    spans = SPANS_SQL.replace(
        "%(leases)s",
        "ARRAY(SELECT id FROM leasing_lease WHERE building_id = %(building)s AND status = 'active')",
    )
    with connection.cursor() as cursor:
        for sql in [RAW_SPANS.format(spans=spans), *RAW_SQL]:
            cursor.execute(sql, {"month": MONTH, "building": building_id})


def _orm_loop(month: date) -> None:
    """The naive peer: one lease at a time, each bill drafted, posted and saved row by row with the ORM."""
    from billing.models import Bill, BillLine
    from billing.services.bills import bill_legs, bills_draft, regular_number
    from billing.services.charges import lease_terms_attach, leases_to_bill
    from billing.services.ledger import entry_post

    leases = list(leases_to_bill(month).select_related("tenant", "building"))
    lease_terms_attach(leases)  # their units and amendments in bulk, as the queryset's prefetch did
    for lease in leases:
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
                    bill=bill, kind=line.kind, description=line.description, period_start=line.period_start,
                    period_end=line.period_end, amount=line.amount, reading_from_id=line.reading_from_id,
                    reading_to_id=line.reading_to_id,
                )  # fmt: skip


def _billing_run(emit: Callable[[dict[str, Any]], None], building_id: int) -> None:
    from billing.models import Bill
    from billing.services.bills import billing_run

    issued: list[int] = []

    def ours() -> None:
        issued[:] = billing_run(month=MONTH, today=MONTH)

    # Ours and the raw SQL alternately, so that noise from other processes on the machine hits both alike.
    times: list[float] = []
    raw: list[float] = []
    for _ in range(RUNS):
        times.append(_timed_rolled_back(ours))
        raw.append(_timed_rolled_back(lambda: _raw_sql(building_id)))
    naive = _timed_rolled_back(lambda: _orm_loop(MONTH))
    assert len(issued) == LEASES and not Bill.objects.filter(period_start=MONTH).exists()
    _check_same_lines(building_id)
    ms, raw_ms = statistics.median(times), statistics.median(raw)
    note = (
        f"{LEASES} monthly leases, {len(issued)} bills of 4 lines (rent, fee, electricity, water) with their "
        "postings; limit 3 x raw SQL "
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


def _check_same_lines(building_id: int) -> None:
    """The raw SQL peer issues exactly the lines our run issues (kind, text, dates, amount, readings)."""
    from billing.models import BillLine
    from billing.services.bills import billing_run

    fields = ("bill__lease_id", "kind", "description", "period_start", "period_end", "amount",
              "reading_from_id", "reading_to_id")  # fmt: skip
    found: list[set[tuple[Any, ...]]] = []
    for work in (lambda: billing_run(month=MONTH, today=MONTH), lambda: _raw_sql(building_id)):

        def collect(work: Callable[[], Any] = work) -> None:
            work()
            lines = BillLine.objects.filter(bill__building_id=building_id, bill__period_start=MONTH)
            found.append(set(lines.values_list(*fields)))

        _timed_rolled_back(collect)
    assert found[0] == found[1] and len(found[0]) == 4 * LEASES, "the raw SQL peer must issue the same lines"


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
    sql, params = ledger_csv_sql(**window)
    _vacuum("billing_journalentry", "billing_journalline")
    tracemalloc.start()
    rows = sum(chunk.count("\n") for chunk in ledger_csv(**window)) - 1  # also warms the cache for both
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ours_times, copy_times, copied = [], [], 0
    for _ in range(RUNS):  # alternately, so that noise from elsewhere hits both alike
        started = perf_counter()
        for _chunk in ledger_csv(**window):
            pass
        ours_times.append(perf_counter() - started)
        started = perf_counter()
        copied = _copy(sql, params)
        copy_times.append(perf_counter() - started)
    ours, copy_s = statistics.median(ours_times), statistics.median(copy_times)
    ours_rate, copy_rate = rows / ours, rows / copy_s
    note = (
        f"{rows} lines streamed; baseline COPY ... TO STDOUT of the same rows ({copied // 1024 // 1024} MB); "
        f"medians of {RUNS} alternate runs"
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


def _copy(sql: str, params: list[Any]) -> int:
    """Bytes of ``COPY (sql) TO STDOUT``: PostgreSQL writing the same CSV itself."""
    copied = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy,
    ):
        for chunk in copy:
            copied += len(chunk)
    return copied


def _vacuum(*tables: str) -> None:
    """Set the hint bits and statistics of rows just bulk-inserted, as autovacuum soon would in production;
    otherwise the first reader pays for writing them (VACUUM cannot run inside a transaction, ANALYZE can)."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"{'ANALYZE' if connection.in_atomic_block else 'VACUUM ANALYZE'} {table}")
