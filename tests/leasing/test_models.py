"""The database itself refuses what the rules forbid, whoever writes."""

from decimal import Decimal

import pytest
from django.db import IntegrityError

from leasing.models import Floor, Unit
from tests.leasing.factories import BuildingFactory, FloorFactory, UnitFactory


@pytest.mark.parametrize(
    "values",
    [
        {"gross_area": Decimal("0"), "usable_area": Decimal("0")},
        {"gross_area": Decimal("-5"), "usable_area": Decimal("-6")},
        {"gross_area": Decimal("100"), "usable_area": Decimal("0")},
        {"gross_area": Decimal("100"), "usable_area": Decimal("100.01")},
        {"guide_rent": Decimal("-1")},
    ],
)
def test_unit_check_constraints_hold_in_the_database(db, values):
    # given
    unit = UnitFactory()
    # when / then
    with pytest.raises(IntegrityError):
        Unit.objects.filter(pk=unit.pk).update(**values)


def test_unit_code_is_unique_within_its_building_in_the_database(db):
    # given
    unit = UnitFactory(code="301")
    # when / then
    with pytest.raises(IntegrityError):
        UnitFactory(floor=unit.floor, code="301")


def test_floor_number_is_unique_within_its_building_and_never_zero(db):
    # given
    floor = FloorFactory(number=3)
    # when / then
    with pytest.raises(IntegrityError):
        Floor.objects.create(building=floor.building, number=3)


def test_there_is_no_floor_zero(db):
    with pytest.raises(IntegrityError):
        Floor.objects.create(building=BuildingFactory(), number=0)


@pytest.mark.parametrize(("number", "label", "shown"), [(3, "", "3F"), (-1, "", "B1"), (2, "夹层", "夹层")])
def test_floor_shows_as_buildings_in_china_write_it(db, number, label, shown):
    assert str(FloorFactory(number=number, label=label)) == shown


def test_unit_monthly_guide_rent_rounds_half_up_to_the_fen(db):
    # given
    unit = UnitFactory.build(
        gross_area=Decimal("100.05"), usable_area=Decimal("90"), guide_rent=Decimal("6.50")
    )
    # then: 650.325 → 650.33
    assert unit.guide_rent_monthly == Decimal("650.33")


def test_factories_make_valid_consistent_rows(db):
    # when
    unit = UnitFactory()
    building = BuildingFactory()
    on_building = UnitFactory(building=building)
    # then
    unit.full_clean()
    assert unit.floor.building == unit.building
    assert on_building.building == building and on_building.floor.building == building
