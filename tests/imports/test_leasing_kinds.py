"""Day-one imports of the space and of running leases: clean files, every kind of error, encodings,
re-imports that change nothing and corrected files that update."""

from decimal import Decimal

import pytest

from documents.imports.engine import ImportRefused, import_run
from documents.models import ImportBatch
from leasing.models import Building, Lease, LeaseEvent, LeaseUnit, Unit
from leasing.models.leases import LeaseOrigin
from tenancy.models import Tenant

from .conftest import as_csv, as_xlsx, days
from .space_files import LEASES, TENANTS, UNITS

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(business_manager):
    import_run("units", as_xlsx(UNITS), by=business_manager, commit=True)
    import_run("tenants", as_csv(TENANTS), by=business_manager, commit=True)
    return business_manager


def test_units_import_creates_the_building_floors_and_units(business_manager):
    # when
    result = import_run("units", as_xlsx(UNITS), by=business_manager, commit=True)
    # then
    assert (result.batch.created, result.batch.status) == (3, ImportBatch.Status.COMMITTED)
    building = Building.objects.get(code="A")
    assert building.name == "国贸中心A座"
    assert sorted(building.floors.values_list("number", flat=True)) == [-1, 12]
    unit = Unit.objects.get(code="A-B101")
    assert (unit.use, unit.gross_area, unit.status) == ("storage", Decimal("45.00"), "vacant")


def test_units_reimport_changes_nothing_and_a_corrected_file_updates(business_manager):
    import_run("units", as_xlsx(UNITS), by=business_manager, commit=True)
    # when the same file comes again
    again = import_run("units", as_csv(UNITS), by=business_manager, commit=True)
    # then
    assert (again.batch.created, again.batch.updated, again.batch.unchanged) == (0, 0, 3)
    corrected = [row[:] for row in UNITS]
    corrected[2][4] = "125.00"
    result = import_run("units", as_csv(corrected), by=business_manager, commit=True)
    assert (result.batch.updated, result.batch.unchanged) == (1, 2)
    assert Unit.objects.get(code="A-1202").gross_area == Decimal("125.00")


def test_units_import_lists_every_error_and_writes_nothing(business_manager):
    bad = [
        UNITS[0],
        ["B", "", "0", "B-1", "abc", "10", "办公", ""],
        ["A", "国贸中心A座", "3", "A-301", "100", "120", "厨房", "-1"],
        ["A", "国贸中心A座", "3", "A-301", "100", "90", "", ""],
    ]
    # when
    result = import_run("units", as_csv(bad), by=business_manager, commit=False)
    # then
    columns = [(e["line"], e["column"]) for e in result.batch.errors]
    assert (2, "Building name") in columns and (2, "Floor") in columns and (2, "Gross area (m²)") in columns
    assert (
        (3, "Use") in columns
        and (3, "Usable area (m²)") in columns
        and (3, "Guide rent (CNY/m²/month)") in columns
    )
    assert (4, "Unit code") in columns
    assert not Unit.objects.exists() and not Building.objects.exists()


def test_units_in_gbk_and_utf8_with_bom_read_alike(business_manager):
    gbk = import_run("units", as_csv(UNITS, "gbk"), by=business_manager, commit=False)
    bom = import_run("units", as_csv(UNITS, "utf-8-sig"), by=business_manager, commit=False)
    assert gbk.batch.errors == [] and bom.batch.errors == []
    assert gbk.batch.preview == bom.batch.preview
    assert gbk.batch.preview[0][2] == "A · A-1201"


def test_leases_import_makes_running_leases_signed_before_the_system(loaded):
    # when
    result = import_run("leases", as_csv(LEASES, "gb18030"), by=loaded, commit=True)
    # then
    assert result.batch.created == 2
    lease = Lease.objects.get(number="HT-2024-001")
    assert (lease.status, lease.origin, lease.signed_at, lease.application_id) == (
        "active",
        "imported",
        None,
        None,
    )
    assert lease.area == Decimal("306.50")
    assert lease.events.get().kind == LeaseEvent.Kind.IMPORTED
    assert set(Unit.objects.filter(code__in=["A-1201", "A-1202"]).values_list("status", flat=True)) == {
        "occupied"
    }
    assert Tenant.objects.get(credit_code="91110000600037341L").status == Tenant.Status.ACTIVE


def test_leases_reimport_changes_nothing_and_a_corrected_file_corrects(loaded):
    import_run("leases", as_csv(LEASES), by=loaded, commit=True)
    again = import_run("leases", as_xlsx(LEASES), by=loaded, commit=True)
    assert (again.batch.created, again.batch.updated, again.batch.unchanged) == (0, 0, 2)
    # when the rent and the units of the first lease are corrected
    corrected = [row[:] for row in LEASES]
    corrected[1][3], corrected[1][6] = "A-1201", "7.00"
    result = import_run("leases", as_csv(corrected), by=loaded, commit=True)
    # then
    assert (result.batch.updated, result.batch.unchanged) == (1, 1)
    lease = Lease.objects.get(number="HT-2024-001")
    assert (lease.rent_rate, lease.area) == (Decimal("7.00"), Decimal("186.50"))
    assert list(lease.lease_units.values_list("unit__code", flat=True)) == ["A-1201"]
    assert lease.events.filter(kind=LeaseEvent.Kind.IMPORT_CORRECTED).exists()
    assert Unit.objects.get(code="A-1202").status == "vacant"


def test_leases_import_lists_every_error_and_writes_nothing(loaded):
    bad = [
        LEASES[0],
        ["HT-1", "91110000600037341X", "A", "A-1201", days(-10), days(300), "6", "1", "季付", "100"],
        ["HT-2", "11010519491231002X", "A", "A-9999", "2025-13-01", days(300), "6", "", "", "100"],
        ["HT-3", "11010519491231002X", "A", "A-1202", days(-10), days(-5), "x", "", "每周", ""],
        ["HT-4", "91110000600037341L", "A", "A-B101", days(-10), days(300), "6", "", "", "100"],
        ["HT-5", "11010519491231002X", "A", "A-B101", days(-30), days(100), "6", "", "", "100"],
        ["HT-6", "11010519491231002X", "Z", "Z-1", days(10), days(100), "6", "", "", "100"],
    ]
    # when
    result = import_run("leases", as_csv(bad), by=loaded, commit=False)
    # then
    messages = {(e["line"], e["column"]): e["message"] for e in result.batch.errors}
    assert "unknown tenant" in messages[(2, "Tenant credit code or ID number")]
    assert "unknown unit A-9999" in messages[(3, "Units")]
    assert "not a date" in messages[(3, "Start date")]
    assert "ended" in messages[(4, "Current end date (after amendments)")]
    assert (
        "not a number" in messages[(4, "Rent")]
        and (4, "Payment cycle") in messages
        and (4, "Deposit") in messages
    )
    assert "overlapping lease" in messages[(6, "Units")]
    assert (
        "unknown building" in messages[(7, "Building code")] and "not started" in messages[(7, "Start date")]
    )
    assert not Lease.objects.exists() and not LeaseUnit.objects.exists()
    with pytest.raises(ImportRefused):
        import_run("leases", as_csv(bad), by=loaded, commit=True)
    assert not Lease.objects.exists()


def test_leases_import_never_touches_a_lease_drafted_in_the_system(loaded):
    import_run("leases", as_csv(LEASES), by=loaded, commit=True)
    Lease.objects.filter(number="HT-2024-002").update(origin=LeaseOrigin.SYSTEM)
    result = import_run("leases", as_csv(LEASES), by=loaded, commit=False)
    assert [e["line"] for e in result.batch.errors] == [3]
