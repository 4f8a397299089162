"""Meter readings on a draft meter sheet: a reading for every meter of the unit, none lower than the
meter's previous one unless the meter was replaced (a new meter number and the reason)."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.actors import User
from tenancy.access import require_role

from ..models import Meter, MeterReading, Sheet
from ..permissions import HANDOVER_STAFF
from .common import photo_store, row_error, sheet_lock_draft


@dataclass
class ReadingLine:
    """A row of the meter sheet: an existing meter of the unit (``meter_id``) or a new one (kind, number)."""

    kind: str
    number: str
    reading: Decimal | None
    meter_id: int | None = None
    photo: File | None = None
    new_number: str = ""
    replacement_reason: str = ""

    @property
    def is_blank(self) -> bool:
        return self.meter_id is None and not self.number.strip() and self.reading is None


def previous_reading(meter: Meter, *, sheet: Sheet | None = None) -> MeterReading | None:
    """The meter's latest reading that counts: on a signed sheet, or recorded outside any sheet."""
    readings = MeterReading.objects.filter(meter=meter).filter(
        Q(sheet__isnull=True) | Q(sheet__status=Sheet.Status.SIGNED)
    )
    if sheet is not None:
        readings = readings.exclude(sheet__visit=sheet.visit, sheet__kind=sheet.kind)
    return readings.order_by("-read_on", "-pk").first()


@transaction.atomic
def readings_save(*, sheet: Sheet, lines: list[ReadingLine], by: User) -> Sheet:
    """Replace the readings of a draft meter sheet (adding meters the unit lacked); refuses a lower reading
    unless the row names the new meter and why it was replaced."""
    require_role(by, HANDOVER_STAFF)
    sheet = sheet_lock_draft(sheet)
    unit = sheet.visit.unit
    kept_photos = dict(sheet.readings.values_list("meter_id", "photo_document_id"))
    sheet.readings.all().delete()
    seen: set[int] = set()
    for index, line in enumerate(lines):
        if line.is_blank:
            continue
        meter = _meter_for(index, line, unit)
        if line.reading is None:
            raise row_error(index, "reading", _("Enter the reading."))
        if line.reading < 0:
            raise row_error(index, "reading", _("A reading cannot be negative."))
        meter = _check_not_lower(index, line, meter, sheet)
        if meter.pk in seen:
            raise row_error(index, "number", _("This meter is already on the sheet."))
        seen.add(meter.pk)
        photo_id = kept_photos.get(meter.pk)
        if line.photo is not None:
            photo_id = photo_store(
                photo=line.photo,
                visit=sheet.visit,
                about=sheet,
                title=gettext_lazy("Meter photo"),
                by=by,
                field=f"{index}:photo",
            )
        MeterReading.objects.create(
            meter=meter,
            sheet=sheet,
            reading=line.reading,
            read_on=sheet.visit.visit_date,
            photo_document_id=photo_id,
            created_by=by,
        )
    return sheet


def _meter_for(index: int, line: ReadingLine, unit: Any) -> Meter:
    if line.meter_id is not None:
        meter = Meter.objects.filter(pk=line.meter_id, unit=unit, active=True).first()
        if meter is None:
            raise row_error(index, "number", _("This meter is no longer in service in this unit."))
        return meter
    if not line.number.strip():
        raise row_error(index, "number", _("Enter the meter number."))
    if line.kind not in Meter.Kind.values:
        raise row_error(index, "kind", _("Choose the kind of meter."))
    return _meter_create(index, unit=unit, kind=line.kind, number=line.number.strip(), field="number")


def _meter_create(index: int, *, field: str, **values: Any) -> Meter:
    if Meter.objects.filter(number=values["number"]).exists():
        raise row_error(index, field, _("Another meter already has this number."))
    try:
        with transaction.atomic():
            return Meter.objects.create(**values)
    except IntegrityError:
        raise row_error(index, field, _("Another meter already has this number.")) from None


def _check_not_lower(index: int, line: ReadingLine, meter: Meter, sheet: Sheet) -> Meter:
    """The meter the reading belongs to: the same one, or the replacement when the row names one."""
    return reading_meter(
        index,
        meter=meter,
        previous=previous_reading(meter, sheet=sheet),
        reading=line.reading,
        new_number=line.new_number,
        reason=line.replacement_reason,
    )


def reading_meter(
    index: int,
    *,
    meter: Meter,
    previous: MeterReading | None,
    reading: Decimal | None,
    new_number: str,
    reason: str,
) -> Meter:
    """The rule for a reading below the meter's previous one (sheets and monthly rounds alike): refused
    unless the row names the new meter and why the old one was replaced, which then replaces it."""
    if previous is None or reading is None or reading >= previous.reading:
        if new_number.strip():
            raise row_error(index, "new_number", _("A new meter is only entered when the reading went down."))
        return meter
    if not new_number.strip() or not reason.strip():
        raise row_error(
            index,
            "reading",
            _(
                "The reading is lower than the previous one (%(previous)s on %(date)s). If the meter was "
                "replaced, enter the new meter number and the reason."
            )
            % {"previous": previous.reading, "date": previous.read_on},
        )
    return meter_replace(index=index, meter=meter, new_number=new_number.strip(), reason=reason.strip())


def meter_replace(*, index: int, meter: Meter, new_number: str, reason: str) -> Meter:
    """The old meter goes out of service; the new one, with its own number, replaces it."""
    Meter.objects.filter(pk=meter.pk).update(active=False)
    return _meter_create(
        index,
        field="new_number",
        unit=meter.unit,
        kind=meter.kind,
        number=new_number,
        replaces=meter,
        replacement_reason=reason,
    )
