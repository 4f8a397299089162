"""A lease start far in the past is asked about: the tick and a reason, which goes on the lease's timeline."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leasing.models import Lease, LeaseEvent
from tests.leasing.lease_factories import building_with_units, draft_lease

from .test_lease_pages import _lease_post

pytestmark = pytest.mark.django_db


def _long_ago() -> str:
    return (timezone.localdate() - timedelta(days=45)).isoformat()


def test_a_start_far_in_the_past_is_asked_about_and_nothing_is_drafted(client, business_manager, tenant):
    # given
    client.force_login(business_manager)
    # when
    response = client.post(
        reverse("leasing:lease-create"), _lease_post(tenant, building_with_units(1), start_date=_long_ago())
    )
    # then
    assert response.status_code == 200
    assert response.context["form"].errors["start_date"]
    assert 'data-testid="past-start"' in response.content.decode()
    assert Lease.objects.count() == 0


def test_a_tick_without_a_reason_is_refused(client, business_manager, tenant):
    client.force_login(business_manager)
    data = _lease_post(tenant, building_with_units(1), start_date=_long_ago(), past_start_confirmed="on")
    response = client.post(reverse("leasing:lease-create"), data)
    assert response.context["form"].errors["past_start_reason"]
    assert Lease.objects.count() == 0


def test_a_confirmed_start_is_drafted_with_its_reason_on_the_timeline(client, business_manager, tenant):
    # given
    client.force_login(business_manager)
    data = _lease_post(
        tenant,
        building_with_units(1),
        start_date=_long_ago(),
        past_start_confirmed="on",
        past_start_reason="租户十月已入驻，合同补签",
    )
    # when
    response = client.post(reverse("leasing:lease-create"), data)
    # then
    assert response.status_code == 302
    event = Lease.objects.get().events.get(kind=LeaseEvent.Kind.DRAFTED)
    assert event.note == "租户十月已入驻，合同补签"


def test_editing_a_draft_to_a_start_far_in_the_past_records_the_reason(client, business_manager):
    # given
    lease = draft_lease()
    client.force_login(business_manager)
    data = _lease_post(
        lease.tenant,
        [row.unit for row in lease.lease_units.all()],
        start_date=_long_ago(),
        past_start_confirmed="on",
        past_start_reason="按实际入驻日补录",
    )
    # when
    response = client.post(reverse("leasing:lease-edit", kwargs={"pk": lease.pk}), data)
    # then
    assert response.status_code == 302, response.context["form"].errors
    assert lease.events.filter(kind=LeaseEvent.Kind.UPDATED, note="按实际入驻日补录").exists()
