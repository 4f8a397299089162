"""The monthly meter-reading round (抄表): engineering opens a round for a building and month, enters a
reading for every meter of the occupied units (none lower than the meter's previous one unless the meter
was replaced), and closes it; closing confirms the readings, which billing then charges from."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from leasing.models import Building
from tenancy.access import require_role
from tenancy.scope import require_building

from ..models import Meter, MeterReading, MeterRound, Sheet
from ..permissions import ROUND_READERS
from .common import row_error
from .meters import reading_meter


@dataclass
class RoundLine:
    """A row of the round's entry page: one meter of the building, its reading (blank: not read yet)."""

    meter_id: int
    reading: Decimal | None
    new_number: str = ""
    replacement_reason: str = ""


@transaction.atomic
def round_open(*, building: Building, month: date, by: User, today: date | None = None) -> MeterRound:
    """Open the building's round for a month (once per building and month; not for a month to come), one of
    the user's office's buildings."""
    require_role(by, ROUND_READERS)
    require_building(by, building.pk)
    today = today or timezone.localdate()
    month = month.replace(day=1)
    if month > today:
        raise DomainError(_("A round is opened in its month or later, not ahead of it."), field="month")
    if MeterRound.objects.filter(building=building, month=month).exists():
        raise DomainError(_("This building already has a round for that month."), field="month")
    try:
        with transaction.atomic():
            return MeterRound.objects.create(building=building, month=month, opened_by=by)
    except IntegrityError:  # opened at the same moment by someone else
        raise DomainError(_("This building already has a round for that month."), field="month") from None


def round_lock_open(meter_round: MeterRound) -> MeterRound:
    meter_round = MeterRound.objects.select_for_update().select_related("building").get(pk=meter_round.pk)
    if not meter_round.is_open:
        raise DomainError(_("The round is closed; its readings can no longer change."))
    return meter_round


def reading_before(meter: Meter, *, meter_round: MeterRound) -> MeterReading | None:
    """The meter's latest reading that counts, leaving out this round's own: as ``previous_reading``."""
    return (
        MeterReading.objects.filter(meter=meter)
        .filter(Q(sheet__isnull=True) | Q(sheet__status=Sheet.Status.SIGNED))
        .exclude(round=meter_round)
        .order_by("-read_on", "-pk")
        .first()
    )


@transaction.atomic
def round_readings_save(
    *, meter_round: MeterRound, lines: list[RoundLine], by: User, today: date | None = None
) -> MeterRound:
    """Record the round's readings, read today (a blank one removes what was entered); refuses a reading
    below the meter's previous one unless the row names the new meter and why the old one was replaced."""
    require_role(by, ROUND_READERS)
    meter_round = round_lock_open(meter_round)
    today = today or timezone.localdate()
    meters = Meter.objects.select_related("unit").in_bulk([line.meter_id for line in lines])
    for index, line in enumerate(lines):
        meter = meters.get(line.meter_id)
        if meter is None or meter.unit.building_id != meter_round.building_id:
            raise row_error(index, "reading", _("This meter is not in the round's building."))
        MeterReading.objects.filter(round=meter_round, meter=meter).delete()
        if line.reading is None:
            if line.new_number.strip():
                raise row_error(index, "reading", _("Enter the new meter's reading."))
            continue
        if line.reading < 0:
            raise row_error(index, "reading", _("A reading cannot be negative."))
        if not meter.active:
            raise row_error(index, "reading", _("This meter is no longer in service in this unit."))
        meter = reading_meter(
            index,
            meter=meter,
            previous=reading_before(meter, meter_round=meter_round),
            reading=line.reading,
            new_number=line.new_number,
            reason=line.replacement_reason,
        )
        MeterReading.objects.create(
            meter=meter, round=meter_round, reading=line.reading, read_on=today, created_by=by
        )
    return meter_round


@transaction.atomic
def round_close(*, meter_round: MeterRound, by: User) -> MeterRound:
    """Close the round once every meter has its reading: the readings are confirmed, billing takes them."""
    from ..selectors import round_missing_meters

    require_role(by, ROUND_READERS)
    meter_round = round_lock_open(meter_round)
    missing = round_missing_meters(meter_round)
    if missing:
        numbers = ", ".join(meter.number for meter in missing[:10])
        more = len(missing) - 10
        raise DomainError(
            _("%(count)s meters have no reading yet: %(numbers)s.")
            % {"count": len(missing), "numbers": numbers + (" …" if more > 0 else "")}
        )
    now = timezone.now()
    meter_round.readings.update(confirmed_at=now)
    MeterRound.LIFECYCLE.move(meter_round, MeterRound.Status.CLOSED)
    meter_round.closed_at, meter_round.closed_by = now, by
    meter_round.save(update_fields=["status", "closed_at", "closed_by"])
    return meter_round
