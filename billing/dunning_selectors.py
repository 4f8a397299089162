"""Read side of the dunning schedule page: each schedule of the company and of each building that keeps its
own, in two queries whatever the number of buildings."""

from dataclasses import dataclass

from django.db.models import QuerySet

from leasing.models import Building

from .models import DunningStage
from .models.arrears import DEFAULT_STAGES


@dataclass(frozen=True)
class ScheduleRow:
    """A schedule as it applies: the company's (building None) or a building's; ``own`` when the building
    keeps stages of its own, ``default`` when the company's are the built-in ones."""

    schedule: DunningStage.Schedule
    building: Building | None
    stages: list[tuple[str, str, int, bool]]  # kind, label, days overdue, suspends
    own: bool
    default: bool = False


def _stages(rows: list[tuple[str, int, bool]]) -> list[tuple[str, str, int, bool]]:
    ordered = sorted(rows, key=lambda row: row[1])
    return [(kind, str(DunningStage.Kind(kind).label), days, suspends) for kind, days, suspends in ordered]


def schedule_rows(buildings: QuerySet[Building]) -> list[ScheduleRow]:
    """Every schedule of the company, then of each of the given buildings (its own or the company's)."""
    found: dict[tuple[int | None, str], list[tuple[str, int, bool]]] = {}
    for stage in DunningStage.objects.all():
        key = (stage.building_id, stage.schedule)
        found.setdefault(key, []).append((stage.kind, stage.days_overdue, stage.suspends_service))
    rows = []
    for schedule in DunningStage.Schedule:
        company = found.get((None, schedule.value))
        builtin = [(kind, days, sus) for sched, kind, days, sus in DEFAULT_STAGES if sched == schedule.value]
        rows.append(ScheduleRow(schedule, None, _stages(company or builtin), own=False, default=not company))
    for building in buildings.order_by("name"):
        for schedule in DunningStage.Schedule:
            own = found.get((building.pk, schedule.value))
            applies = (
                own
                or found.get((None, schedule.value))
                or [(kind, days, sus) for sched, kind, days, sus in DEFAULT_STAGES if sched == schedule.value]
            )
            rows.append(ScheduleRow(schedule, building, _stages(applies), own=bool(own)))
    return rows
