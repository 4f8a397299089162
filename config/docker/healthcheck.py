"""Container health checks: `web` asks /healthz, `worker` pings its own Celery node, `beat` reaches Redis.

Run as ``python config/docker/healthcheck.py ROLE``; exit status 0 means healthy.
"""

import glob
import http.client
import os
import socket
import sys


def _host() -> str:
    """A host name Django accepts: the first of ALLOWED_HOSTS (wildcards made concrete)."""
    first = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    return "localhost" if first in ("", "*") else first.lstrip(".")


def web() -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", int(os.environ.get("PORT", "8000")), timeout=10)
    try:
        connection.request("GET", "/healthz", headers={"Host": _host(), "X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        print(response.status, response.read(200).decode(errors="replace"))
        return response.status == 200
    except OSError as error:
        print(error)
        return False
    finally:
        connection.close()


def worker() -> bool:
    from config.celery import app

    node = f"worker@{socket.gethostname()}"
    replies = app.control.ping(destination=[node], timeout=5.0)
    print(replies)
    return any(node in reply for reply in replies)


def beat() -> bool:
    from config.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=5)
    # beat opened its schedule (shelve may add a suffix), so it started and its volume is writable
    return bool(glob.glob(glob.escape(app.conf.beat_schedule_filename) + "*"))


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    role = sys.argv[1] if len(sys.argv) > 1 else "web"
    checks = {"web": web, "worker": worker, "beat": beat}
    sys.exit(0 if checks[role]() else 1)
