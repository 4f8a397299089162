#!/usr/bin/env python
"""``make bench``: time our list pages and dashboard against the Django admin's pages for the same data.

It drops and recreates a separate database (``<name>_bench``, next to the one ``DATABASE_URL`` names; the
main database is never touched), migrates it, seeds ``seed_demo --scale 10``, and then requests each page
in-process with Django's test ``Client``: warm-ups first, then our page and its admin peer alternately, so
that noise from other processes on the machine hits both alike. The admin changelist is set to show as many
rows per page as our page does. One JSON object per line goes to stdout, progress to stderr:

    {"metric": "pages.unit_list.ms", "value": 12.3, "unit": "ms", "baseline": 15.0, "ratio": 0.82}
    {"metric": "pages.unit_list.queries", "value": 7, "unit": "queries", "baseline": 9, "ratio": 0.78,
     "limit": 12}

Targets: ratio <= 1.0 for times, at most 12 queries a page. ``--check`` makes a missed target exit 1.
"""

import argparse
import importlib
import json
import os
import sys
import warnings
from io import StringIO
from pathlib import Path
from time import perf_counter
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

# The Makefile's TEST_ENV. Values already in the environment (``make bench`` passes TEST_ENV) win,
# except DEBUG, which is always off here: we measure what production runs.
TEST_ENV = {
    "SECRET_KEY": "test-secret-key-not-for-production",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "REQUIRE_2FA": "false",
    "AXES_ENABLED": "true",
    "ALLOWED_HOSTS": "localhost,127.0.0.1,testserver",
    "STATIC_MANIFEST": "false",
}
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/backoffice"  # as in config/settings.py
QUERY_LIMIT = 12
SEED_LIMIT_S = 60


# Each area's own measurements: a module with ``run(emit)`` that seeds what it needs into the bench database
# and emits one JSON object per metric: metric, value, unit, and baseline/ratio or limit.
AREA_BENCHES: list[str] = [
    "bench.servicedesk",
    "bench.leasing",
    "bench.intake",
    "bench.handover",
    "bench.billing",
    "bench.search",
    "bench.portal_home",  # a tenant with 20 leases, 500 bills and 200 tickets, rolled back
    "bench.api",  # a page of 100 units and of 100 bills from the REST API against the staff pages
    "bench.overdue",  # seeds and rolls back 10,000 rectification items of its own
    "bench.imports",  # imports and rolls back 10,000 units, tenants and leases
    "bench.lease_end",  # last: it seeds and rolls back 10,000 leases of its own
]


def main() -> int:
    args = _arguments()
    bench_url = bench_environment()
    seed_s = bench_database_seed(bench_url, scale=args.scale)
    missed = _emit(
        {
            "metric": f"seed.scale{args.scale}.s",
            "value": round(seed_s, 1),
            "unit": "s",
            "limit": SEED_LIMIT_S,
        },
        failed=seed_s > SEED_LIMIT_S,
    )

    from bench.pages import PAGES, ensure_admin_peers, measure_page

    ensure_admin_peers()
    errors = 0
    for page in PAGES:
        _progress(f"measuring {page.name}")
        try:
            results = measure_page(page, warmups=args.warmups, runs=args.runs)
        except Exception as exc:  # noqa: BLE001 (a page not written yet must not hide the others' figures)
            errors += 1
            print(
                json.dumps({"metric": f"pages.{page.name}", "error": f"{type(exc).__name__}: {exc}"}),
                flush=True,
            )
            continue
        name = f"pages.{page.name}"
        times = _ratio(f"{name}.ms", "ms", results.ms, results.baseline_ms, 1, results.note)
        missed += _emit(
            {**times, "limit_ratio": page.max_ratio}, failed=results.ms > page.max_ratio * results.baseline_ms
        )
        limit = page.query_limit or QUERY_LIMIT
        queries = _ratio(f"{name}.queries", "queries", results.queries, results.baseline_queries, 0, "")
        missed += _emit({**queries, "limit": limit}, failed=results.queries > limit)
    failures: list[dict[str, Any]] = []

    def emit(line: dict[str, Any]) -> None:
        # Time is judged against its peer; a query count only against its limit.
        over = line["unit"] == "ms" and line.get("ratio") is not None and line["ratio"] > 1.0
        over = over or (line.get("limit") is not None and line["value"] > line["limit"])
        # A rate (rows per second) has a goal it must reach.
        over = over or (line.get("goal") is not None and line["value"] < line["goal"])
        if over:
            failures.append(line)
        print(json.dumps(line, ensure_ascii=False), flush=True)

    for module_name in AREA_BENCHES:
        _progress(f"measuring {module_name}")
        importlib.import_module(module_name).run(emit)
    missed += len(failures)
    if errors:
        return 2
    return 1 if args.check and missed else 0


