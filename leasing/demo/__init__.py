"""Demo data: deterministic buildings with units, tenants with contacts, and one login per staff role.

Everything is drawn from generators seeded with 42 (one per building, per batch of 30 tenants, and for the
users), and rows are inserted only where their natural key (building code, floor number, unit code, credit
code or resident ID, username) is not taken yet. So running the seed again changes nothing, and a larger
``scale`` only adds the buildings and tenants a smaller one did not have. Inserts use ``bulk_create``;
pghistory's triggers still record an insert event for every row, labelled with the ``seed_demo`` context.
"""

from collections.abc import Callable
from importlib import import_module

import pghistory
from django.apps import apps
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from .common import DemoLogin, SeedReport
from .leases import seed_leases
from .space import building_code, seed_building
from .tenants import seed_tenants
from .users import DEMO_PASSWORD, PORTAL_USERNAMES, STAFF_USERNAMES, SUPERUSER, seed_users

__all__ = [
    "DEMO_PASSWORD",
    "PORTAL_USERNAMES",
    "STAFF_USERNAMES",
    "SUPERUSER",
    "DemoLogin",
    "SeedReport",
    "building_code",
    "demo_seed",
]


@transaction.atomic
def demo_seed(*, scale: int = 1) -> SeedReport:
    """Load ``scale`` buildings, 30 tenants a building and the demo logins, inserting only what is missing."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    report = SeedReport()
    with pghistory.context(command="seed_demo"):
        for index in range(scale):
            seed_building(index, report)
        tenants = seed_tenants(scale, report)
        report.logins = seed_users(tenants, report)
        seed_leases(report)
        for seed in _app_seeders():
            seed(report)
    return report


def _app_seeders() -> list[Callable[[SeedReport], None]]:
    """The demo data of the apps above leasing (their ``demo.DEMO_SEEDERS``, found the way Django finds
    admin modules), so leasing imports none of them."""
    seeders: list[Callable[[SeedReport], None]] = []
    for config in apps.get_app_configs():
        if config.name != "leasing" and module_has_submodule(config.module, "demo"):
            seeders.extend(getattr(import_module(f"{config.name}.demo"), "DEMO_SEEDERS", ()))
    return seeders
