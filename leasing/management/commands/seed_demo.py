"""``manage.py seed_demo [--scale N]``: load the demo buildings, tenants and logins and the work in progress
(``leasing.demo``); print how to log in."""

import unicodedata
from time import perf_counter
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from leasing.demo import DemoLogin, demo_seed
from tenancy.roles import Role


class Command(BaseCommand):
    help = (
        "Load demo data: N buildings of 20 floors and 200 units, 30 tenants per building with contacts and "
        "running leases, one login per staff role, two portal logins and a superuser; in the first building "
        "work at every stage (applications, renewals, visits, fit-out, bills and dunning, tickets, meter "
        "rounds). Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=int, default=1, help="Number of buildings (default 1).")
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Load the demo although DEBUG is off: only into a throw-away database (benchmarks, tests).",
        )

    def handle(self, *args: Any, scale: int, allow_without_debug: bool = False, **options: Any) -> None:
        # The demo logins have a published password, a superuser among them: never in production.
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "seed_demo creates logins with a published password (a superuser among them), so it runs "
                "only when DEBUG is on, as in the .env that `make run` writes. Never load it into production."
            )
        if scale < 1:
            raise CommandError("--scale must be at least 1.")
        started = perf_counter()
        report = demo_seed(scale=scale)
        elapsed = perf_counter() - started
        added = (
            ", ".join(f"{n} {name}" for name, n in report.created.items() if n) or "nothing (already loaded)"
        )
        self.stdout.write(f"Demo data at scale {scale}: added {added} in {elapsed:.1f} s.")
        self.stdout.write("")
        self.stdout.write(f"Open {settings.SITE_URL}/ (staff), {settings.SITE_URL}/portal/ (tenants).")
        self.stdout.write(
            _table([("Role", "Username", "Password"), *(_row(login) for login in report.logins)])
        )


def _row(login: DemoLogin) -> tuple[str, str, str]:
    with translation.override("en"):
        if login.role == "superuser":
            label = "Superuser (also /admin/)"
        elif login.role == "portal":
            label = f"Tenant portal: {login.tenant}"
        elif login.office:
            label = f"{Role(login.role).label}, {login.office} only"
        else:
            label = str(Role(login.role).label)
    return label, login.username, login.password


def _table(rows: list[tuple[str, ...]]) -> str:
    """A plain text table whose columns line up also with Chinese (double-width) text."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
