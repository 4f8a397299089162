"""Two requests drafting leases over the same unit at the same time: the unit's row lock makes one wait, and
the check it then runs sees the other's committed lease. Real transactions on PostgreSQL, two threads."""

import threading
import time

import pytest
from django.db import connection, transaction

from documents.errors import DomainError
from leasing.models import Lease
from tests.factories import TenantFactory
from tests.leasing.factories import UnitFactory
from tests.leasing.lease_factories import business_user, draft_lease

pytestmark = pytest.mark.django_db(transaction=True)


def _run(results: dict, key: str, action) -> None:
    try:
        action()
        results[key] = "ok"
    except DomainError as error:
        results[key] = error.message
    finally:
        connection.close()


def test_a_second_draft_waits_for_the_first_and_is_refused():
    # given
    unit, user = UnitFactory(), business_user()
    tenants = TenantFactory.create_batch(2)
    first_holds_lock, release_first = threading.Event(), threading.Event()
    results: dict[str, str] = {}

    def first() -> None:
        with transaction.atomic():
            draft_lease(units=[unit], tenant=tenants[0], by=user)
            first_holds_lock.set()
            release_first.wait(10)

    def second() -> None:
        first_holds_lock.wait(10)
        draft_lease(units=[unit], tenant=tenants[1], by=user)

    threads = [
        threading.Thread(target=_run, args=(results, "first", first)),
        threading.Thread(target=_run, args=(results, "second", second)),
    ]
    # when
    for thread in threads:
        thread.start()
    first_holds_lock.wait(10)
    time.sleep(0.5)
    waiting = "second" not in results  # blocked on the unit's row lock
    release_first.set()
    for thread in threads:
        thread.join(20)
    # then
    assert waiting
    assert results["first"] == "ok"
    assert "已在合同" in results["second"]
    assert list(Lease.objects.values_list("tenant", flat=True)) == [tenants[0].pk]


def test_two_simultaneous_drafts_for_one_unit_make_one_lease():
    # given
    unit, user = UnitFactory(), business_user()
    tenants = TenantFactory.create_batch(2)
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}

    def attempt(tenant) -> None:
        barrier.wait(10)
        draft_lease(units=[unit], tenant=tenant, by=user)

    threads = [
        threading.Thread(target=_run, args=(results, str(i), lambda t=tenant: attempt(t)))
        for i, tenant in enumerate(tenants)
    ]
    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    # then
    assert list(results.values()).count("ok") == 1
    assert Lease.objects.count() == 1
