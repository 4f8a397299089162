"""Staff search and the tenant directory over scale 10 (``AREA_BENCHES`` in ``bench/run.py``).

``run(emit)`` adds, after ``seed_demo`` (and the other areas' benches): a live lease on half of the demo units
and 20,000 documents (rows only: search never opens their files). Then it times the search page, as
management (who may see every result type), for typical queries: a tenant's full name, a Chinese substring
of a name, a unit code, a lease number and a document number; and the tenant directory against the admin's
changelist of units. It emits:

    {"metric": "search.ms", "value": <median of all queries>, "unit": "ms", "baseline": 200, "ratio": ...}
    {"metric": "search.<query>.ms", ...}   one per typical query (median of its runs)
    {"metric": "search.queries", "value": <queries of one search page>, "unit": "queries", "limit": 12}
    {"metric": "pages.tenant_directory.ms" / ".queries", ...}
"""

import hashlib
import statistics
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from time import perf_counter
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from billing.document_kinds import BILL, RECEIPT
from handover.document_kinds import KEY_SHEET
from leasing.document_kinds import LEASE_SUMMARY

SEARCH_TARGET_MS = 200.0
QUERY_LIMIT = 12
DOCUMENTS = 20_000
WARMUPS, RUNS = 3, 15
SEED_PREFIX = "SB"

Emit = Callable[[dict[str, Any]], None]


def run(emit: Emit) -> None:
    from bench.pages import Page, _analyze, ensure_admin_peers, measure_page

    _seed()
    _analyze()  # statistics for the rows just inserted, as autovacuum would soon gather them
    queries = _typical_queries()
    client = _client()
    per_query: dict[str, list[float]] = {}
    for name, text in queries.items():
        url = f"/search/?q={text}"
        for _ in range(WARMUPS):
            _get(client, url)
        per_query[name] = [_timed(client, url) for _ in range(RUNS)]
    every = [ms for times in per_query.values() for ms in times]
    median = statistics.median(every)
    note = ", ".join(f"{name}={text!r}" for name, text in queries.items())
    emit(_line("search.ms", round(median, 1), SEARCH_TARGET_MS, note))
    for name, times in per_query.items():
        emit(_line(f"search.{name}.ms", round(statistics.median(times), 1), SEARCH_TARGET_MS, ""))
    with CaptureQueriesContext(connection) as captured:
        _get(client, f"/search/?q={queries['tenant_name']}")
    emit({"metric": "search.queries", "value": len(captured), "unit": "queries", "limit": QUERY_LIMIT})
    ensure_admin_peers()
    page = Page("tenant_directory", "leasing:directory", "admin:leasing_unit_changelist", "leasing.Unit")
    result = measure_page(page, warmups=WARMUPS, runs=RUNS)
    ratio = round(result.ms / result.baseline_ms, 2) if result.baseline_ms else None
    emit(
        {
            "metric": "pages.tenant_directory.ms",
            "value": round(result.ms, 1),
            "unit": "ms",
            "baseline": round(result.baseline_ms, 1),
            "ratio": ratio,
            "note": result.note,
        }
    )
    emit(
        {
            "metric": "pages.tenant_directory.queries",
            "value": result.queries,
            "unit": "queries",
            "baseline": result.baseline_queries,
            "limit": QUERY_LIMIT,
        }
    )


def _line(metric: str, value: float, target: float, note: str) -> dict[str, Any]:
    line: dict[str, Any] = {
        "metric": metric,
        "value": value,
        "unit": "ms",
        "baseline": target,
        "ratio": round(value / target, 2),
    }
    if note:
        line["note"] = note
    return line


