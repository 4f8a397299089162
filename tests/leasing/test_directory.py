"""The tenant directory (《用户情况一览表》): who may read it, what it lists, its filters and exports, and
that a completed move-out takes the tenant off it."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from leasing.models import Lease, Unit
from tenancy.roles import Role
from tests.factories import ContactFactory, PersonTenantFactory, TenantFactory
from tests.handover.factories import (
    complete_move_in,
    complete_move_out,
    move_in_visit,
    staff,
)
from tests.leasing.factories import BuildingFactory, FloorFactory, UnitFactory
from tests.leasing.lease_factories import document_root_fixture, lease_in  # noqa: F401 -- a fixture

pytestmark = pytest.mark.django_db
URL = reverse("leasing:directory")


def _get(client, user, **params):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    with translation.override("en"):  # the middleware's language must not outlive the request
        return client.get(URL, params)


def _rows(response) -> list[str]:
    """The unit codes listed on the page, in order."""
    return [row.unit.code for row in response.context["rows"]]


def _let(unit: Unit, tenant=None) -> Lease:
    return lease_in("active", units=[unit], tenant=tenant)


# --- who may read it ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.FRONT_DESK, 200),
        (Role.BUSINESS, 200),
        (Role.MANAGEMENT, 200),
        (Role.LEGAL, 403),
        (Role.FINANCE, 403),
        (Role.ENGINEERING, 403),
        (Role.SECURITY, 403),
    ],
)
def test_directory_roles(client, staff_by_role, role, status):
    assert _get(client, staff_by_role[role]).status_code == status
    assert _get(client, staff_by_role[role], export="csv").status_code == status


def test_a_portal_user_gets_the_staff_only_page(client, tenant_user):
    assert _get(client, tenant_user).status_code == 403


def test_the_menu_offers_the_directory_only_to_its_roles(client, front_desk, finance_manager):
    client.force_login(front_desk)
    assert URL in client.get(reverse("leasing:unit-list")).content.decode()
    client.force_login(finance_manager)
    assert URL not in client.get(reverse("leasing:unit-list")).content.decode()


# --- what it lists --------------------------------------------------------------------------------------


def test_a_let_unit_shows_its_tenant_lease_term_and_main_contact(client, front_desk):
    # given
    unit = UnitFactory(code="A-1201")
    tenant = TenantFactory(name="上海华科信息技术有限公司", phone="021-60000000")
    ContactFactory(tenant=tenant, name="赵六", mobile="13900000001", is_primary=False)
    ContactFactory(tenant=tenant, name="王经理", mobile="13800000000", is_primary=True)
    lease = _let(unit, tenant)
    vacant = UnitFactory(building=unit.building, code="A-1202")
    # when
    response = _get(client, front_desk)
    # then
    rows = {row.unit: row for row in response.context["rows"]}
    assert rows[unit].tenant == tenant and rows[unit].lease == lease
    assert rows[unit].contact.name == "王经理" and rows[unit].phone == "13800000000"
    assert rows[vacant].tenant is None
    page = response.content.decode()
    assert "上海华科信息技术有限公司" in page and lease.number in page and "13800000000" in page
    assert f"{lease.start_date:%Y-%m-%d} — {lease.effective_end:%Y-%m-%d}" in page


def test_without_a_contact_the_tenants_own_phone_is_shown(client, front_desk):
    unit = UnitFactory()
    _let(unit, TenantFactory(phone="021-61234567"))
    (row,) = _get(client, front_desk).context["rows"]
    assert row.contact is None and row.phone == "021-61234567"


def test_draft_and_cancelled_leases_do_not_make_a_tenant(client, front_desk):
    draft = lease_in("draft")
    cancelled = lease_in("cancelled")
    rows = _get(client, front_desk).context["rows"]
    assert {row.unit.pk for row in rows} == {draft.units.get().pk, cancelled.units.get().pk}
    assert all(row.tenant is None for row in rows)


def test_filters_by_building_floor_tenant_kind_and_text(client, front_desk):
    # given
    building = BuildingFactory(code="T1")
    floor3 = FloorFactory(building=building, number=3)
    a = UnitFactory(building=building, floor=floor3, code="T1-0301")
    b = UnitFactory(building=building, floor=FloorFactory(building=building, number=5), code="T1-0501")
    elsewhere = UnitFactory(code="Z-0301")
    _let(a, TenantFactory(name="远景咨询有限公司"))
    _let(b, PersonTenantFactory(name="李四"))
    _let(elsewhere)
    # when / then
    assert _rows(_get(client, front_desk, building=building.pk)) == ["T1-0301", "T1-0501"]
    assert _rows(_get(client, front_desk, building=building.pk, floor=3)) == ["T1-0301"]
    assert _rows(_get(client, front_desk, kind="person")) == ["T1-0501"]
    assert _rows(_get(client, front_desk, q="远景")) == ["T1-0301"]
    assert _rows(_get(client, front_desk, q="Z-03")) == ["Z-0301"]


def test_occupancy_filter_lists_let_or_vacant_units(client, front_desk):
    let, vacant = UnitFactory(), UnitFactory()
    _let(let)
    assert [r.unit for r in _get(client, front_desk, occupancy="let").context["rows"]] == [let]
    assert [r.unit for r in _get(client, front_desk, occupancy="vacant").context["rows"]] == [vacant]


def test_bad_filters_get_a_message_at_the_field_and_keep_what_was_entered(client, front_desk):
    # given
    unit = UnitFactory()
    _let(unit)
    # when
    response = _get(client, front_desk, floor="abc", kind="robot", q="x" * 10_000)
    # then
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"floor", "kind", "q"}
    page = response.content.decode()
    assert "Enter a whole number." in page and "Select a valid choice." in page
    assert 'data-testid="directory-q-error"' in page and "x" * 100 in page  # the text stays in the box
    assert _rows(response) == [unit.code]  # the fields in error filter nothing


def test_a_page_costs_the_same_queries_for_few_or_many_units(client, front_desk):
    # given
    building = BuildingFactory()
    for _ in range(3):
        _let(UnitFactory(building=building), tenant=ContactFactory().tenant)
    client.force_login(front_desk)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for _ in range(30):
        _let(UnitFactory(building=building), tenant=ContactFactory().tenant)
    UnitFactory.create_batch(30, building=building)
    # when
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    # then
    assert len(response.context["rows"]) == 50  # one page of 66 units
    assert len(many) == len(few) <= 12


# --- exports --------------------------------------------------------------------------------------------


def test_csv_export_lists_every_filtered_unit_with_formulas_defused(client, business_manager):
    # given
    unit = UnitFactory(code="C-0101", gross_area=Decimal("123.45"), usable_area=Decimal("100.00"))
    _let(unit, TenantFactory(name='=HYPERLINK("http://x")'))
    UnitFactory(code="C-0102", building=unit.building)
    # when
    response = _get(client, business_manager, export="csv", building=unit.building.pk)
    # then
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Building", "Floor", "Unit"]
    assert [r[2] for r in rows[1:]] == ["C-0101", "C-0102"]
    assert rows[1][3] == "123.45" and rows[1][5] == '\'=HYPERLINK("http://x")'
    assert rows[2][5] == "Vacant"


def test_xlsx_export_keeps_numbers_and_dates_and_defuses_formulas(client, general_manager):
    # given
    unit = UnitFactory(code="D-0101", gross_area=Decimal("88.00"), usable_area=Decimal("70.00"))
    lease = _let(unit, TenantFactory(name="+cmd|' /C calc'!A0"))
    # when
    response = _get(client, general_manager, export="xlsx")
    # then
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, row = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    assert header[2] == "Unit" and row[2] == "D-0101"
    assert row[3] == 88 and row[5] == "'+cmd|' /C calc'!A0" and row[7] == lease.number
    assert row[8].date() == lease.start_date


# --- move-out -------------------------------------------------------------------------------------------


@pytest.fixture
def _documents(document_root):
    """The handover renders its sheets into a fresh folder."""


@pytest.mark.usefixtures("_documents")
def test_a_completed_move_out_takes_the_tenant_off_the_directory(client, front_desk):
    # given: a tenant moved in through the handover and listed at its unit
    by = staff()
    visit = move_in_visit(by=by, status=Lease.Status.ACTIVE)
    complete_move_in(visit, by)
    tenant = visit.lease.tenant
    before = {row.unit.pk: row.tenant for row in _get(client, front_desk).context["rows"]}
    assert before[visit.unit_id] == tenant
    # when: the move-out visit is filled, signed and so completed
    complete_move_out(visit, by)
    # then
    assert Lease.objects.get(pk=visit.lease_id).status == Lease.Status.ENDED
    response = _get(client, front_desk)
    after = {row.unit.pk: row.tenant for row in response.context["rows"]}
    assert after[visit.unit_id] is None
    assert tenant.name not in response.content.decode()
    assert tenant.name not in _get(client, front_desk, export="csv").content.decode("utf-8-sig")
