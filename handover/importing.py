"""Importing the last meter readings (day one): per meter, the reading both sides last agreed before the
system, so the first utility bill starts from it.

A row names the unit (building and unit code), the meter (kind and number: the natural key; a meter not known
yet is created on the unit) and its reading on a day. The reading is kept as confirmed (it was agreed before);
it belongs to no sheet and no round. Re-importing the same file changes nothing; a corrected file corrects the
imported reading of that meter and day, unless a bill already used it (then it is refused at its row).
Engineering (and management) import readings.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.actors import User
from documents.imports import cells
from documents.imports.kinds import (
    UNCHANGED,
    UPDATE,
    Column,
    ImportKind,
    Outcome,
    Row,
    import_kind_register,
)
from leasing.models import Unit
from tenancy.roles import Role

from .models import Meter, MeterReading

KIND_ALIASES = {
    "电表": "electricity",
    "电": "electricity",
    "水表": "water",
    "水": "water",
    "燃气表": "gas",
    "燃气": "gas",
}

COLUMNS = (
    Column("building_code", "Building code", "楼宇编号", example="A"),
    Column("unit_code", "Unit code", "单元编号", example="A-1201"),
    Column(
        "meter_kind",
        "Meter kind",
        "表计类型",
        example="电表",
        allowed=lambda: cells.allowed_values(Meter.Kind.choices),
    ),
    Column("meter_number", "Meter number", "表号", example="DB-1201-01"),
    Column("reading", "Reading", "读数", example="12345.60"),
    Column("read_on", "Read on", "抄表日期", example="2026-11-30"),
)


@dataclass
class ReadingPlan:
    unit_id: int
    kind: str
    number: str
    reading: Decimal
    read_on: date
    meter_id: int | None = None
    reading_id: int | None = None


def _read(
    row: Row, outcome: Outcome, units: dict[tuple[str, str], int], kinds: dict[str, str]
) -> ReadingPlan | None:
    building, code = row.get("building_code"), row.get("unit_code")
    unit_id = units.get((building, code))
    if building and code and unit_id is None:
        outcome.error(
            "unit_code",
            _("unknown unit %(codes)s in building %(building)s") % {"codes": code, "building": building},
        )
    kind = cells.choice(row, outcome, "meter_kind", kinds)
    number = cells.text(row, outcome, "meter_number", max_length=40)
    reading = cells.amount(row, outcome, "reading")
    read_on = cells.a_date(row, outcome, "read_on")
    if read_on and read_on > timezone.localdate():
        outcome.error("read_on", _("a reading cannot be taken in the future"))
    cells.text(row, outcome, "building_code", max_length=20)
    cells.text(row, outcome, "unit_code", max_length=20)
    if outcome.errors:
        return None
    return ReadingPlan(unit_id, kind, number, reading, read_on)  # type: ignore[arg-type]


def readings_plan(rows: list[Row], by: User) -> list[Outcome]:
    """Each reading checked: unit known, meter of that unit and kind, reading a number, day not ahead."""
    units = {(b, c): pk for pk, b, c in Unit.objects.values_list("pk", "building__code", "code")}
    kinds = cells.choice_lookup(Meter.Kind.choices, KIND_ALIASES)
    meters = {m.number: m for m in Meter.objects.filter(number__in=[row.get("meter_number") for row in rows])}
    readings = {
        (r.meter_id, r.read_on): r
        for r in MeterReading.objects.filter(
            meter__in=list(meters.values()), sheet=None, round=None
        ).select_related("billed_line")
    }
    first_line: dict[tuple[str, str], int] = {}
    outcomes = []
    for row in rows:
        outcome = Outcome(
            row.line, label=f"{row.get('meter_number')} · {row.get('reading')} · {row.get('read_on')}"
        )
        outcomes.append(outcome)
        plan = _read(row, outcome, units, kinds)
        key = (row.get("meter_number"), row.get("read_on"))
        if all(key) and key in first_line:
            outcome.error(
                "meter_number",
                _("this meter and day are already on row %(line)s") % {"line": first_line[key]},
            )
            continue
        first_line.setdefault(key, row.line)
        if plan is None:
            continue
        meter = meters.get(plan.number)
        if meter is not None:
            if (meter.unit_id, meter.kind) != (plan.unit_id, plan.kind):
                outcome.error(
                    "meter_number",
                    _("meter %(number)s is another unit's or of another kind") % {"number": plan.number},
                )
                continue
            plan.meter_id = meter.pk
            existing = readings.get((meter.pk, plan.read_on))
            if existing is not None:
                plan.reading_id = existing.pk
                if existing.reading == plan.reading:
                    outcome.action = UNCHANGED
                elif getattr(existing, "billed_line", None) is not None:
                    outcome.error(
                        "reading", _("this reading was billed already: it cannot be corrected by an import")
                    )
                    continue
                else:
                    outcome.action = UPDATE
                    outcome.changes = [
                        _("reading %(old)s → %(new)s") % {"old": existing.reading, "new": plan.reading}
                    ]
        outcome.payload = plan
    return outcomes


def readings_write(outcomes: list[Outcome], by: User) -> None:
    """Create the missing meters and the readings (confirmed: agreed before the system); correct others."""
    plans: list[ReadingPlan] = [o.payload for o in outcomes]
    new_meters = {
        p.number: Meter(unit_id=p.unit_id, kind=p.kind, number=p.number) for p in plans if p.meter_id is None
    }
    for meter in Meter.objects.bulk_create(list(new_meters.values())):
        new_meters[meter.number] = meter
    now = timezone.now()
    fresh = [
        MeterReading(
            meter_id=p.meter_id or new_meters[p.number].pk,
            reading=p.reading,
            read_on=p.read_on,
            confirmed_at=now,
            created_by=by,
        )
        for p in plans
        if p.reading_id is None
    ]
    MeterReading.objects.bulk_create(fresh, batch_size=2000)
    corrected = [MeterReading(pk=p.reading_id, reading=p.reading) for p in plans if p.reading_id is not None]
    MeterReading.objects.bulk_update(corrected, ["reading"], batch_size=2000)


READINGS = ImportKind(
    key="meter-readings",
    label=gettext_lazy("Last meter readings"),
    roles=(Role.ENGINEERING, Role.MANAGEMENT),
    roles_label=gettext_lazy("Engineering department, management"),
    description=gettext_lazy(
        "One row per meter: its last reading agreed before the system, the start of the first utility bill. "
        "A meter not known yet is created on its unit."
    ),
    columns=COLUMNS,
    plan=readings_plan,
    write=readings_write,
    order=60,
)


def register() -> None:
    import_kind_register(READINGS)
