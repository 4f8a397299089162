"""Demo leases: each tenant with a portal login rents a vacant unit of the first building under a running
monthly lease, so the contract ledger, the portal and the monthly bills have something to show.

The leases are drafted through ``lease_create`` by management and entered as running: signed on paper
before the system was introduced, they point at no admission in it, and the override's reason says so on the
timeline. A tenant that has a lease gets no other, so running the seed again adds nothing.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from tenancy.models import TenantMembership

from ..leases.services import DraftTerms, lease_create
from ..models import Building, Lease, LeaseUnit, PaymentCycle, Unit
from ..occupancy import lease_units_refresh
from .common import SeedReport
from .space import building_code
from .users import PORTAL_USERNAMES

PAPER_LEASE = "系统上线前已签署的纸质合同，补录"


def seed_leases(report: SeedReport) -> None:
    """A running lease on one vacant unit of building A for each portal tenant without one (the unit is
    then let)."""
    building = Building.objects.filter(code=building_code(0)).first()
    # Management enters them: a lease signed on paper before the system has no admission in it to point at.
    manager = get_user_model().objects.filter(username="manager").first()
    if building is None or manager is None:
        return
    members = TenantMembership.objects.filter(user__username__in=PORTAL_USERNAMES).select_related("tenant")
    tenants = [m.tenant for m in members.order_by("user__username") if not m.tenant.leases.exists()]
    held = LeaseUnit.objects.filter(blocking=True).values("unit")
    free = building.units.filter(status=Unit.Status.VACANT).exclude(pk__in=held).order_by("code")
    start, end = _term()
    for tenant, unit in zip(tenants, free, strict=False):
        terms = DraftTerms(
            start_date=start,
            end_date=end,
            rent_rate=Decimal("6.80"),
            fee_rate=Decimal("1.50"),
            payment_cycle=PaymentCycle.MONTHLY,
            due_day=5,
        )
        lease = lease_create(
            tenant=tenant, units=[unit], terms=terms, by=manager, admission_override_reason=PAPER_LEASE
        )
        Lease.objects.filter(pk=lease.pk).update(status=Lease.Status.ACTIVE)
        lease_units_refresh([lease.pk])  # its unit is let: the dashboard counts what the leases say
        report.count("leases", 1)


def _term() -> tuple[date, date]:
    """Three years from the first day of the month three months ago (so last month can be billed)."""
    today = timezone.localdate()
    month = today.month - 3
    start = date(today.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    return start, date(start.year + 3, start.month, 1) - timedelta(days=1)
