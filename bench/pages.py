"""The pages the bench measures, each against its Django admin peer, and how one is measured."""

import statistics
from dataclasses import dataclass
from time import perf_counter
from typing import Any

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment
from django.urls import reverse

STAFF_USER = "manager"  # management may open every staff page
ADMIN_USER = "admin"  # the superuser, for the admin pages


@dataclass(frozen=True)
class Page:
    name: str
    url_name: str
    peer_url_name: str
    model: str = ""  # "app.Model" of a list page: its admin changelist shows as many rows as ours
    # The targets, when a page is judged otherwise than the run's defaults (time ratio 1.0, 12 queries).
    max_ratio: float = 1.0
    query_limit: int | None = None


@dataclass(frozen=True)
class Result:
    ms: float
    baseline_ms: float
    queries: int
    baseline_queries: int
    note: str


PAGES = (
    Page("unit_list", "leasing:unit-list", "admin:leasing_unit_changelist", "leasing.Unit"),
    Page("tenant_list", "tenancy:tenant-list", "admin:tenancy_tenant_changelist", "tenancy.Tenant"),
    Page("dashboard", "home", "admin:index"),
    # The monthly report (月报) of the current month for every building: a dozen grouped queries over the
    # whole history (occupancy and arrears for twelve month ends); within twice the bill changelist.
    Page("monthly_report", "monthly-report", "admin:billing_bill_changelist", max_ratio=2.0, query_limit=20),
)

_fallback_peers: set[str] = set()


def ensure_admin_peers() -> None:
    """Register a plain ModelAdmin for a listed model that has none, before the URLconf is first loaded."""
    for page in PAGES:
        if page.model and apps.get_model(page.model) not in admin.site._registry:
            admin.site.register(apps.get_model(page.model))
            _fallback_peers.add(page.model)


def _analyze() -> None:
    """Vacuum and analyse rows just bulk-inserted, as autovacuum would soon after in production.

    Without statistics PostgreSQL assumes near-empty tables and picks nested loops that take seconds; without
    the visibility map no count can be answered from an index alone.
    """
    with connection.cursor() as cursor:
        # VACUUM cannot run in a transaction (the bench's own tests run inside one).
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def measure_page(page: Page, *, warmups: int, runs: int) -> Result:
    """Median ms of ``runs`` requests after ``warmups``, ours and the peer alternately; queries of one."""
    _analyze()
    ours, peer = _client(STAFF_USER), _client(ADMIN_USER)
    url, peer_url = reverse(page.url_name), reverse(page.peer_url_name)
    if not page.model:
        return _measure(ours, url, peer, peer_url, warmups=warmups, runs=runs, note="")
    model_admin = admin.site._registry[apps.get_model(page.model)]
    rows, saved = _rows_per_page(ours, url), model_admin.list_per_page
    note = f"{rows} rows per page"
    if page.model in _fallback_peers:
        note += "; peer is a default ModelAdmin (the model has no admin)"
    model_admin.list_per_page = rows
    try:
        return _measure(ours, url, peer, peer_url, warmups=warmups, runs=runs, note=note)
    finally:
        model_admin.list_per_page = saved


def _measure(
    ours: Client, url: str, peer: Client, peer_url: str, *, warmups: int, runs: int, note: str
) -> Result:
    for _ in range(warmups):
        _get(ours, url)
        _get(peer, peer_url)
    times: list[float] = []
    peer_times: list[float] = []
    for _ in range(runs):
        times.append(_timed(ours, url))
        peer_times.append(_timed(peer, peer_url))
    return Result(
        ms=statistics.median(times),
        baseline_ms=statistics.median(peer_times),
        queries=_queries(ours, url),
        baseline_queries=_queries(peer, peer_url),
        note=note,
    )


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _get(client: Client, url: str) -> HttpResponse:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response


def _timed(client: Client, url: str) -> float:
    started = perf_counter()
    _get(client, url)
    return (perf_counter() - started) * 1000


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        _get(client, url)
    return len(captured)


def _rows_per_page(client: Client, url: str) -> int:
    """Rows our list shows on a page, read from the rendered context (instrumented for this one request)."""
    try:
        setup_test_environment()
    except RuntimeError:  # already set up (under pytest): the context is captured anyway
        context: Any = _get(client, url).context
    else:
        try:
            context = _get(client, url).context
        finally:
            teardown_test_environment()
    if context is None:
        raise RuntimeError(f"{url}: rendered no template context")
    table = context.get("table")
    paginator = getattr(table, "paginator", None) or context.get("paginator")
    if paginator is not None:
        return paginator.per_page
    if table is not None:
        return len(table.rows)
    raise RuntimeError(f"{url}: no table or paginator in the page's context")
