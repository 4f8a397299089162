"""The units' occupancy follows the works: fit-out declares which units are under works (an issued permit,
works not yet accepted) and asks leasing's one writer to refresh them after each step; it never sets it."""

from django.db.models import QuerySet

from leasing.models import Unit
from leasing.occupancy import units_occupancy_refresh

from ..models import Application


def units_under_fitout() -> QuerySet:
    """The ids of units under an issued permit whose works are not accepted yet (registered with leasing)."""
    return Application.units.through.objects.filter(application__status=Application.Status.WORKS).values(
        "unit_id"
    )


def units_follow_works(application: Application) -> int:
    """Refresh the application's units after a step of the works (permit issued, works accepted)."""
    return units_occupancy_refresh(Unit.objects.filter(fitouts=application))
