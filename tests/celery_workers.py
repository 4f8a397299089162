"""Real Celery workers for tests, against Redis and the test database: every test that needs one starts it
here.

A test's worker consumes queues of the test's own: a random prefix before queue names (``private_prefix``).
It runs the project's app with every route of config/celery.py renamed with that prefix
(``tests.celery_app``), so what its tasks queue in turn (a notice's e-mail, a bill's sending) stays on the
test's queues too, and those are deleted when the worker stops: a developer's worker on the same Redis never
sees any of it.
"""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import redis
from django.conf import settings

from config.celery import app, queue_routes

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    """The test database as a URL, for a worker process (it reads DATABASE_URL like the project does)."""
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def private_prefix() -> str:
    """A prefix no other test, and no developer's worker, uses for its queue names."""
    return f"test-{uuid.uuid4().hex[:8]}-"


@contextmanager
def celery_worker(
    *queues: str, prefix: str, log: Path | None = None, env: Mapping[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """A worker process (one task at a time) consuming ``queues`` (full names, each starting with ``prefix``),
    its output in ``log``; stopped, and the test's queues deleted, afterwards."""
    assert all(queue.startswith(prefix) for queue in queues), "a test's worker consumes only its own queues"
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "TEST_QUEUE_PREFIX": prefix,
        **(env or {}),
    }
    output = log.open("wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(  # noqa: S603 - fixed argument list
        [
            *(sys.executable, "-m", "celery", "-A", "tests.celery_app", "worker"),
            *("-Q", ",".join(queues), "-c", "1", "--pool", "solo", "-n", f"{queues[0]}@%h"),
            *("--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "warning"),
        ],
        cwd=ROOT,
        env=environment,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        process_stop(process)
        if log:
            output.close()  # type: ignore[union-attr]
        queues_delete(prefix)


def process_stop(process: subprocess.Popen[Any]) -> None:
    """Ask a worker or beat process to stop (a worker finishes its task first); kill it after 20 s."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def queues_delete(prefix: str) -> None:
    """Delete the Redis lists of the queues named with ``prefix`` (tasks nobody consumed)."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    keys = list(client.scan_iter(match=f"{prefix}*"))
    if keys:
        client.delete(*keys)


def routes_set(routes: dict[str, dict[str, str]]) -> None:
    """Route tasks sent from this process by ``routes``: Celery keeps the router it built at the first task
    sent, so it is built again."""
    app.conf.task_routes = routes
    app.amqp.flush_routes()
    app.amqp.router = app.amqp.Router()


@contextmanager
def private_routes(prefix: str) -> Iterator[None]:
    """Tasks sent from the test's process go to the queue of their group with ``prefix``; restored after."""
    original = app.conf.task_routes
    routes_set(queue_routes(prefix=prefix))
    try:
        yield
    finally:
        routes_set(original)
