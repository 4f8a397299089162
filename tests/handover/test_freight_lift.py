"""Freight-lift requests (货梯预约): a tenant asks for a slot in the portal, the front desk confirms or
declines it; a slot is confirmed once and never over a move's booking; a suspended tenant is refused; another
tenant's request is out of sight."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from documents.errors import DomainError
from handover.models import FreightLiftRequest, RelocationBooking
from handover.services.freight import freight_lift_confirm, freight_lift_decline, freight_lift_request
from tests.billing.factories import active_lease
from tests.billing.test_collection_suspension import suspend
from tests.factories import MembershipFactory, TenantFactory
from tests.leasing.lease_factories import (
    building_with_units,
    document_root_fixture,  # noqa: F401 - fixture
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _ask(user, lease, *, slot="10-12", days=3):
    return freight_lift_request(
        by=user,
        tenant=lease.tenant,
        building=lease.building,
        day=timezone.localdate() + timedelta(days=days),
        slot=slot,
        purpose="办公家具",
    )


def test_a_tenant_asks_in_the_portal_and_the_front_desk_confirms(client, front_desk):
    # given
    lease = active_lease()
    user = MembershipFactory(tenant=lease.tenant).user
    client.force_login(user)
    day = timezone.localdate() + timedelta(days=2)
    # when: the tenant asks
    posted = client.post(
        reverse("portal:freight-lift"),
        {"building": lease.building_id, "day": day.isoformat(), "slot": "14-16", "purpose": "复印机进场"},
    )
    # then: requested, listed in the portal and in the front desk's queue
    assert posted.status_code == 302
    lift = FreightLiftRequest.objects.get()
    assert (lift.tenant, lift.day, lift.slot, lift.status) == (lease.tenant, day, "14-16", "requested")
    assert "复印机进场" in client.get(reverse("portal:freight-lift")).content.decode()
    client.force_login(front_desk)
    queue = client.get(reverse("handover:freight-queue")).content.decode()
    assert f'data-testid="freight-confirm-{lift.pk}"' in queue
    # when: the front desk confirms
    client.post(reverse("handover:freight-confirm", args=[lift.pk]))
    lift.refresh_from_db()
    assert lift.status == "confirmed" and lift.decided_by == front_desk


def test_a_confirmed_slot_or_a_moves_booking_refuses_another_request(front_desk):
    first, second = building_with_units(2)  # two tenants of one building
    lease = active_lease(units=[first])
    other = active_lease(units=[second], tenant=TenantFactory())
    mine = _ask(MembershipFactory(tenant=lease.tenant).user, lease)
    theirs = _ask(MembershipFactory(tenant=other.tenant).user, other)
    freight_lift_confirm(request=mine, by=front_desk)
    # the other request of the same slot cannot be confirmed now, nor asked for again
    with translation.override("en"):
        with pytest.raises(DomainError) as error:
            freight_lift_confirm(request=theirs, by=front_desk)
        assert "already booked" in str(error.value.message)
    assert FreightLiftRequest.objects.get(pk=theirs.pk).status == "requested"
    with pytest.raises(DomainError):
        _ask(MembershipFactory(tenant=other.tenant).user, other)
    # a slot a move has booked is refused too
    RelocationBooking.objects.create(
        visit=_visit_for(other),
        building=other.building,
        moving_date=timezone.localdate() + timedelta(days=3),
        slot="16-18",
    )
    with pytest.raises(DomainError):
        _ask(MembershipFactory(tenant=other.tenant).user, other, slot="16-18")


def _visit_for(lease):
    from handover.models import Visit

    return Visit.objects.create(
        kind=Visit.Kind.MOVE_IN,
        lease=lease,
        unit=lease.units.first(),
        tenant=lease.tenant,
        visit_date=timezone.localdate(),
    )


def test_a_suspended_tenant_is_refused_the_freight_lift(document_root, tenant):
    suspend(tenant)
    lease = tenant.leases.first()
    with pytest.raises(DomainError) as error:
        _ask(MembershipFactory(tenant=tenant).user, lease)
    assert "suspended for arrears" in error.value.message
    assert not FreightLiftRequest.objects.exists()


def test_a_past_day_a_building_not_rented_and_a_read_only_person_are_refused():
    lease, elsewhere = active_lease(), active_lease()
    user = MembershipFactory(tenant=lease.tenant).user
    with pytest.raises(DomainError):
        _ask(user, lease, days=-1)
    with pytest.raises(DomainError):
        freight_lift_request(
            by=user,
            tenant=lease.tenant,
            building=elsewhere.building,
            day=timezone.localdate() + timedelta(days=1),
            slot="10-12",
            purpose="x",
        )
    reader = MembershipFactory(tenant=lease.tenant, role="read_only").user
    with pytest.raises(PermissionDenied):
        _ask(reader, lease)


def test_the_front_desk_declines_saying_why_and_only_once(client, front_desk, engineer):
    lease = active_lease()
    lift = _ask(MembershipFactory(tenant=lease.tenant).user, lease)
    with pytest.raises(PermissionDenied):
        freight_lift_decline(request=lift, by=engineer, reason="维修")
    with pytest.raises(DomainError):
        freight_lift_decline(request=lift, by=front_desk, reason=" ")
    freight_lift_decline(request=lift, by=front_desk, reason="当天货梯检修")
    with pytest.raises(DomainError):
        freight_lift_confirm(request=lift, by=front_desk)
    client.force_login(MembershipFactory(tenant=lease.tenant).user)
    assert "当天货梯检修" in client.get(reverse("portal:freight-lift")).content.decode()


def test_another_tenant_never_sees_the_request(client):
    lease = active_lease()
    _ask(MembershipFactory(tenant=lease.tenant).user, lease)
    client.force_login(MembershipFactory(tenant=TenantFactory()).user)
    page = client.get(reverse("portal:freight-lift")).content.decode()
    assert "办公家具" not in page and 'data-testid="freight-none"' in page


def test_the_home_quick_action_leads_to_the_freight_lift(client):
    lease = active_lease()
    client.force_login(MembershipFactory(tenant=lease.tenant).user)
    home = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("portal:freight-lift")}" data-testid="home-action-lift"' in home
