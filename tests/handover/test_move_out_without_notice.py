"""Issue 13: a lease the landlord terminated (or holding over) moves out without a tenant's notice: the
move-out page offers it and opens its visits; choosing neither a notice nor a lease is refused at the
field."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from handover.models import Visit
from leasing.models import Lease, LeaseTermination
from tests.leasing.lease_factories import lease_in

pytestmark = pytest.mark.django_db


def _terminated() -> Lease:
    today = timezone.localdate()
    lease = lease_in(
        Lease.Status.NOTICE_GIVEN, start_date=today - timedelta(days=300), end_date=today + timedelta(days=60)
    )
    LeaseTermination.objects.create(
        lease=lease, grounds="arrears", reason="unpaid", effective_date=today + timedelta(days=30),
        status=LeaseTermination.Status.APPROVED,
    )  # fmt: skip
    return lease


def test_a_terminated_lease_is_offered_and_its_move_out_opened_from_the_page(client, front_desk):
    # given
    lease, running = _terminated(), lease_in(Lease.Status.ACTIVE)
    client.force_login(front_desk)
    url = reverse("handover:visit-open-move-out")
    # when
    leases = list(client.get(url).context["form"].fields["lease"].queryset)
    day = timezone.localdate() + timedelta(days=3)
    response = client.post(url, {"lease": lease.pk, "visit_date": day.isoformat()})
    # then
    assert leases == [lease] and running not in leases
    visit = Visit.objects.get(lease=lease, kind=Visit.Kind.MOVE_OUT)
    assert response.status_code == 302 and response.url == reverse("handover:visit-detail", args=[visit.pk])


def test_neither_a_notice_nor_a_lease_is_refused_at_the_field(client, front_desk):
    _terminated()
    client.force_login(front_desk)
    day = timezone.localdate() + timedelta(days=3)
    response = client.post(reverse("handover:visit-open-move-out"), {"visit_date": day.isoformat()})
    assert response.status_code == 200 and response.context["form"].errors["notice"]
    assert not Visit.objects.exists()
