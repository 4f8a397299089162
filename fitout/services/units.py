"""The units' status follows the works, set through leasing's own service (which checks the role again)."""

from typing import Any

from leasing.services import unit_update

from ..models import Application


def units_set_status(application: Application, status: str, *, by: Any) -> None:
    for unit in application.units.select_related("building", "floor"):
        unit_update(
            unit=unit,
            building=unit.building,
            floor_number=unit.floor.number,
            code=unit.code,
            gross_area=unit.gross_area,
            usable_area=unit.usable_area,
            use=unit.use,
            status=status,
            guide_rent=unit.guide_rent,
            notes=unit.notes,
            by=by,
        )
