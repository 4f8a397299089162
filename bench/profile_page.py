#!/usr/bin/env python
"""Where a page's time goes: ``bench/profile_page.py URL [--user manager] [--runs 20]``.

Requests the page in-process with Django's test ``Client`` against the bench database a ``make bench`` or
``make loadtest`` seeded (``<name>_bench``; nothing is recreated), with the bench's settings (DEBUG off): a
warm-up, then ``--runs`` requests under cProfile. Prints the median time, the queries of one request, and the
functions that took the most time (cumulative and own), so template work, repeated queries, context
processors and middleware show up by name.
"""

import argparse
import cProfile
import io
import pstats
import statistics
import sys
from pathlib import Path
from time import perf_counter

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.run import bench_environment  # noqa: E402


def main() -> int:
    args = _arguments()
    bench_environment()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(username=args.user))
    for _ in range(3):
        _get(client, args.url)
    times = []
    profile = cProfile.Profile()
    for _ in range(args.runs):
        started = perf_counter()
        profile.enable()
        _get(client, args.url)
        profile.disable()
        times.append((perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        _get(client, args.url)
    print(f"{args.url} as {args.user}: median {statistics.median(times):.1f} ms, {len(captured)} queries")
    if args.queries:
        for query in captured:
            print(f"  {query['time']}s  {query['sql'][:200]}")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(order).print_stats(args.top)
        print(out.getvalue())
    return 0


def _get(client: object, url: str) -> None:
    response = client.get(url)  # type: ignore[attr-defined]
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the page's path, e.g. /space/units/?page=2")
    parser.add_argument("--user", default="manager", help="the demo login to request it as (default manager)")
    parser.add_argument("--runs", type=int, default=20, help="profiled requests (default 20)")
    parser.add_argument("--top", type=int, default=35, help="functions listed per ordering (default 35)")
    parser.add_argument("--queries", action="store_true", help="list the queries of one request too")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
