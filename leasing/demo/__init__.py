"""Demo data: a living building, deterministic and built through the services, so that it is consistent.

The base is drawn from generators seeded with 42 (buildings with units, tenants with contacts, one login per
staff role) and inserted only where its natural key (building code, floor number, unit code, credit code or
resident ID, username) is not taken yet. On it the stages build work at every step, each calling its app's
services as a demo user of the right role: leasing's own (applications in each review step, a running lease
for every active tenant, two leases signed in the system, renewal cases), then those of the apps above
leasing.

Stages of the apps above leasing: each such app lists its stages in ``<app>/demo.py`` as ``DEMO_STAGES``,
found the way Django's admin finds ``admin.py`` and run in ``INSTALLED_APPS`` order, which is the house's
order (handover, billing, fit-out, service desk). Leasing thus imports none of them, no
``AppConfig.ready()`` has to be touched, and an app's stage can rely on what the stages below it built. Each
stage checks what it finds, so a second run adds nothing; dates are relative to today, so a demo loaded next
year is as alive.
"""

from collections.abc import Callable
from importlib import import_module

import pghistory
from django.apps import apps
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from .applications import seed_applications
from .common import DemoLogin, SeedReport
from .leases import seed_leases, seed_new_leases
from .offices import seed_offices
from .renewals import seed_renewals
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

Stage = Callable[[SeedReport], None]


@transaction.atomic
def demo_seed(*, scale: int = 1) -> SeedReport:
    """Load ``scale`` buildings, 30 tenants a building, the demo logins and the work in progress, inserting
    only what is missing."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    report = SeedReport()
    with pghistory.context(command="seed_demo"):
        for index in range(scale):
            seed_building(index, report)
        tenants = seed_tenants(scale, report)
        report.logins = seed_users(tenants, report)
        report.logins += seed_offices(scale, report)
        seed_applications(report)
        seed_leases(tenants, report)
        seed_new_leases(tenants, report)
        seed_renewals(report)
        for stage in app_stages():
            stage(report)
    return report


def app_stages() -> list[Stage]:
    """The stages of the apps above leasing, in ``INSTALLED_APPS`` order (the house's order)."""
    stages: list[Stage] = []
    for config in apps.get_app_configs():
        if config.name != "leasing" and module_has_submodule(config.module, "demo"):
            stages.extend(getattr(import_module(f"{config.name}.demo"), "DEMO_STAGES", ()))
    return stages
