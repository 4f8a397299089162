"""A tenant reports on its own units (under its current leases) or on a common area, never on another
tenant's unit: the portal form offers only those, and the service refuses the others."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.errors import DomainError
from leasing.models import Lease
from servicedesk import services
from servicedesk.models import Ticket
from tests.leasing.factories import UnitFactory
from tests.leasing.lease_factories import lease_in


def _lease_unit(tenant, status=Lease.Status.ACTIVE, *, days_from_now=(-30, 365)):
    today = timezone.localdate()
    start, end = (today + timedelta(days=d) for d in days_from_now)
    return lease_in(status, tenant=tenant, start_date=start, end_date=end).units.get()


@pytest.fixture
def foreign_unit(other_tenant):
    """A unit another tenant rents."""
    return _lease_unit(other_tenant)


def _ticket_data(category, **overrides):
    data = {"kind": "repair", "urgency": "normal", "category": category.pk, "description": "灯不亮"}
    return {**data, **overrides}


def test_the_portal_form_offers_only_the_tenants_current_units(
    client, tenant_user, tenant, leased_unit, foreign_unit
):
    # given: a vacant unit and a unit of the tenant's ended lease besides
    vacant = UnitFactory()
    ended = _lease_unit(tenant, Lease.Status.ENDED, days_from_now=(-400, -40))
    client.force_login(tenant_user)
    # when
    response = client.get(reverse("portal:ticket-create"))
    # then
    form = response.context["form"]
    assert list(form.fields["unit"].queryset) == [leased_unit]
    select = str(form["unit"])
    assert f'value="{leased_unit.pk}"' in select
    for unit in (foreign_unit, vacant, ended):
        assert f'value="{unit.pk}"' not in select


def test_a_posted_foreign_unit_is_a_field_error_and_nothing_is_stored(
    client, tenant_user, category, leased_unit, foreign_unit
):
    # given
    client.force_login(tenant_user)
    # when
    response = client.post(reverse("portal:ticket-create"), _ticket_data(category, unit=foreign_unit.pk))
    # then
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert not Ticket.objects.exists()


def test_a_common_area_is_reported_with_the_building_and_the_place(
    client, tenant_user, tenant, category, leased_unit
):
    # given
    client.force_login(tenant_user)
    data = _ticket_data(category, building=leased_unit.building_id, location="一楼大堂")
    # when
    response = client.post(reverse("portal:ticket-create"), data)
    # then
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert (ticket.tenant, ticket.unit, ticket.location) == (tenant, None, "一楼大堂")


@pytest.mark.parametrize("whose", ["other tenant", "vacant", "ended lease"])
def test_ticket_create_refuses_a_unit_outside_the_tenants_current_leases(
    tenant_user, tenant, other_tenant, category, whose
):
    # given
    unit = {
        "other tenant": lambda: _lease_unit(other_tenant),
        "vacant": UnitFactory,
        "ended lease": lambda: _lease_unit(tenant, Lease.Status.ENDED, days_from_now=(-400, -40)),
    }[whose]()
    # when / then
    with pytest.raises(DomainError) as refused:
        services.ticket_create(
            by=tenant_user,
            tenant=tenant,
            channel=Ticket.Channel.PORTAL,
            kind=Ticket.Kind.REPAIR,
            category=category,
            unit=unit,
            description="空调不制冷",
        )
    assert refused.value.field == "unit"
    assert not Ticket.objects.exists()


def test_staff_still_file_on_any_unit(front_desk, tenant, category, foreign_unit):
    # when
    ticket = services.ticket_create(
        by=front_desk,
        tenant=tenant,
        channel=Ticket.Channel.PHONE,
        kind=Ticket.Kind.REPAIR,
        category=category,
        unit=foreign_unit,
        description="走廊灯坏",
    )
    # then
    assert ticket.unit == foreign_unit
