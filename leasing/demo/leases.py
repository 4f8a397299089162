"""Demo leases: every active tenant (and each portal tenant) rents a few units of its building under a
running lease, and two prospects of the first building sign new leases in the system (one moving in, one
fitting out).

The running leases stand for the paper contracts a building has when it adopts the system: drafted through
``lease_create`` by management (no admission in the system to point at, the override's reason says so),
approved by legal, entered as signed on paper before the system (no signature pretended, no summary
rendered: the scan is attached later) and activated through ``lease_activate``, so their units' status comes
from ``leasing.occupancy``. Once the importer's lease kind exists, it takes over this part.

Dates are relative to today: three leases of the first building end within two months (renewal cases), the
rest run for years. A tenant that has a lease gets no other, so running the seed again adds nothing.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from documents.actors import User
from tenancy.models import Tenant, TenantMembership
from tenancy.services import tenant_update

from ..leases.reviews import review_approve
from ..leases.services import DraftTerms, acting, event_add, lease_activate, lease_create
from ..leases.signing import lease_sign
from ..leases.terms import add_months
from ..models import Building, Lease, LeaseEvent, LeaseUnit, LegalReview, PaymentCycle, Unit
from .common import SeedReport, rng
from .space import building_code
from .users import PORTAL_USERNAMES

PAPER_LEASE = "系统上线前已签署的纸质合同，补录"
NEW_LEASE = "新客户，管理层同意先行起草（演示）"
# Leases at these positions among a building's running leases end soon (days from today): renewal cases.
ENDING_SOON = {2: 20, 3: 38, 4: 52}
FEE_RATE = Decimal("28.00")


@dataclass(frozen=True)
class Staff:
    """The demo staff who enter leases: management drafts, legal approves."""

    manager: User
    legal: User


def demo_staff() -> Staff | None:
    users = {u.username: u for u in get_user_model().objects.filter(username__in=("manager", "legal"))}
    if len(users) < 2:
        return None
    return Staff(manager=users["manager"], legal=users["legal"])


def seed_leases(tenants: list[Tenant], report: SeedReport) -> None:
    """A running lease for every active tenant (and portal tenant) of each building's batch without one."""
    staff = demo_staff()
    if staff is None:
        return
    portal = set(
        TenantMembership.objects.filter(user__username__in=PORTAL_USERNAMES).values_list(
            "tenant_id", flat=True
        )
    )
    per_building = len(tenants) // max(Building.objects.count(), 1) or len(tenants)
    for index in range(0, len(tenants), per_building):
        building = Building.objects.filter(code=building_code(index // per_building)).first()
        batch = tenants[index : index + per_building]
        leased = [t for t in batch if t.status == Tenant.Status.ACTIVE or t.pk in portal]
        if building is not None:
            _seed_building_leases(building, leased, staff, report)


def _seed_building_leases(
    building: Building, tenants: list[Tenant], staff: Staff, report: SeedReport
) -> None:
    draw = rng(f"leases/{building.code}")
    free = list(_free_units(building))
    today = timezone.localdate()
    for position, tenant in enumerate(tenants):
        # Drawn for every tenant, so the sequence never depends on which leases exist already.
        size, gap, months_ago, years = (
            draw.choice((1, 1, 2, 2, 3)),
            draw.randint(0, 2),
            draw.randint(2, 30),
            3,
        )
        units, free = _take(free, size, gap)
        if not units or Lease.objects.filter(tenant=tenant).exists():
            continue
        if position in ENDING_SOON:
            end = today + timedelta(days=ENDING_SOON[position])
            start = add_months(end + timedelta(days=1), -24)
        else:
            start = add_months(today.replace(day=1), -months_ago)
            end = add_months(start, 12 * years) - timedelta(days=1)
        # Due days spread over the month (never before the 8th: a bill issued on the 1st gives a week to pay).
        due_day = 8 + (position * 5) % 21
        lease_enter_running(tenant=tenant, units=units, start=start, end=end, staff=staff, due_day=due_day)
        report.count("leases", 1)


def _free_units(building: Building) -> list[Unit]:
    held = LeaseUnit.objects.filter(blocking=True).values("unit")
    free = building.units.filter(status=Unit.Status.VACANT).exclude(pk__in=held)
    return list(free.select_related("floor").order_by("code"))


def _take(free: list[Unit], size: int, gap: int) -> tuple[list[Unit], list[Unit]]:
    """The next ``size`` free units on one floor, then ``gap`` left vacant."""
    if not free:
        return [], free
    floor = free[0].floor_id
    units = [u for u in free[:size] if u.floor_id == floor]
    return units, free[len(units) + gap :]


def terms_for(units: list[Unit], start: date, end: date, due_day: int) -> DraftTerms:
    """Rent at the first unit's guide rent, the building's usual fee, monthly, three months' deposit."""
    return DraftTerms(
        start_date=start,
        end_date=end,
        rent_rate=units[0].guide_rent,
        fee_rate=FEE_RATE,
        payment_cycle=PaymentCycle.MONTHLY,
        due_day=due_day,
        use=units[0].use,
    )


@transaction.atomic
def lease_enter_running(
    *, tenant: Tenant, units: list[Unit], start: date, end: date, staff: Staff, due_day: int
) -> Lease:
    """A lease signed on paper before the system: drafted, approved by legal, recorded as signed on the day it
    started (the timeline says so, no document is pretended) and activated."""
    lease = lease_create(
        tenant=tenant,
        units=units,
        terms=terms_for(units, start, end, due_day),
        by=staff.manager,
        admission_override_reason=PAPER_LEASE,
    )
    _legal_approve(lease, staff)
    with acting(staff.manager):
        Lease.LIFECYCLE.move(lease, Lease.Status.SIGNED)
        lease.signed_at = timezone.make_aware(datetime.combine(start, time(10)))
        lease.save(update_fields=["status", "signed_at", "updated_at"])
        event_add(lease, LeaseEvent.Kind.SIGNED, staff.manager, PAPER_LEASE)
    if tenant.status == Tenant.Status.PROSPECT:
        tenant_update(tenant=tenant, by=staff.manager, status=Tenant.Status.ACTIVE)
    return lease_activate(lease=lease, by=staff.manager)


def _legal_approve(lease: Lease, staff: Staff) -> None:
    review = LegalReview.objects.get(lease=lease, amendment=None, status=LegalReview.Status.PENDING)
    review_approve(review=review, by=staff.legal, comments="条款为标准文本，同意。")


def seed_new_leases(tenants: list[Tenant], report: SeedReport) -> list[Lease]:
    """Two prospects of the first building sign in the system (summary printed, signed in ink): one lease
    starts in ten days (move-in), one started three weeks ago (fit-out). Returns them, oldest start first."""
    signed = Lease.objects.filter(events__kind=LeaseEvent.Kind.ADMISSION_OVERRIDDEN, events__note=NEW_LEASE)
    if signed.exists():
        return list(signed.order_by("start_date"))
    staff = demo_staff()
    building = Building.objects.filter(code=building_code(0)).first()
    # Prospects as drawn, leaving out a portal tenant entered above with its running lease.
    prospects = [t for t in tenants[:30] if t.status == Tenant.Status.PROSPECT and not t.leases.exists()][:2]
    if staff is None or building is None or len(prospects) < 2:
        return []
    today = timezone.localdate()
    free = _free_units(building)
    # Ground-floor shops are left to the running leases; the new tenants take offices higher up.
    free = [u for u in free if u.use == Unit.Use.OFFICE and u.floor.number >= 12]
    plans = ((today - timedelta(days=21), 3), (today + timedelta(days=10), 2))
    leases = []
    for tenant, (start, size) in zip(prospects, plans, strict=True):
        units, free = _take(free, size, 1)
        end = add_months(start, 36) - timedelta(days=1)
        leases.append(_lease_sign_new(tenant, units, start, end, staff))
        report.count("leases", 1)
    return leases


def _lease_sign_new(tenant: Tenant, units: list[Unit], start: date, end: date, staff: Staff) -> Lease:
    lease = lease_create(
        tenant=tenant,
        units=units,
        terms=terms_for(units, start, end, due_day=10),
        by=staff.manager,
        admission_override_reason=NEW_LEASE,
    )
    _legal_approve(lease, staff)
    contact = tenant.contacts.filter(is_primary=True).first()
    lease = lease_sign(
        lease=lease,
        staff_signer=staff.manager.get_full_name() or staff.manager.username,
        tenant_signer=contact.name if contact else tenant.legal_representative,
        by=staff.manager,
    )
    if start <= timezone.localdate():
        lease = lease_activate(lease=lease, by=staff.manager)
    return lease