def _typical_queries() -> dict[str, str]:
    from urllib.parse import quote

    from documents.models import Document
    from leasing.models import Lease, Unit
    from tenancy.models import Tenant

    name = Tenant.objects.filter(name__regex=r"^[一-龥]{6,}").order_by("pk").values_list("name", flat=True)[0]
    values = {
        "tenant_name": name,
        "chinese_substring": name[2:5],
        "unit_code": _a_third_in(Unit.objects.values_list("code", flat=True)),
        "lease_number": _a_third_in(
            Lease.objects.filter(number__startswith=SEED_PREFIX).values_list("number", flat=True)
        ),
        "document_number": _a_third_in(
            Document.objects.filter(number__startswith=SEED_PREFIX).values_list("number", flat=True)
        ),
    }
    return {key: quote(value) for key, value in values.items()}


def _a_third_in(values: Any) -> str:
    """The value a third of the way through (by id): neither the first row nor the last."""
    return values.order_by("pk")[values.count() // 3]


def _client() -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.pages import STAFF_USER

    client = Client()
    client.force_login(get_user_model().objects.get(username=STAFF_USER))
    return client


def _get(client: Any, url: str) -> Any:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response


def _timed(client: Any, url: str) -> float:
    started = perf_counter()
    _get(client, url)
    return (perf_counter() - started) * 1000


def _seed() -> None:
    """A live lease on every other demo unit, and documents for the tenants (bulk inserts, no history)."""
    import pgtrigger
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    from documents.models import Document
    from leasing.models import Lease, LeaseUnit, Unit
    from tenancy.models import Tenant

    if Lease.objects.filter(number__startswith=SEED_PREFIX).exists():
        return
    today = timezone.localdate()
    tenants = list(Tenant.objects.order_by("pk").values_list("pk", flat=True))
    # Every other unit of the demo buildings (codes A, B, ...; the other benches add their own buildings) that
    # no lease holds yet.
    held = LeaseUnit.objects.filter(unit=OuterRef("pk"), blocking=True)
    free = Unit.objects.filter(building__code__regex=r"^[A-Z]{1,2}$").exclude(Exists(held)).order_by("pk")
    units = list(free[::2])
    with pgtrigger.ignore("leasing.Lease:insert_insert"):
        leases = Lease.objects.bulk_create(
            Lease(
                number=f"{SEED_PREFIX}-{today.year}-{n:06d}",
                tenant_id=tenants[n % len(tenants)],
                building_id=unit.building_id,
                status=Lease.Status.ACTIVE,
                start_date=today - timedelta(days=200),
                end_date=today + timedelta(days=500 + n % 700),
                effective_end=today + timedelta(days=500 + n % 700),
                area=unit.gross_area,
                rent_basis="per_m2",
                rent_rate=Decimal("6.50"),
                fee_basis="per_m2",
                fee_rate=Decimal("1.20"),
                deposit_amount=Decimal("1950.00"),
            )
            for n, unit in enumerate(units)
        )
    LeaseUnit.objects.bulk_create(
        LeaseUnit(
            lease=lease, unit=unit, start_date=lease.start_date, end_date=lease.end_date, area=lease.area
        )
        for lease, unit in zip(leases, units, strict=True)
    )
    kinds = [LEASE_SUMMARY, BILL, KEY_SHEET, RECEIPT]
    with pgtrigger.ignore("documents.Document:insert_insert"):
        Document.objects.bulk_create(
            (
                _document(n, kinds[n % len(kinds)], tenants[n % len(tenants)], today.year)
                for n in range(DOCUMENTS)
            ),
            batch_size=5000,
        )


def _document(n: int, kind: str, tenant_id: int, year: int) -> Any:
    from documents.kinds import kind_label
    from documents.models import Document

    label = kind_label(kind)
    return Document(
        kind=kind,
        title=f"{label} 第{n}号",
        number=f"{SEED_PREFIX}-{year}-{n:06d}",
        tenant_id=tenant_id,
        file_path=f"bench/{n:06d}.pdf",
        content_type="application/pdf",
        size=1000,
        sha256=hashlib.sha256(str(n).encode()).hexdigest(),
    )
