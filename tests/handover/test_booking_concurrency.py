"""Two clerks book the same freight-lift slot of one building at the same moment, for two tenants' visits
(so neither waits on the other's visit lock): exactly one booking is made, the other clerk gets the message
at the slot, whether the check before the insert or the unique constraint catches it."""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from documents.errors import DomainError
from handover import services
from handover.models import RelocationBooking, Visit
from leasing.models import Lease
from tests.leasing.factories import UnitFactory
from tests.leasing.lease_factories import lease_in

from .factories import TODAY, move_in_visit, staff

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_bookings_of_one_slot_at_once_make_one(document_root):
    # given
    by = staff()
    first = move_in_visit(by=by)
    lease = lease_in(Lease.Status.SIGNED, units=[UnitFactory(building=first.unit.building)])
    (second,) = services.visits_open_move_in(
        lease=lease, visit_date=TODAY + timedelta(days=3), by=by, today=TODAY
    )
    day = TODAY + timedelta(days=5)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def book(visit: Visit) -> None:
        try:
            barrier.wait()
            services.relocation_book(visit=visit, moving_date=day, slot="14-16", by=by, today=TODAY)
            outcomes.append("booked")
        except DomainError as error:
            outcomes.append(error.field or "")
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=book, args=(visit,)) for visit in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert sorted(outcomes) == ["booked", "slot"]
    assert RelocationBooking.objects.count() == 1
