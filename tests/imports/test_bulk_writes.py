"""The set-based writes of the day-one imports keep the audit trail: each imported lease, unit and tenant has
its history row, carrying the import batch and the clerk, although thousands are written per statement."""

import pytest

from documents.bulk import insert_rows
from documents.imports.engine import import_run
from leasing.models import Lease, LeaseEvent, Unit
from tenancy.models import Tenant

from .conftest import as_csv
from .space_files import LEASES, TENANTS, UNITS

pytestmark = pytest.mark.django_db


def test_imported_leases_units_and_tenants_keep_their_history_with_the_batch(business_manager):
    # given
    import_run("units", as_csv(UNITS), by=business_manager, commit=True)
    tenants = import_run("tenants", as_csv(TENANTS), by=business_manager, commit=True)
    # when
    result = import_run("leases", as_csv(LEASES), by=business_manager, commit=True)
    # then: one insert row per lease, in the batch's context
    for lease in Lease.objects.all():
        (row,) = lease.history.all()
        assert (row.pgh_label, row.status) == ("insert", Lease.Status.ACTIVE)
        assert row.pgh_context.metadata["import_batch"] == result.batch.pk
        assert row.pgh_context.metadata["user"] == business_manager.pk
    assert LeaseEvent.objects.filter(kind=LeaseEvent.Kind.IMPORTED).count() == 2
    # the units' occupancy moved in one statement, each unit's change recorded once
    let = Unit.objects.get(code="A-1201")
    assert let.status == Unit.Status.OCCUPIED
    assert [e.status for e in let.events.order_by("pgh_id")] == [Unit.Status.VACANT, Unit.Status.OCCUPIED]
    company = Tenant.objects.get(credit_code="91110000600037341L")
    (created,) = company.events.all()
    assert created.pgh_context.metadata["import_batch"] == tenants.batch.pk


def test_insert_rows_wants_the_ids_reserved_first():
    with pytest.raises(ValueError, match="reserve the ids"):
        insert_rows(LeaseEvent, [LeaseEvent(lease_id=1, kind=LeaseEvent.Kind.IMPORTED)])
