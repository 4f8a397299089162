"""Importing the space: buildings, floors and units, by natural key (building code, unit code).

A row names a building by code (a new building needs its name), a floor and a unit with its areas, use and
guide rent; the unit rules are leasing's own (``validation``). Re-importing the same file changes nothing; a
corrected file updates the units by their codes. Occupancy is never imported: it follows the leases
(``occupancy.units_occupancy_refresh`` is called for the units written).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.actors import User
from documents.bulk import insert_rows, next_ids
from documents.imports import cells
from documents.imports.kinds import UNCHANGED, UPDATE, Column, ImportKind, Outcome, Row
from tenancy.roles import Role
from tenancy.scope import building_ids

from ..imports import FLOOR_PATTERN
from ..models import Building, Floor, Unit
from ..occupancy import units_occupancy_refresh
from ..validation import floor_number_error, unit_value_errors

SPACE_ROLES = (Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT)
USE_ALIASES = {
    "办公": "office",
    "写字楼": "office",
    "商业": "retail",
    "商铺": "retail",
    "仓储": "storage",
    "仓库": "storage",
}

COLUMNS = (
    Column(
        "building_code",
        "Building code",
        "楼宇编号",
        example="A",
        hint=gettext_lazy("A new code creates the building."),
    ),
    Column(
        "building_name",
        "Building name",
        "楼宇名称",
        required=False,
        example="国贸中心A座",
        hint=gettext_lazy("Needed when the building is new."),
    ),
    Column(
        "floor", "Floor", "楼层", example="12", hint=gettext_lazy("3, -1 or B1; missing floors are created.")
    ),
    Column("unit_code", "Unit code", "单元编号", example="A-1201"),
    Column("gross_area", "Gross area (m²)", "建筑面积", example="186.50"),
    Column(
        "usable_area",
        "Usable area (m²)",
        "使用面积",
        example="150.00",
        hint=gettext_lazy("Not larger than the gross area."),
    ),
    Column(
        "use",
        "Use",
        "用途",
        required=False,
        example="办公",
        allowed=lambda: cells.allowed_values(Unit.Use.choices),
        hint=gettext_lazy("Empty: office."),
    ),
    Column("guide_rent", "Guide rent (CNY/m²/month)", "指导租金", required=False, example="6.50"),
)


@dataclass
class UnitPlan:
    building_code: str
    building_name: str
    floor: int
    code: str
    gross_area: Decimal
    usable_area: Decimal
    use: str
    guide_rent: Decimal
    unit_id: int | None = None


def _floor(row: Row, outcome: Outcome) -> int | None:
    value = row.get("floor")
    match = FLOOR_PATTERN.match(value) if value else None
    if not value:
        outcome.error("floor", _("missing: this column must be filled in"))
        return None
    if match is None:
        outcome.error("floor", _("“%(value)s” is not a floor (write 3, -1 or B1)") % {"value": value})
        return None
    number = -abs(int(match["number"])) if match["basement"] else int(match["number"])
    error = floor_number_error(number)
    if error:
        outcome.error("floor", error)
        return None
    return number


def _read(row: Row, outcome: Outcome, known: set[str], uses: dict[str, str]) -> UnitPlan | None:
    building_code = cells.text(row, outcome, "building_code", max_length=20)
    name = cells.text(row, outcome, "building_name", required=False)
    if building_code and building_code not in known:
        outcome.error("building_name", _("building %(code)s is new: give its name") % {"code": building_code})
    floor = _floor(row, outcome)
    code = cells.text(row, outcome, "unit_code", max_length=20)
    gross = cells.amount(row, outcome, "gross_area", positive=True)
    usable = cells.amount(row, outcome, "usable_area", positive=True)
    use = cells.choice(row, outcome, "use", uses, default=Unit.Use.OFFICE)
    rent = cells.amount(row, outcome, "guide_rent", required=False) or Decimal("0.00")
    for key, message in unit_value_errors(gross_area=gross, usable_area=usable, guide_rent=rent).items():
        outcome.error(key, message)
    if outcome.errors:
        return None
    return UnitPlan(building_code, name, floor, code, gross, usable, use, rent)  # type: ignore[arg-type]


def _diff(plan: UnitPlan, unit: Unit, building: Building) -> list[str]:
    changes = [
        str(Unit._meta.get_field(name).verbose_name)
        for name in ("gross_area", "usable_area", "use", "guide_rent")
        if getattr(unit, name) != getattr(plan, name)
    ]
    if unit.floor.number != plan.floor:
        changes.append(str(Floor._meta.verbose_name))
    if plan.building_name and plan.building_name != building.name:
        changes.append(_("building name"))
    return changes


def _outside(code: str, buildings: dict[str, Building], ids: frozenset[int] | None, outcome: Outcome) -> bool:
    """Office staff import only into their own office's buildings (head office adds new ones)."""
    if ids is None or (code in buildings and buildings[code].pk in ids):
        return False
    outcome.error("building_code", _("building %(code)s is not one of your office's") % {"code": code})
    return True


