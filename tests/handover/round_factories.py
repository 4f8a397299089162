"""Meter-reading rounds for tests: a building's occupied units with meters, a round opened and read."""

from datetime import date
from decimal import Decimal
from typing import Any

from handover import services
from handover.models import Meter, MeterRound
from handover.services import RoundLine
from leasing.models import Lease

from .factories import MeterFactory


def meters_of(lease: Lease, kinds: tuple[str, ...] = (Meter.Kind.ELECTRICITY,)) -> list[Meter]:
    """One meter of each kind in each unit of the lease."""
    return [MeterFactory(unit=unit, kind=kind) for unit in lease.units.all() for kind in kinds]


def round_read(
    building: Any, month: date, readings: dict[Meter, str], *, by: Any, on: date, close: bool = True
) -> MeterRound:
    """Open the building's round for ``month``, enter the readings on ``on``, close it (unless told not)."""
    meter_round = services.round_open(building=building, month=month, by=by, today=on)
    lines = [RoundLine(meter_id=meter.pk, reading=Decimal(value)) for meter, value in readings.items()]
    services.round_readings_save(meter_round=meter_round, lines=lines, by=by, today=on)
    if close:
        meter_round = services.round_close(meter_round=meter_round, by=by)
    return meter_round
