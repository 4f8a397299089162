"""The users of ``make loadtest`` (locust, started by bench/loadtest.py): our staff and portal pages, and the
same load on their peers in the Django admin.

The plan (bench/load_mix.py, a JSON file named by ``LOADTEST_PLAN``) says which pages, with which logged-in
sessions. Every request is appended to ``LOADTEST_RECORD`` (JSON lines: name, start, ms, ok) for the figures
loadtest.py prints. Users do not pause between actions: each keeps the server as busy as one user can.
"""

import itertools
import json
import os
import random
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from locust import HttpUser, constant, events, task

PLAN: dict[str, Any] = json.loads(Path(os.environ["LOADTEST_PLAN"]).read_text())
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_sessions = {role: itertools.cycle(cookies) for role, cookies in PLAN["sessions"].items()}
_record_path = os.environ.get("LOADTEST_RECORD")
# Open for the whole run, line-buffered: every request's line is written when it is recorded.
_record = Path(_record_path).open("a", buffering=1) if _record_path else None  # noqa: SIM115


@events.request.add_listener
def _recorded(name: str, response_time: float, exception: Any, start_time: float, **_: Any) -> None:
    if _record is not None:
        line = {"name": name, "start": start_time, "ms": response_time, "ok": exception is None}
        _record.write(json.dumps(line) + "\n")


def csrf_token(html: str) -> str:
    """The CSRF token of the page's form ("" when it has none)."""
    found = CSRF_INPUT.search(html)
    return found[1] if found else ""


class _LoadUser(HttpUser):
    """A user of one role acting on one side: ``ours`` (our pages, the role's session) or ``admin`` (the
    peers, the superuser's session); it picks actions by their weights."""

    abstract = True
    wait_time = constant(0)
    role = "staff"
    side = "ours"

    def on_start(self) -> None:
        session = "admin" if self.side == "admin" else self.role
        self.client.cookies.set(PLAN["session_cookie"], next(_sessions[session]))
        self.actions = [action for action in PLAN["actions"] if action["role"] == self.role]
        self.weights = [action["weight"] for action in self.actions]

    @task
    def act(self) -> None:
        (action,) = random.choices(self.actions, weights=self.weights)  # noqa: S311 - not for security
        steps = action["ours" if self.side == "ours" else "peer"]
        for number, step in enumerate(steps, start=1):
            name = f"{self.side} {action['name']}" + (f" {number}" if len(steps) > 1 else "")
            if step["kind"] == "form":
                self._form(step, name)
            else:
                self._get(step["url"], name)

    def _get(self, url: str, name: str) -> None:
        with self.client.get(url, name=name, catch_response=True) as response:
            _checked(response)

    def _form(self, step: dict[str, Any], name: str) -> None:
        """Open the form, post it with its token; the post must be answered by another page."""
        with self.client.get(step["url"], name=f"{name} form", catch_response=True) as response:
            if not _checked(response):
                return
            token = csrf_token(response.text)
        data = {**step["data"], "csrfmiddlewaretoken": token}
        with self.client.post(step["url"], data=data, name=f"{name} post", catch_response=True) as response:
            if _checked(response) and urlsplit(response.url).path == urlsplit(step["url"]).path:
                response.failure("the form was shown again (not accepted)")


def _checked(response: Any) -> bool:
    """A page answered 200 (after redirects) and it is not the login page: else the request failed."""
    if response.status_code != 200:
        response.failure(f"status {response.status_code}")
        return False
    if urlsplit(response.url).path in PLAN["login_paths"]:
        response.failure("sent to the login page: the session is not valid")
        return False
    return True


class OursStaff(_LoadUser):
    weight = 3
    role, side = "staff", "ours"


class OursPortal(_LoadUser):
    weight = 1
    role, side = "portal", "ours"


class AdminStaff(_LoadUser):
    weight = 3
    role, side = "staff", "admin"


class AdminPortal(_LoadUser):
    weight = 1
    role, side = "portal", "admin"
