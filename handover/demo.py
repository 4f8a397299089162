"""Demo stages of handover, after leasing's: meter-reading rounds, move-in and move-out visits in progress.

- Meters (electricity and water) in every let unit of the first building: the space's equipment, entered with
  the building as the units are (not a business event, so inserted, like the units); last month's round read
  on its last day and closed, this month's opened with the first floors read.
- The lease that started three weeks ago (fit-out) had its move-in walk-through two weeks ago: the acceptance
  sheet signed on screen with two defects, so engineering has a rectification item overdue (due a week ago,
  flagged by the daily sweep) and one still in time; the visit stays open (agreements not yet signed).
- The lease starting in ten days has its move-in visit booked, engineering's pre-inspection recorded and
  security's still due.
- The tenant who answered its renewal case with "leave" has its move-out visit booked.

Each part is skipped when what it makes is there already, so running ``seed_demo`` again adds nothing.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from documents.actors import User
from leasing.demo.common import BATCH_SIZE, SeedReport, drawn_signature, rng
from leasing.demo.leases import NEW_LEASE
from leasing.demo.space import building_code
from leasing.models import Building, Lease, LeaseEvent, MoveOutNotice, Unit

from .models import AcceptanceItem, Meter, MeterRound, PreInspection, Sheet, Visit
from .services import (
    acceptance_save,
    pre_inspection_record,
    rectifications_flag_overdue,
    round_close,
    round_open,
    round_readings_save,
    sheet_sign,
    visits_open_move_in,
    visits_open_move_out,
)
from .services.lines import AcceptanceLine
from .services.rounds import RoundLine
from .services.signing import SignerInput

__all__ = ["DEMO_STAGES"]


def _staff() -> dict[str, User]:
    names = ("frontdesk", "engineer", "security")
    return {user.username: user for user in get_user_model().objects.filter(username__in=names)}


def _month_start(day: date, back: int = 0) -> date:
    for _step in range(back):
        day = day.replace(day=1) - timedelta(days=1)
    return day.replace(day=1)


def demo_seed_meter_rounds(report: SeedReport) -> None:
    """Meters in the let units of building A; last month's round closed, this month's open."""
    building = Building.objects.filter(code=building_code(0)).first()
    engineer = _staff().get("engineer")
    if building is None or engineer is None or MeterRound.objects.filter(building=building).exists():
        return
    _meters_install(building, report)
    today = timezone.localdate()
    last_month = _month_start(today, back=1)
    read_on = _month_start(today) - timedelta(days=1)
    meters = list(Meter.objects.filter(unit__building=building, active=True).order_by("unit__code", "kind"))
    draw = rng("meter-round")
    closed = round_open(building=building, month=last_month, by=engineer, today=read_on)
    first = {meter.pk: _reading(draw, meter.kind) for meter in meters}
    lines = [RoundLine(meter_id=pk, reading=reading) for pk, reading in first.items()]
    round_readings_save(meter_round=closed, lines=lines, by=engineer, today=read_on)
    round_close(meter_round=closed, by=engineer)
    current = round_open(building=building, month=today, by=engineer, today=today)
    # The floors read so far this month: a third of the meters, each a month's use further on.
    read = meters[: len(meters) // 3]
    lines = [RoundLine(meter_id=m.pk, reading=first[m.pk] + _use(draw, m.kind)) for m in read]
    round_readings_save(meter_round=current, lines=lines, by=engineer, today=today)
    report.count("meter-reading rounds", 2)
    report.count("meter readings", len(meters) + len(read))


def _meters_install(building: Building, report: SeedReport) -> None:
    units = list(
        building.units.filter(status__in=(Unit.Status.OCCUPIED, Unit.Status.FIT_OUT)).order_by("code")
    )
    taken = set(Meter.objects.filter(unit__in=units).values_list("unit_id", "kind"))
    new_meters = [
        Meter(unit=unit, kind=kind, number=f"{prefix}{unit.code}")
        for unit in units
        for kind, prefix in ((Meter.Kind.ELECTRICITY, "DB-"), (Meter.Kind.WATER, "SB-"))
        if (unit.pk, kind) not in taken
    ]
    Meter.objects.bulk_create(new_meters, batch_size=BATCH_SIZE)
    report.count("meters", len(new_meters))


def _reading(draw: object, kind: str) -> Decimal:
    high = 60000 if kind == Meter.Kind.ELECTRICITY else 3000
    return Decimal(draw.randint(100, high * 100)) / 100  # type: ignore[attr-defined]


def _use(draw: object, kind: str) -> Decimal:
    high = 3000 if kind == Meter.Kind.ELECTRICITY else 60
    return Decimal(draw.randint(100, high * 100)) / 100  # type: ignore[attr-defined]


def demo_seed_visits(report: SeedReport) -> None:
    """The move-in walk-through with defects, a move-in booked, a move-out booked."""
    staff = _staff()
    if len(staff) < 3 or Visit.objects.exists():
        return
    today = timezone.localdate()
    new_leases = Lease.objects.filter(
        events__kind=LeaseEvent.Kind.ADMISSION_OVERRIDDEN, events__note=NEW_LEASE
    ).order_by("start_date")
    for lease in new_leases:
        if lease.status == Lease.Status.ACTIVE:
            _walked_through(lease, staff, today, report)
        else:
            visits = visits_open_move_in(
                lease=lease, visit_date=lease.start_date - timedelta(days=2), by=staff["frontdesk"]
            )
            task = PreInspection.objects.filter(
                visit__in=visits, department=PreInspection.Department.ENGINEERING
            )
            for pre in task:
                pre_inspection_record(
                    task=pre,
                    findings="水电、空调、消防喷淋正常；南侧窗框密封条老化，建议更换。",
                    by=staff["engineer"],
                )
            report.count("visits", len(visits))
    for notice in MoveOutNotice.objects.filter(lease__building__code=building_code(0)).order_by("pk"):
        visit_date = max(today + timedelta(days=3), notice.move_out_date - timedelta(days=3))
        report.count(
            "visits", len(visits_open_move_out(notice=notice, visit_date=visit_date, by=staff["frontdesk"]))
        )


def _walked_through(lease: Lease, staff: dict[str, User], today: date, report: SeedReport) -> None:
    """Two weeks ago: the visit, the pre-inspections and the acceptance sheet with two defects."""
    walked = today - timedelta(days=14)
    visits = visits_open_move_in(lease=lease, visit_date=walked, by=staff["frontdesk"], today=walked)
    report.count("visits", len(visits))
    for task in PreInspection.objects.filter(visit__in=visits):
        by = (
            staff["engineer"]
            if task.department == PreInspection.Department.ENGINEERING
            else staff["security"]
        )
        pre_inspection_record(task=task, findings="已预验，无异常。", by=by)
    visit = visits[0]
    sheet = Sheet.objects.get(visit=visit, kind=Sheet.Kind.ACCEPTANCE, status=Sheet.Status.DRAFT)
    lines = [
        AcceptanceLine(item=a.item, condition=AcceptanceItem.Condition.GOOD, location=a.location, pk=a.pk)
        for a in sheet.acceptance_items.order_by("pk")
    ]
    defects = (("门锁松动，需更换锁芯", 7), ("吊顶一块石膏板有水渍", 21))
    for index, (note, days) in enumerate(defects):
        line = lines[index]
        lines[index] = AcceptanceLine(
            item=line.item, condition="defect", location=line.location, note=note,
            due_date=walked + timedelta(days=days), pk=line.pk,
        )  # fmt: skip
    acceptance_save(sheet=sheet, lines=lines, by=staff["frontdesk"])
    contact = lease.tenant.contacts.filter(is_primary=True).first()
    sheet_sign(
        sheet=sheet,
        staff=SignerInput(name=str(staff["frontdesk"].get_full_name()), png=drawn_signature(0)),
        tenant=SignerInput(name=contact.name if contact else lease.tenant.name, png=drawn_signature(1)),
        by=staff["frontdesk"],
    )
    report.count("rectification items flagged overdue", len(rectifications_flag_overdue(today=today)))


# Called by ``leasing.demo.demo_seed`` in its transaction, after leasing's stages.
DEMO_STAGES = (demo_seed_meter_rounds, demo_seed_visits)
