"""The tenant directory (《用户情况一览表》): every unit with the tenant of the live lease that holds it.

A unit's tenant is the one of the earliest live lease (signed, active or under notice) holding it and not yet
over; when a move-out completes the lease ends and the unit shows vacant. A page costs a constant number of
queries: the count, the units, their current lease lines with lease and tenant, and the tenants' contacts.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from tenancy.models import Contact, Tenant

from ..models import Building, Floor, Lease, LeaseUnit, Unit
from ..occupancy import holding_lines


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
    """Lease lines of live leases that hold their unit and are not over by ``today``: the same lines the
    unit's status is derived from (``leasing.occupancy``), so the directory and the status agree."""
    return holding_lines(today)


def directory_units(*, today: date, filters: DirectoryFilters) -> QuerySet[Unit]:
    """Units in building, floor, unit order. Filters on tenants are semi-joins on current lease lines, so
    the database never looks them up unit by unit (a page's leases come in ``directory_rows``)."""
    current = current_lease_units(today).filter(unit=OuterRef("pk"))
    units = Unit.objects.select_related("building", "floor").order_by(
        "building__code", "floor__number", "code"
    )
    if filters.building:
        units = units.filter(building=filters.building)
    if filters.floor is not None:
        units = units.filter(floor__number=filters.floor)
    if filters.occupancy == "let":
        units = units.filter(Exists(current))
    elif filters.occupancy == "vacant":
        units = units.filter(~Exists(current))
    if filters.kind:
        units = units.filter(Exists(current.filter(lease__tenant__kind=filters.kind)))
    if filters.text:
        by_lease = Q(lease__tenant__name__icontains=filters.text) | Q(lease__number__icontains=filters.text)
        units = units.filter(Q(code__icontains=filters.text) | Exists(current.filter(by_lease)))
    return units


def directory_rows(units: Any, today: date) -> list[DirectoryRow]:
    """The rows for these units (a page, or all of them for an export): three queries however many."""
    units = list(units)
    current: dict[int, LeaseUnit] = {}
    lease_units = (
        current_lease_units(today)
        .filter(unit_id__in=[unit.pk for unit in units])
        .select_related("lease__tenant")
        .order_by("unit_id", "start_date", "pk")
    )
    for line in lease_units:
        current.setdefault(line.unit_id, line)  # the earliest live lease holding the unit
    tenant_ids = {line.lease.tenant_id for line in current.values()}
    contacts: dict[int, Contact] = {}
    by_tenant = Contact.objects.filter(tenant_id__in=tenant_ids).order_by("tenant_id", "-is_primary", "name")
    for person in by_tenant:
        contacts.setdefault(person.tenant_id, person)  # the primary contact, else the first by name
    rows = []
    for unit in units:
        lease_unit = current.get(unit.pk)
        contact = contacts.get(lease_unit.lease.tenant_id) if lease_unit else None
        rows.append(DirectoryRow(unit=unit, lease_unit=lease_unit, contact=contact))
    return rows


def floor_numbers(building: Building | None) -> list[int]:
    floors = Floor.objects.filter(building=building) if building else Floor.objects.all()
    return list(floors.order_by("number").values_list("number", flat=True).distinct())
