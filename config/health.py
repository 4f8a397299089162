"""`/healthz` for load balancers and probes: 200 "ok" when the database, Redis and the document storage
answer, or 503."""

import logging

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from documents.storage_health import storage_problems

logger = logging.getLogger(__name__)
TIMEOUT = 2  # seconds


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.warning("health check: the database does not answer: %s", error)
        return False


def redis_answers() -> bool:
    """The cache and the Celery broker (when it is a different Redis) both answer a PING."""
    urls = {settings.REDIS_URL, settings.CELERY_BROKER_URL}
    for url in sorted(u for u in urls if u.startswith(("redis://", "rediss://", "unix://"))):
        client = redis.Redis.from_url(url, socket_connect_timeout=TIMEOUT, socket_timeout=TIMEOUT)
        try:
            client.ping()
        except redis.RedisError as error:
            logger.warning("health check: Redis does not answer: %s", error)
            return False
        finally:
            client.close()
    return True


def storage_answers() -> bool:
    """The document storage holds files: the folder is writable, or the object store's bucket answers."""
    problems = storage_problems()
    for problem in problems:
        logger.warning("health check: the document storage does not answer: %s", problem)
    return not problems


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Open to anyone (no login, no HTTPS redirect): it reveals only which dependency is down."""
    checks = (("database", database_answers), ("redis", redis_answers), ("storage", storage_answers))
    failing = [name for name, answers in checks if not answers()]
    if failing:
        return HttpResponse(f"unavailable: {', '.join(failing)}", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
