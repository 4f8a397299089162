"""Demo space: a building of 20 floors with ten units a floor, codes like ``A-0801``."""

import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..models import Building, Floor, Unit
from ..occupancy import units_occupancy_refresh
from .common import BATCH_SIZE, CENT, SeedReport, rng, to_step, weighted
from .words import DISTRICTS, PARKS, ROADS

FLOORS = 20
UNITS_PER_FLOOR = 10
# Drawn for every unit (so the generator's sequence stays as it was), but only "unavailable" (withdrawn from
# letting) is kept: the rest of a unit's status follows the leases (``leasing.occupancy``), so a demo unit is
# let only when a demo lease holds it.
UNIT_STATUS_WEIGHTS = {
    Unit.Status.VACANT: 40,
    Unit.Status.OCCUPIED: 46,
    Unit.Status.RESERVED: 6,
    Unit.Status.FIT_OUT: 5,
    Unit.Status.UNAVAILABLE: 3,
}


def building_code(index: int) -> str:
    """A, B, ..., Z, AA, AB, ... (spreadsheet-style), so any scale has distinct short codes."""
    code = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        code = chr(ord("A") + rest) + code
    return code


def seed_building(index: int, report: SeedReport) -> None:
    """The ``index``-th building with its floors and units, inserting only those not there yet."""
    draw = rng(f"building/{index}")
    code = building_code(index)
    district, _division = draw.choice(DISTRICTS)
    building, created = Building.objects.get_or_create(
        code=code,
        defaults={
            "name": f"{PARKS[index % len(PARKS)]}商务中心{code}座",
            "address": f"上海市{district}{draw.choice(ROADS)}{draw.randint(1, 1999)}号",
        },
    )
    report.count("buildings", int(created))
    floors = dict(building.floors.values_list("number", "pk"))
    new_floors = [Floor(building=building, number=n) for n in range(1, FLOORS + 1) if n not in floors]
    Floor.objects.bulk_create(new_floors, batch_size=BATCH_SIZE)
    report.count("floors", len(new_floors))
    floors.update({floor.number: floor.pk for floor in new_floors})
    existing = set(building.units.values_list("code", flat=True))
    # Every unit is drawn, even one that exists, so the generator's sequence never depends on the database.
    specs = [spec for number in range(1, FLOORS + 1) for spec in _unit_specs(draw, code, number)]
    specs = [spec for spec in specs if spec["code"] not in existing]
    withdrawn = {spec["code"] for spec in specs if spec.pop("drawn_status") == Unit.Status.UNAVAILABLE}
    new_units = [Unit(building=building, floor_id=floors[spec.pop("floor")], **spec) for spec in specs]
    Unit.objects.bulk_create(new_units, batch_size=BATCH_SIZE)
    if withdrawn:
        units_occupancy_refresh(building.units.filter(code__in=withdrawn), withdrawn=True)
    report.count("units", len(new_units))


def _unit_specs(draw: random.Random, code: str, floor: int) -> Iterator[dict[str, Any]]:
    """Ten units a floor: shops on the ground floor, shops and offices on 2F, offices above, some storage."""
    for n in range(1, UNITS_PER_FLOOR + 1):
        if floor == 1:
            use = Unit.Use.STORAGE if n > 8 else Unit.Use.RETAIL
        elif floor == 2:
            use = Unit.Use.RETAIL if n <= 4 else Unit.Use.OFFICE
        else:
            use = Unit.Use.STORAGE if n == UNITS_PER_FLOOR and floor % 5 == 0 else Unit.Use.OFFICE
        gross, usable, rent = _unit_figures(draw, use, floor)
        yield {
            "floor": floor,
            "code": f"{code}-{floor:02d}{n:02d}",
            "use": use,
            "drawn_status": weighted(draw, UNIT_STATUS_WEIGHTS),
            "gross_area": gross,
            "usable_area": usable,
            "guide_rent": rent,
        }


def _unit_figures(draw: random.Random, use: str, floor: int) -> tuple[Decimal, Decimal, Decimal]:
    """Gross and usable area (m²), guide rent (CNY/m²/month, to the half yuan); higher floors let for more."""
    if use == Unit.Use.RETAIL:
        gross, efficiency, rent = draw.uniform(45, 260), draw.uniform(0.85, 0.92), draw.uniform(320, 520)
    elif use == Unit.Use.STORAGE:
        gross, efficiency, rent = draw.uniform(12, 45), draw.uniform(0.90, 0.96), draw.uniform(60, 95)
    else:
        gross, efficiency = draw.uniform(85, 420), draw.uniform(0.72, 0.80)
        rent = 165 + floor * 3.5 + draw.uniform(-12, 12)
    gross_area = to_step(gross)
    usable_area = min(to_step(gross * efficiency), gross_area)
    return gross_area, usable_area, to_step(rent, Decimal("0.5")).quantize(CENT)
