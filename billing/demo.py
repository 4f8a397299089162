"""Demo data of billing: a utility tariff per meter kind, and last month's bills for the demo's running leases
(the monthly run, as the clock would have made it). The run issues only what is missing, so running
``seed_demo`` again adds nothing."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from leasing.demo.common import SeedReport

from .models import Tariff
from .services.bills import billing_run

__all__ = ["DEMO_SEEDERS"]


# Prices per kWh and m³: without a tariff a meter's use can be neither billed nor settled.
DEMO_TARIFFS = {"electricity": Decimal("1.2000"), "water": Decimal("5.0000"), "gas": Decimal("3.5000")}


def demo_seed_tariffs(report: SeedReport) -> None:
    """A tariff for every meter kind the demo's units have, in force from 2020."""
    for kind, price in DEMO_TARIFFS.items():
        _tariff, created = Tariff.objects.get_or_create(
            meter_kind=kind, effective_from=date(2020, 1, 1), defaults={"unit_price": price}
        )
        report.count("tariffs", int(created))


def demo_seed_bills(report: SeedReport) -> None:
    """Run last month's billing."""
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    issued = billing_run(month=last_month)
    report.count("bills", len(issued))


DEMO_SEEDERS = (demo_seed_tariffs, demo_seed_bills)
