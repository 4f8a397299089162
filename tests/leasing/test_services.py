"""The space services: rules, roles and the acting user in the history."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from documents.errors import DomainError
from leasing.models import Building, Floor, Unit
from leasing.services import building_create, building_update, unit_create, unit_update
from tenancy.history import object_history
from tests.leasing.factories import BuildingFactory, UnitFactory


def _unit_args(building: Building, **overrides) -> dict:
    args = {
        "building": building,
        "floor_number": 2,
        "code": "201",
        "gross_area": Decimal("100.00"),
        "usable_area": Decimal("80.00"),
        "use": Unit.Use.OFFICE,
        "status": Unit.Status.VACANT,
        "guide_rent": Decimal("5.00"),
    }
    return {**args, **overrides}


def test_unit_create_records_the_acting_user(business_manager):
    # given
    building = BuildingFactory()
    # when
    unit = unit_create(**_unit_args(building), by=business_manager)
    # then
    entry = object_history(unit)[0]
    assert entry.user == business_manager and entry.is_insert


def test_unit_create_strips_the_code_and_creates_the_floor(business_manager):
    # when
    unit = unit_create(**_unit_args(BuildingFactory(), code="  201 ", floor_number=-2), by=business_manager)
    # then
    assert unit.code == "201"
    assert str(unit.floor) == "B2"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"gross_area": Decimal("0")}, "gross_area"),
        ({"usable_area": Decimal("-1")}, "usable_area"),
        ({"usable_area": Decimal("100.01")}, "usable_area"),
        ({"guide_rent": Decimal("-1")}, "guide_rent"),
        ({"floor_number": 0}, "floor_number"),
        ({"use": "garage"}, "use"),
        ({"status": "sold"}, "status"),
        ({"code": "  "}, "code"),
    ],
)
def test_unit_create_refuses_bad_values_and_writes_nothing(business_manager, overrides, field):
    # when
    with pytest.raises(DomainError) as refused:
        unit_create(**_unit_args(BuildingFactory(), **overrides), by=business_manager)
    # then
    assert refused.value.field == field
    assert not Unit.objects.exists() and not Floor.objects.exists()


def test_unit_create_refuses_a_code_the_building_has(business_manager):
    # given
    existing = UnitFactory(code="201")
    # when
    with pytest.raises(DomainError) as refused:
        unit_create(**_unit_args(existing.building), by=business_manager)
    # then
    assert refused.value.field == "code"
    assert str(refused.value.message) == "该楼宇已有相同编号的单元。"


@pytest.mark.parametrize("role_fixture", ["front_desk", "engineer", "legal_manager", "finance_manager"])
def test_unit_create_is_for_business_and_management_only(request, role_fixture):
    # given
    user = request.getfixturevalue(role_fixture)
    # when / then
    with pytest.raises(PermissionDenied):
        unit_create(**_unit_args(BuildingFactory()), by=user)
    assert not Unit.objects.exists()


def test_unit_update_moves_the_unit_to_another_floor(engineer):
    # given
    unit = UnitFactory(code="201")
    # when
    unit_update(unit=unit, **_unit_args(unit.building, floor_number=9, notes="改到九层"), by=engineer)
    # then
    unit.refresh_from_db()
    assert unit.floor.number == 9 and unit.notes == "改到九层"
    assert object_history(unit)[0].user == engineer


def test_unit_update_refuses_roles_that_may_not_edit(security_guard):
    # given
    unit = UnitFactory(notes="")
    # when / then
    with pytest.raises(PermissionDenied):
        unit_update(unit=unit, **_unit_args(unit.building, notes="x"), by=security_guard)


def test_building_create_and_update(general_manager):
    # when
    building = building_create(name=" 星光中心 ", code="XG", address="上海市", by=general_manager)
    building_update(
        building=building, name="星光中心二期", code="XG2", address="上海市静安区", by=general_manager
    )
    # then
    building.refresh_from_db()
    assert (building.name, building.code) == ("星光中心二期", "XG2")
    history = object_history(building)
    assert [entry.user for entry in history] == [general_manager, general_manager]


def test_building_codes_are_unique(general_manager):
    # given
    BuildingFactory(code="A")
    other = BuildingFactory(code="B")
    # when / then
    with pytest.raises(DomainError) as on_create:
        building_create(name="新楼", code="A", by=general_manager)
    with pytest.raises(DomainError) as on_update:
        building_update(building=other, name="B座", code="A", by=general_manager)
    assert on_create.value.field == on_update.value.field == "code"
    assert Building.objects.count() == 2


def test_building_create_is_for_business_and_management_only(front_desk):
    with pytest.raises(PermissionDenied):
        building_create(name="新楼", code="N", by=front_desk)


def test_building_update_refuses_more_than_90_days_to_pay(general_manager):
    # given
    building = BuildingFactory()
    # when / then
    with pytest.raises(DomainError) as refused:
        building_update(
            building=building,
            name=building.name,
            code=building.code,
            bill_payment_days=91,
            by=general_manager,
        )
    assert refused.value.field == "bill_payment_days"
    building.refresh_from_db()
    assert building.bill_payment_days == 7
