"""The project's Celery app as a test's worker runs it (``celery -A tests.celery_app worker``, started by
``tests.celery_workers``): with ``TEST_QUEUE_PREFIX`` set, every route of config/celery.py's table is renamed
with that prefix, so the tasks this worker queues stay on the test's own queues."""

import os

from config.celery import app, queue_routes

if prefix := os.environ.get("TEST_QUEUE_PREFIX"):
    app.conf.task_routes = queue_routes(prefix=prefix)

__all__ = ["app"]
