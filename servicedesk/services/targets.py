"""A building's own resolution targets: management of the office running a building sets, per category, the
time its tickets are resolved in, replacing the category's company-wide target there for tickets received
or reopened afterwards (running clocks keep their due time). Removing it brings back the company's target."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from leasing.models import Building
from tenancy.access import require_role
from tenancy.roles import Role
from tenancy.scope import building_ids

from ..models import Category, CategoryTarget

TARGET_SETTERS: tuple[str, ...] = (Role.MANAGEMENT,)
MAX_TARGET = {Category.TargetUnit.HOURS: 2000, Category.TargetUnit.DAYS: 250}


def _require(by: User, building: Building) -> None:
    require_role(by, TARGET_SETTERS, _("Your role may not change resolution targets."))
    allowed = building_ids(by)
    if allowed is not None and building.pk not in allowed:
        raise PermissionDenied(_("This building is not one of your office's."))


def _checked(target: int | None, unit: str) -> tuple[int, str]:
    if unit not in Category.TargetUnit.values:
        raise DomainError(_("Choose working hours or working days."), field="resolution_unit")
    limit = MAX_TARGET[Category.TargetUnit(unit)]
    if target is None or not 1 <= target <= limit:
        raise DomainError(
            _("Enter a target between 1 and %(max)d.") % {"max": limit}, field="resolution_target"
        )
    return target, unit


@transaction.atomic
def category_target_set(
    *, category: Category, building: Building, resolution_target: int | None, resolution_unit: str, by: User
) -> CategoryTarget:
    """Set (or change) the building's own resolution target of the category."""
    _require(by, building)
    target, unit = _checked(resolution_target, resolution_unit)
    found, _created = CategoryTarget.objects.select_for_update().update_or_create(
        category=category,
        building=building,
        defaults={"resolution_target": target, "resolution_unit": unit},
    )
    return found


@transaction.atomic
def category_target_remove(*, category: Category, building: Building, by: User) -> bool:
    """The building follows the category's company-wide target again; False when it had none of its own."""
    _require(by, building)
    deleted, _rows = CategoryTarget.objects.filter(category=category, building=building).delete()
    return bool(deleted)
