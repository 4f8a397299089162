"""The API's world: two buildings, a tenant leasing in each (with a bill, a payment, a ticket, a contact and
a portal user), and helpers to make staff keys and tenant tokens and call with them."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from documents.api.secrets import token_issue
from leasing.models import Lease
from tenancy.integrations.services import api_key_create
from tests.billing.factories import issued_bill, pay
from tests.factories import ContactFactory, MembershipFactory, PersonTenantFactory, UserFactory
from tests.leasing.factories import BuildingFactory, UnitFactory
from tests.leasing.lease_factories import document_root_fixture, lease_in  # noqa: F401
from tests.servicedesk.factories import CategoryFactory, TicketFactory

MARCH = date(2026, 3, 1)


@dataclass
class Side:
    """One tenant's things, all in one building."""

    building: Any
    tenant: Any
    lease: Lease
    bill: Any
    payment: Any
    ticket: Any
    contact: Any
    user: Any


def _side(index: int, finance: Any) -> Side:
    building = BuildingFactory()
    unit = UnitFactory(building=building)
    tenant = PersonTenantFactory()
    lease = lease_in(Lease.Status.ACTIVE, units=[unit], tenant=tenant, payment_cycle="monthly", due_day=5)
    bill = issued_bill(lease)
    payment = pay(tenant, "10.00", by=finance)
    ticket = TicketFactory(tenant=tenant, unit=unit, building=building)
    contact = ContactFactory(tenant=tenant)
    user = MembershipFactory(tenant=tenant, user=UserFactory(username=f"portal{index}")).user
    return Side(building, tenant, lease, bill, payment, ticket, contact, user)


@pytest.fixture
def world(db, finance_manager, document_root):
    CategoryFactory()
    return _side(1, finance_manager), _side(2, finance_manager)


@pytest.fixture
def make_key(general_manager):
    def make(*scopes: str, buildings: tuple[int, ...] = (), expires_on: date | None = None) -> str:
        _key, raw = api_key_create(
            name="Gate system",
            scopes=list(scopes),
            building_ids=list(buildings),
            expires_on=expires_on,
            by=general_manager,
        )
        return raw

    return make


def client_with(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def tenant_client(user: Any) -> APIClient:
    return client_with(token_issue(user=user)[1])


def today() -> date:
    return timezone.localdate()
