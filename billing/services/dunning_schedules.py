"""Dunning schedules per building: the company keeps one schedule of each kind (standard, strict), and a
building whose office duns differently keeps its own, which then replaces the company's there. Management
sets them; a schedule names every stage, each later than the one before, and whether it suspends service.
Letters already sent are not touched: the next daily run reads the new days."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from leasing.models import Building
from tenancy.access import require_role
from tenancy.roles import Role

from ..models import DunningStage

SETTERS: tuple[str, ...] = (Role.MANAGEMENT,)
READERS: tuple[str, ...] = (Role.FINANCE, Role.MANAGEMENT)
# The stages in the order a tenant meets them.
ORDER: tuple[str, ...] = tuple(DunningStage.Kind.values)


@dataclass(frozen=True)
class StageInput:
    kind: str
    days_overdue: int | None
    suspends_service: bool = False


def _require(by: User, building: Building | None) -> None:
    require_role(by, SETTERS, _("Your role may not change dunning schedules."))
    _require_building(by, building)


def _require_building(by: User, building: Building | None) -> None:
    """Only head office changes the company's schedule; an office changes only its own buildings'."""
    from tenancy.scope import building_ids

    allowed = building_ids(by)
    if allowed is None:
        return
    if building is None:
        raise PermissionDenied(_("Only head office changes the company's dunning schedule."))
    if building.pk not in allowed:
        raise PermissionDenied(_("This building is not one of your office's."))


def _check_schedule(schedule: str) -> None:
    if schedule not in DunningStage.Schedule.values:
        raise DomainError(_("Choose a dunning schedule."), field="schedule")


def _checked(stages: list[StageInput]) -> list[StageInput]:
    """Every stage once, each at 1 day overdue or later and later than the stage before it."""
    by_kind = {stage.kind: stage for stage in stages}
    if set(by_kind) != set(ORDER) or len(stages) != len(ORDER):
        raise DomainError(_("A dunning schedule sets the day of every stage."))
    previous = 0
    for kind in ORDER:
        days = by_kind[kind].days_overdue
        if days is None or days < 1 or days > 3650:
            raise DomainError(_("Enter a day overdue between 1 and 3650."), field=f"days_{kind}")
        if days <= previous:
            raise DomainError(
                _("%(stage)s must come later than the stage before it (day %(day)d).")
                % {"stage": DunningStage.Kind(kind).label, "day": previous},
                field=f"days_{kind}",
            )
        previous = days
    return [by_kind[kind] for kind in ORDER]


@transaction.atomic
def dunning_schedule_set(
    *, building: Building | None, schedule: str, stages: list[StageInput], by: User
) -> list[DunningStage]:
    """Management sets a schedule's stages: the company's (no building) or one building's own."""
    _require(by, building)
    _check_schedule(schedule)
    checked = _checked(stages)
    found = DunningStage.objects.select_for_update().filter(building=building, schedule=schedule)
    list(found)  # lock the rows being replaced: two managers saving at once save one after the other
    found.delete()
    return DunningStage.objects.bulk_create(
        DunningStage(
            building=building,
            schedule=schedule,
            kind=stage.kind,
            days_overdue=stage.days_overdue,
            suspends_service=stage.suspends_service,
        )
        for stage in checked
    )


@transaction.atomic
def dunning_schedule_reset(*, building: Building, schedule: str, by: User) -> int:
    """Management removes a building's own schedule: the building follows the company's again."""
    _require(by, building)
    _check_schedule(schedule)
    deleted, _rows = DunningStage.objects.filter(building=building, schedule=schedule).delete()
    return deleted
