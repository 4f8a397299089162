#!/usr/bin/env python
"""``make loadtest``: a bounded load on gunicorn with production settings, our pages against the admin's.

It recreates and seeds the bench database as ``make bench`` does (``<name>_bench``, ``seed_demo --scale 10``;
the main database is never touched), collects the static files into ``var/loadtest/static`` (hashed names, as
in production), builds the plan (bench/load_mix.py: the pages, their admin peers, logged-in sessions), starts
gunicorn (config/docker/gunicorn.conf.py, DEBUG off) on a free port of this machine, and runs locust headless
(bench/locustfile.py): a warm-up, then our mix and the admin mix alternately, ``--users`` each, for
``--duration`` seconds per mix in all. One JSON object per line goes to stdout, progress to stderr:

    {"metric": "load.rps", "value": 61.2, "unit": "req/s", "peer": 30.1}
    {"metric": "load.p95_ms", "value": 250, "unit": "ms", "limit": 300, "peer": 480}
    {"metric": "load.errors", "value": 0, "unit": "requests", "limit": 0, "peer": 0}
    {"metric": "load.vs_admin", "value": 2.03, "unit": "ratio", "goal": 2.0}

``load.vs_admin`` is our requests per second over the admin's in the same run (noise from other processes on
the machine hits both alike). ``--check`` makes a missed goal exit 1.
"""

import argparse
import json
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.run import _progress, bench_database_seed, bench_environment  # noqa: E402

P95_LIMIT_MS = 300
VS_ADMIN_GOAL = 2.0
OURS, ADMIN = ("OursStaff", "OursPortal"), ("AdminStaff", "AdminPortal")
# Kept between runs for ``--reuse``: the files the seeded database refers to, the collected static files.
DOCUMENT_ROOT = BASE_DIR / "var" / "loadtest" / "documents"
STATIC_ROOT = BASE_DIR / "var" / "loadtest" / "static"


