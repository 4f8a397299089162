"""Demo data of billing: last month's bills for the demo's running leases (the monthly run, as the clock
would have made it). The run issues only what is missing, so running ``seed_demo`` again adds nothing."""

from datetime import timedelta

from django.utils import timezone

from leasing.demo.common import SeedReport

from .services.bills import billing_run

__all__ = ["DEMO_SEEDERS"]


def demo_seed_bills(report: SeedReport) -> None:
    """Run last month's billing."""
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    issued = billing_run(month=last_month)
    report.count("bills", len(issued))


DEMO_SEEDERS = (demo_seed_bills,)