def units_plan(rows: list[Row], by: User) -> list[Outcome]:
    """Each row checked against the units already there (by building and unit code) and the other rows."""
    buildings = {b.code: b for b in Building.objects.all()}
    # A building is known when it exists, or when a row of the file gives its name.
    known = set(buildings) | {row.get("building_code") for row in rows if row.get("building_name")}
    units = {
        (u.building.code, u.code): u
        for u in Unit.objects.select_related("building", "floor").filter(building__code__in=list(buildings))
    }
    uses = cells.choice_lookup(Unit.Use.choices, USE_ALIASES)
    scope_ids = building_ids(by)
    first_line: dict[tuple[str, str], int] = {}
    outcomes = []
    for row in rows:
        outcome = Outcome(row.line, label=f"{row.get('building_code')} · {row.get('unit_code')}")
        plan = _read(row, outcome, known, uses)
        outcomes.append(outcome)
        key = (row.get("building_code"), row.get("unit_code"))
        if key in first_line and all(key):
            outcome.error(
                "unit_code",
                _("unit %(code)s is already on row %(line)s") % {"code": key[1], "line": first_line[key]},
            )
            continue
        first_line.setdefault(key, row.line)
        if plan is None or _outside(plan.building_code, buildings, scope_ids, outcome):
            continue
        outcome.payload = plan
        unit = units.get(key)
        if unit is not None:
            plan.unit_id = unit.pk
            outcome.changes = _diff(plan, unit, unit.building)
            outcome.action = UPDATE if outcome.changes else UNCHANGED
    return outcomes


def _buildings(plans: list[UnitPlan]) -> dict[str, Building]:
    buildings = {b.code: b for b in Building.objects.filter(code__in={p.building_code for p in plans})}
    names = {p.building_code: p.building_name for p in plans if p.building_name}
    new = [Building(code=code, name=names[code]) for code in names if code not in buildings]
    for building in Building.objects.bulk_create(new):
        buildings[building.code] = building
    renamed = [b for code, b in buildings.items() if code in names and b.name != names[code]]
    for building in renamed:
        building.name = names[building.code]
    Building.objects.bulk_update(renamed, ["name", "updated_at"])
    return buildings


def _floors(plans: list[UnitPlan], buildings: dict[str, Building]) -> dict[tuple[int, int], Floor]:
    ids = [b.pk for b in buildings.values()]
    floors = {(f.building_id, f.number): f for f in Floor.objects.filter(building_id__in=ids)}
    wanted = {(buildings[p.building_code].pk, p.floor) for p in plans}
    new = [Floor(building_id=b, number=n) for b, n in sorted(wanted - set(floors))]
    for floor in Floor.objects.bulk_create(new):
        floors[(floor.building_id, floor.number)] = floor
    return floors


def units_write(outcomes: list[Outcome], by: User) -> None:
    """Create and update the planned units (and their buildings and floors) in bulk; occupancy follows."""
    plans: list[UnitPlan] = [o.payload for o in outcomes]
    buildings = _buildings(plans)
    floors = _floors(plans, buildings)
    now = timezone.now()
    new, changed = [], []
    for plan in plans:
        building = buildings[plan.building_code]
        unit = Unit(
            pk=plan.unit_id,
            building=building,
            floor=floors[(building.pk, plan.floor)],
            code=plan.code,
            gross_area=plan.gross_area,
            usable_area=plan.usable_area,
            use=plan.use,
            guide_rent=plan.guide_rent,
            updated_at=now,
        )
        (changed if plan.unit_id else new).append(unit)
    for unit, pk in zip(new, next_ids(Unit, len(new)), strict=True):
        unit.pk = pk
    insert_rows(Unit, new)  # one INSERT for thousands of units (documents.bulk)
    fields = ["floor", "gross_area", "usable_area", "use", "guide_rent", "updated_at"]
    Unit.objects.bulk_update(changed, fields, batch_size=2000)
    # Set-based over the buildings touched (a literal list of thousands of ids would be compared row by row).
    units_occupancy_refresh(Unit.objects.filter(building_id__in=[b.pk for b in buildings.values()]))


UNITS = ImportKind(
    key="units",
    label=gettext_lazy("Buildings, floors and units"),
    roles=SPACE_ROLES,
    roles_label=gettext_lazy("Front desk, business department, management"),
    description=gettext_lazy(
        "One row per unit, by building and unit code. New buildings and floors are created; a unit already "
        "there is updated. Occupancy is not imported: it follows the leases."
    ),
    columns=COLUMNS,
    plan=units_plan,
    write=units_write,
    order=10,
)