def main() -> int:
    args = _arguments()
    with tempfile.TemporaryDirectory(prefix="loadtest-") as folder:
        work = Path(folder)
        plan = _prepare(args, work)
        with _gunicorn(work, plan["admin_rows"]) as host:
            _progress(f"warming up for {args.warmup} s")
            _locust(host, OURS + ADMIN, args.warmup, users=args.users, work=work, record=None)
            records: dict[str, list[dict[str, Any]]] = {"ours": [], "admin": []}
            windows: dict[str, float] = defaultdict(float)
            for round_number in range(1, args.rounds + 1):
                for side, classes in (("ours", OURS), ("admin", ADMIN)):
                    _progress(f"round {round_number}/{args.rounds}: {side} mix, {args.users} users")
                    record = work / f"{side}-{round_number}.jsonl"
                    _locust(
                        host, classes, args.duration / args.rounds, users=args.users, work=work, record=record
                    )
                    lines = [json.loads(line) for line in record.read_text().splitlines()]
                    records[side] += lines
                    windows[side] += _window(lines)
    return _report(args, records, windows)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=16, help="concurrent users per mix (default 16)")
    parser.add_argument("--duration", type=float, default=60, help="seconds per mix in all (default 60)")
    parser.add_argument("--rounds", type=int, default=2, help="our mix and the admin's alternate (default 2)")
    parser.add_argument("--warmup", type=float, default=10, help="seconds of both mixes first (default 10)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn processes (default 3, as deployed)")
    parser.add_argument("--scale", type=int, default=10, help="seed_demo --scale (default 10)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the bench database and static files of a previous run (no seeding, no collectstatic)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    return parser.parse_args()


def _prepare(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Production settings in this process (and gunicorn's), the seeded bench database, the plan's file."""
    os.environ.update(
        {
            "STATIC_MANIFEST": "true",
            "STATIC_ROOT": str(STATIC_ROOT),
            "DOCUMENT_ROOT": str(DOCUMENT_ROOT),
            "WEB_CONCURRENCY": str(args.workers),
            # The demo's and the load's notices are e-mailed to nobody (the console would fill stdout).
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        }
    )
    bench_url = bench_environment()
    import django

    django.setup()
    from django.core.management import call_command

    if not (args.reuse and (STATIC_ROOT / "staticfiles.json").exists()):
        _progress("collecting static files (hashed and compressed, as the image does)")
        shutil.rmtree(STATIC_ROOT, ignore_errors=True)
        call_command("collectstatic", interactive=False, verbosity=0)  # before any page refers to one
    if not args.reuse:
        shutil.rmtree(DOCUMENT_ROOT, ignore_errors=True)
        bench_database_seed(bench_url, scale=args.scale)
    from bench.load_mix import plan_build

    _progress("building the plan: pages, peers, sessions")
    plan = plan_build(sessions=args.users)
    (work / "plan.json").write_text(json.dumps(plan, ensure_ascii=False))
    return plan


@contextmanager
def _gunicorn(work: Path, admin_rows: dict[str, int]) -> Iterator[str]:
    """gunicorn with the deployment's configuration on a free port of this machine (its address); stopped on
    leaving."""
    port = _free_port()
    log = work / "gunicorn.log"
    env = {**os.environ, "LOADTEST_ADMIN_ROWS": json.dumps(admin_rows), "LOG_LEVEL": "WARNING"}
    command = [
        *(str(BASE_DIR / ".venv" / "bin" / "gunicorn"), "--config", "config/docker/gunicorn.conf.py"),
        *("--bind", f"127.0.0.1:{port}", "--access-logfile", str(work / "access.log")),
        "bench.loadtest_wsgi:application",
    ]
    _progress(f"starting gunicorn on 127.0.0.1:{port}")
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        host = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while not _healthy(host):
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        yield host
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _healthy(host: str) -> bool:
    try:
        with urllib.request.urlopen(f"{host}/healthz", timeout=5) as response:  # noqa: S310 - our own server
            return bool(response.status == 200)
    except OSError:
        return False


def _locust(
    host: str, classes: tuple[str, ...], seconds: float, *, users: int, work: Path, record: Path | None
) -> None:
    """One headless locust run of the user classes for ``seconds``; every request appended to ``record``."""
    env = {**os.environ, "LOADTEST_PLAN": str(work / "plan.json"), "LOADTEST_RECORD": str(record or "")}
    command = [
        *(sys.executable, "-m", "locust", "-f", str(BASE_DIR / "bench" / "locustfile.py"), "--headless"),
        *(
            "--host",
            host,
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{round(seconds)}s",
        ),
        *("--only-summary", "--loglevel", "ERROR", "--stop-timeout", "5", *classes),
    ]
    # locust exits 1 when a request failed: the failures are counted from the record instead. Its own
    # summary goes to a log beside the record (shown when it recorded nothing).
    log = work / f"locust-{record.stem if record else 'warmup'}.log"
    with log.open("wb") as output:
        subprocess.run(command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT, check=False)  # noqa: S603
    if record is not None and not (record.exists() and record.read_text()):
        raise SystemExit(f"locust recorded no request:\n{log.read_text()[-3000:]}")


def _window(lines: list[dict[str, Any]]) -> float:
    """Seconds from the first request's start to the last one's end."""
    if not lines:
        return 0.0
    return max(line["start"] + line["ms"] / 1000 for line in lines) - min(line["start"] for line in lines)


def _p95(lines: list[dict[str, Any]]) -> float:
    times = sorted(line["ms"] for line in lines)
    return times[max(0, math.ceil(0.95 * len(times)) - 1)] if times else 0.0


def _report(
    args: argparse.Namespace, records: dict[str, list[dict[str, Any]]], windows: dict[str, float]
) -> int:
    """Print the figures (and each action's median to stderr); 1 when ``--check`` and a goal is missed."""
    ours, admin = records["ours"], records["admin"]
    rps = {side: len(records[side]) / windows[side] for side in records}
    errors = {side: sum(not line["ok"] for line in records[side]) for side in records}
    note = f"{args.users} users, {args.duration:g} s per mix, {args.workers} gunicorn processes"
    vs_admin = rps["ours"] / rps["admin"]
    lines = [
        {
            "metric": "load.rps",
            "value": round(rps["ours"], 1),
            "unit": "req/s",
            "peer": round(rps["admin"], 1),
            "note": note,
        },
        {
            "metric": "load.p95_ms",
            "value": round(_p95(ours)),
            "unit": "ms",
            "limit": P95_LIMIT_MS,
            "peer": round(_p95(admin)),
        },
        {
            "metric": "load.errors",
            "value": errors["ours"],
            "unit": "requests",
            "limit": 0,
            "peer": errors["admin"],
        },
        {"metric": "load.vs_admin", "value": round(vs_admin, 2), "unit": "ratio", "goal": VS_ADMIN_GOAL},
    ]
    for line in lines:
        print(json.dumps(line), flush=True)
    _actions_print(records)
    missed = vs_admin < VS_ADMIN_GOAL or _p95(ours) > P95_LIMIT_MS or errors["ours"] > 0
    return 1 if args.check and missed else 0


def _actions_print(records: dict[str, list[dict[str, Any]]]) -> None:
    """Each request's count, median and p95 on both sides, slowest first, to stderr."""
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for side_lines in records.values():
        for line in side_lines:
            by_name[line["name"]].append(line)
    rows = sorted(by_name.items(), key=lambda item: -statistics.median(line["ms"] for line in item[1]))
    for name, lines in rows:
        median = statistics.median(line["ms"] for line in lines)
        failed = sum(not line["ok"] for line in lines)
        times = f"median {median:>7.1f} ms  p95 {_p95(lines):>7.1f} ms"
        _progress(f"{name:<32} {len(lines):>6} requests  {times}  {failed} failed")


if __name__ == "__main__":
    sys.exit(main())
