"""The tenant directory (《用户情况一览表》): every unit with the tenant of the live lease that holds it.

A unit's tenant is the one of the earliest live lease (signed, active or under notice) holding it and not yet
over; when a move-out completes the lease ends and the unit shows vacant. A page costs a constant number of
queries: the count, the units, their lease lines with lease and tenant, and the tenants' contacts.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from tenancy.models import Contact, Tenant

from ..models import Building, Floor, Lease, LeaseUnit, Unit


@dataclass(frozen=True)
class DirectoryFilters:
    building: Building | None = None
    floor: int | None = None
    kind: str = ""
    occupancy: str = ""  # "let", "vacant" or "" for every unit
    text: str = ""


@dataclass(frozen=True)
class DirectoryRow:
    unit: Unit
    lease_unit: LeaseUnit | None
    contact: Contact | None

    @property
    def lease(self) -> Lease | None:
        return self.lease_unit.lease if self.lease_unit else None

    @property
    def tenant(self) -> Tenant | None:
        return self.lease_unit.lease.tenant if self.lease_unit else None

    @property
    def phone(self) -> str:
        """The main contact's mobile, else the tenant's own phone."""
        if self.contact and self.contact.mobile:
            return self.contact.mobile
        return self.tenant.phone if self.tenant else ""


def current_lease_units(today: date) -> QuerySet[LeaseUnit]:
    """Lease lines of live leases that hold their unit and are not over by ``today``."""
    return LeaseUnit.objects.filter(blocking=True, lease__status__in=Lease.LIVE, end_date__gte=today)


def directory_units(*, today: date, filters: DirectoryFilters) -> QuerySet[Unit]:
    """Units (building, floor, unit order) annotated with ``current_id``, their current lease line."""
    current = current_lease_units(today).filter(unit=OuterRef("pk")).order_by("start_date", "pk")
    units = (
        Unit.objects.select_related("building", "floor")
        .annotate(current_id=Subquery(current.values("pk")[:1]))
        .order_by("building__code", "floor__number", "code")
    )
    if filters.building:
        units = units.filter(building=filters.building)
    if filters.floor is not None:
        units = units.filter(floor__number=filters.floor)
    if filters.occupancy == "let" or filters.kind:
        units = units.filter(current_id__isnull=False)
    elif filters.occupancy == "vacant":
        units = units.filter(current_id__isnull=True)
    if filters.kind:
        units = units.filter(current_id__in=LeaseUnit.objects.filter(lease__tenant__kind=filters.kind))
    if filters.text:
        by_lease = LeaseUnit.objects.filter(
            Q(lease__tenant__name__icontains=filters.text) | Q(lease__number__icontains=filters.text)
        )
        units = units.filter(Q(code__icontains=filters.text) | Q(current_id__in=by_lease.values("pk")))
    return units


def directory_rows(units: Any) -> list[DirectoryRow]:
    """The rows for these units (a page, or all of them for an export): two queries however many."""
    units = list(units)
    lease_units = LeaseUnit.objects.select_related("lease__tenant").in_bulk(
        [unit.current_id for unit in units if unit.current_id]
    )
    tenant_ids = {lu.lease.tenant_id for lu in lease_units.values()}
    contacts: dict[int, Contact] = {}
    for contact in Contact.objects.filter(tenant_id__in=tenant_ids).order_by(
        "tenant_id", "-is_primary", "name"
    ):
        contacts.setdefault(contact.tenant_id, contact)
    rows = []
    for unit in units:
        lease_unit = lease_units.get(unit.current_id) if unit.current_id else None
        contact = contacts.get(lease_unit.lease.tenant_id) if lease_unit else None
        rows.append(DirectoryRow(unit=unit, lease_unit=lease_unit, contact=contact))
    return rows


def floor_numbers(building: Building | None) -> list[int]:
    floors = Floor.objects.filter(building=building) if building else Floor.objects.all()
    return list(floors.order_by("number").values_list("number", flat=True).distinct())
