"""The lease's audit trail is written by statement-level triggers: one statement changing many leases still
records one history row per lease, with the acting user when there is one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from leasing.leases.ending import leases_hold_over
from leasing.leases.services import lease_activate
from leasing.models import Lease
from tenancy.history import object_history
from tests.factories import UserFactory
from tests.leasing.lease_factories import lease_in

pytestmark = pytest.mark.django_db


def test_a_sweep_over_many_leases_records_each_leases_change():
    # given: three running leases whose term ended yesterday, and one still running
    today = timezone.localdate()
    overdue = [lease_in(Lease.Status.ACTIVE, end_date=today - timedelta(days=1)) for _ in range(3)]
    running = lease_in(Lease.Status.ACTIVE, end_date=today + timedelta(days=30))
    # when: the sweep moves the three in one statement
    moved = leases_hold_over(today=today)
    # then: each of the three has exactly one new history row saying so; the running one none
    assert sorted(moved) == sorted(lease.pk for lease in overdue)
    for lease in overdue:
        rows = list(lease.history.filter(pgh_label="update").order_by("pgh_id"))
        assert [row.status for row in rows][-1] == Lease.Status.HOLDING_OVER
        assert sum(row.status == Lease.Status.HOLDING_OVER for row in rows) == 1
    assert not running.history.filter(status=Lease.Status.HOLDING_OVER).exists()


def test_a_lease_change_by_a_user_is_recorded_with_that_user():
    # given
    lease = lease_in(Lease.Status.SIGNED)
    business = UserFactory(roles=["business"])
    # when
    lease_activate(lease=lease, by=business, today=timezone.localdate())
    # then
    latest = object_history(Lease.objects.get(pk=lease.pk))[0]
    assert latest.user == business
    assert any(str(new) == str(Lease.Status.ACTIVE.label) for _field, _old, new in latest.changes)
