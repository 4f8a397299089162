"""Demo data of handover: an electricity and a water meter in every occupied unit of the first demo
building, and one closed monthly meter-reading round (抄表) for last month. Inserted only when the building
has no round yet, so running ``seed_demo`` again adds nothing."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from leasing.demo.common import BATCH_SIZE, SeedReport, rng
from leasing.demo.space import building_code
from leasing.models import Building, Unit

from .models import Meter, MeterReading, MeterRound

__all__ = ["DEMO_SEEDERS"]


def demo_seed_meter_round(report: SeedReport) -> None:
    """Meters for the occupied units of building A and last month's round, read and closed."""
    building = Building.objects.filter(code=building_code(0)).first()
    if building is None or MeterRound.objects.filter(building=building).exists():
        return
    draw = rng("meter-round")
    units = list(building.units.filter(status=Unit.Status.OCCUPIED).order_by("code"))
    taken = set(Meter.objects.filter(unit__in=units).values_list("unit_id", "kind"))
    new_meters = [
        Meter(unit=unit, kind=kind, number=f"{prefix}{unit.code}")
        for unit in units
        for kind, prefix in ((Meter.Kind.ELECTRICITY, "DB-"), (Meter.Kind.WATER, "SB-"))
        if (unit.pk, kind) not in taken
    ]
    Meter.objects.bulk_create(new_meters, batch_size=BATCH_SIZE)
    report.count("meters", len(new_meters))
    month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    read_on = (month + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    engineer = get_user_model().objects.filter(username="engineer").first()
    now = timezone.now()
    meter_round = MeterRound.objects.create(building=building, month=month, opened_by=engineer)
    report.count("meter-reading rounds", 1)
    meters = Meter.objects.filter(unit__in=units, active=True).order_by("unit__code", "kind")
    readings = [
        MeterReading(
            meter=meter,
            round=meter_round,
            reading=_reading(draw, meter.kind),
            read_on=read_on,
            confirmed_at=now,
            created_by=engineer,
        )  # fmt: skip
        for meter in meters
    ]
    MeterReading.objects.bulk_create(readings, batch_size=BATCH_SIZE)
    report.count("meter readings", len(readings))
    # Closed once read (a closed round's readings are frozen by a trigger).
    MeterRound.objects.filter(pk=meter_round.pk).update(
        status=MeterRound.Status.CLOSED, closed_by=engineer, closed_at=now
    )


def _reading(draw: Any, kind: str) -> Decimal:
    high = 60000 if kind == Meter.Kind.ELECTRICITY else 3000
    return Decimal(draw.randint(100, high * 100)) / 100


# Called by ``leasing.demo.demo_seed`` in its transaction, after the buildings, tenants and logins.
DEMO_SEEDERS = (demo_seed_meter_round,)
