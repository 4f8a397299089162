"""Two management offices, each running one building, and a tenant renting in both: the records the
building-scope tests of billing, fit-out, the service desk and the dashboard look at from each office."""

from dataclasses import dataclass
from typing import Any

from leasing.models import Building, Lease
from tests.billing.factories import active_lease
from tests.factories import OfficeFactory, TenantFactory, UserFactory


@dataclass
class TwoOffices:
    """``here`` and ``there``: the tenant's leases in office A's and office B's buildings."""

    tenant: Any
    here: Lease
    there: Lease
    office_a: Any
    office_b: Any

    def staff_a(self, *roles: str) -> Any:
        """A member of office A with the roles."""
        return UserFactory(roles=list(roles), offices=[self.office_a])


def two_offices() -> TwoOffices:
    tenant = TenantFactory()
    here, there = active_lease(tenant=tenant), active_lease(tenant=tenant)
    assert here.building_id != there.building_id
    office_a, office_b = OfficeFactory(name="A 管理处"), OfficeFactory(name="B 管理处")
    Building.objects.filter(pk=here.building_id).update(office=office_a)
    Building.objects.filter(pk=there.building_id).update(office=office_b)
    here.refresh_from_db()
    there.refresh_from_db()
    return TwoOffices(tenant, here, there, office_a, office_b)