def bench_environment() -> str:
    """Point this process (and what it starts) at the bench database, ``<name>_bench`` next to the one
    ``DATABASE_URL`` names, with the Makefile's TEST_ENV and DEBUG off; returns the bench database's URL."""
    bench_url = _bench_database_url(_main_database_url())
    os.environ.update({key: os.environ.get(key, value) for key, value in TEST_ENV.items()})
    os.environ.update(
        {"DEBUG": "false", "DATABASE_URL": bench_url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    )
    return bench_url


def bench_database_seed(bench_url: str, *, scale: int) -> float:
    """Drop and create the bench database, migrate it and seed ``seed_demo --scale``; returns the seconds the
    seeding took."""
    _recreate_database(bench_url)

    import django

    # WhiteNoise warns that STATIC_ROOT was never collected; the bench serves no static files.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command

    _progress(f"migrating {urlsplit(bench_url).path.lstrip('/')}")
    call_command("migrate", interactive=False, verbosity=0)
    _progress(f"seeding --scale {scale}")
    started = perf_counter()
    call_command("seed_demo", scale=scale, allow_without_debug=True, stdout=StringIO())
    return perf_counter() - started


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10, help="seed_demo --scale (default 10)")
    parser.add_argument("--runs", type=int, default=15, help="timed requests per page (default 15)")
    parser.add_argument("--warmups", type=int, default=3, help="untimed requests first (default 3)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    return parser.parse_args()


def _main_database_url() -> str:
    """DATABASE_URL from the environment, else from .env, else the settings' default."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    env_file = BASE_DIR / ".env"
    if env_file.exists():
        for line in env_file.read_text().splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "DATABASE_URL" and value.strip():
                return value.strip().strip("'\"")
    return DEFAULT_DATABASE_URL


def _bench_database_url(main_url: str) -> str:
    parts = urlsplit(main_url)
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit(f"DATABASE_URL names no database: {main_url}")
    return urlunsplit(parts._replace(path=f"/{name}_bench"))


def _recreate_database(url: str) -> None:
    """Drop and create the bench database, connected to the server's maintenance database."""
    import environ
    import psycopg
    from psycopg import sql

    config = environ.Env.db_url_config(url)
    name = config["NAME"]
    if not name.endswith("_bench"):  # never drop anything but a bench database
        raise SystemExit(f"refusing to drop {name!r}: not a bench database")
    _progress(f"recreating database {name}")
    params = {key.lower(): config.get(key) for key in ("HOST", "PORT", "USER", "PASSWORD") if config.get(key)}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _ratio(metric: str, unit: str, value: float, baseline: float, digits: int, note: str) -> dict[str, Any]:
    line: dict[str, Any] = {
        "metric": metric,
        "value": round(value, digits) if digits else int(value),
        "unit": unit,
        "baseline": round(baseline, digits) if digits else int(baseline),
        "ratio": round(value / baseline, 2) if baseline else None,
    }
    if note:
        line["note"] = note
    return line


def _emit(line: dict[str, Any], *, failed: bool) -> int:
    print(json.dumps(line, ensure_ascii=False), flush=True)
    return int(failed)


def _progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
