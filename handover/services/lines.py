"""Filling in a draft sheet: its key lines, acceptance items, handouts and remarks. A signed sheet refuses
every change (``MSG_FROZEN``); a new version, with a reason, starts from a copy of its lines."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.actors import User
from documents.errors import DomainError
from tenancy.access import require_role

from ..models import AcceptanceItem, KeyRecord, MeterReading, Sheet, Visit
from ..permissions import HANDOVER_STAFF
from .common import photo_store, row_error, sheet_lock_draft


@dataclass
class KeyLine:
    key_type: str
    number: str
    quantity: int
    issued_to: str
    spare_kept: int = 0
    returned: int | None = None
    charge_each: Decimal = Decimal("0.00")


@dataclass
class AcceptanceLine:
    item: str
    condition: str
    location: str = ""
    note: str = ""
    due_date: date | None = None
    damage_amount: Decimal | None = None
    photo: File | None = None
    pk: int | None = None  # the existing line, to keep its photo and origin


@transaction.atomic
def keys_save(*, sheet: Sheet, lines: list[KeyLine], by: User) -> Sheet:
    """Replace the key lines of a draft key sheet; at move-out, what came back and what a missing one
    costs."""
    require_role(by, HANDOVER_STAFF)
    sheet = sheet_lock_draft(sheet)
    move_out = sheet.visit.kind == Visit.Kind.MOVE_OUT
    for index, line in enumerate(lines):
        if not line.number.strip():
            raise row_error(index, "number", _("Enter the key or card number."))
        if not line.issued_to.strip():
            raise row_error(index, "issued_to", _("Enter to whom the keys are issued."))
        if line.quantity < 1:
            raise row_error(index, "quantity", _("The quantity must be at least 1."))
        if move_out and line.returned is None:
            raise row_error(index, "returned", _("Enter how many came back (0 if none)."))
        if line.returned is not None and not 0 <= line.returned <= line.quantity:
            raise row_error(index, "returned", _("No more can come back than were issued."))
        if line.charge_each < 0:
            raise row_error(index, "charge_each", _("The charge cannot be negative."))
    sheet.key_records.all().delete()
    KeyRecord.objects.bulk_create(
        KeyRecord(
            sheet=sheet,
            key_type=line.key_type,
            number=line.number.strip(),
            quantity=line.quantity,
            issued_to=line.issued_to.strip(),
            spare_kept=line.spare_kept,
            returned=line.returned,
            charge_each=line.charge_each,
        )
        for line in lines
    )
    return sheet


@transaction.atomic
def acceptance_save(*, sheet: Sheet, lines: list[AcceptanceLine], by: User) -> Sheet:
    """Replace the checklist of a draft acceptance sheet: a defect needs a description (and at move-in a
    date to rectify by); at move-out a damage may carry an amount."""
    require_role(by, HANDOVER_STAFF)
    sheet = sheet_lock_draft(sheet)
    move_in = sheet.visit.kind == Visit.Kind.MOVE_IN
    if not lines:
        raise DomainError(_("The checklist needs at least one item."))
    for index, line in enumerate(lines):
        _acceptance_check(index, line, move_in)
    old = {a.pk: a for a in sheet.acceptance_items.all()}
    kept: set[int] = set()
    for index, line in enumerate(lines):
        item = old.get(line.pk) if line.pk else None
        item = item or AcceptanceItem(sheet=sheet)
        item.item, item.location, item.condition, item.note = (
            line.item,
            line.location.strip(),
            line.condition,
            line.note.strip(),
        )
        item.due_date = line.due_date if move_in and line.condition != AcceptanceItem.Condition.GOOD else None
        item.damage_amount = None if move_in else line.damage_amount
        if line.photo is not None:
            item.photo_document_id = photo_store(
                photo=line.photo,
                visit=sheet.visit,
                about=sheet,
                title=gettext_lazy("Acceptance photo"),
                by=by,
                field=f"{index}:photo",
            )
        item.save()
        kept.add(item.pk)
    sheet.acceptance_items.exclude(pk__in=kept).delete()
    return sheet


def _acceptance_check(index: int, line: AcceptanceLine, move_in: bool) -> None:
    if line.item not in AcceptanceItem.Item.values:
        raise row_error(index, "item", _("Choose an item."))
    if line.condition not in AcceptanceItem.Condition.values:
        raise row_error(index, "condition", _("Choose the condition."))
    if line.condition == AcceptanceItem.Condition.GOOD:
        return
    if not line.note.strip():
        raise row_error(index, "note", _("Describe the defect."))
    if move_in and line.due_date is None:
        raise row_error(index, "due_date", _("Give the date by which engineering is to rectify it."))
    if line.damage_amount is not None and line.damage_amount < 0:
        raise row_error(index, "damage_amount", _("The amount cannot be negative."))


@transaction.atomic
def sheet_note_save(*, sheet: Sheet, note: str, handouts: list[str] | None = None, by: User) -> Sheet:
    """The remarks of a draft sheet, and for the receipt which of the handbook and guides were handed over."""
    require_role(by, HANDOVER_STAFF)
    sheet = sheet_lock_draft(sheet)
    sheet.note = note.strip()
    if handouts is not None:
        if any(h not in Sheet.Handout.values for h in handouts):
            raise DomainError(_("Unknown handout."), field="handouts")
        sheet.handouts = sorted(set(handouts))
    sheet.save(update_fields=["note", "handouts"])
    return sheet


@transaction.atomic
def sheet_supersede(*, sheet: Sheet, reason: str, by: User) -> Sheet:
    """Start a new version of a signed sheet, with its lines copied; the signed one stays in force (and in the
    dossier) until the new version is signed."""
    require_role(by, HANDOVER_STAFF)
    if not reason.strip():
        raise DomainError(_("Say why the signed sheet needs a new version."), field="reason")
    sheet = Sheet.objects.select_for_update().select_related("visit").get(pk=sheet.pk)
    if sheet.status != Sheet.Status.SIGNED:
        raise DomainError(_("Only the signed version of a sheet can be superseded."))
    if not sheet.visit.is_open:
        raise DomainError(_("The visit is completed; its sheets can no longer change."))
    if Sheet.objects.filter(visit=sheet.visit, kind=sheet.kind, status=Sheet.Status.DRAFT).exists():
        raise DomainError(_("A new version of this sheet is already being prepared."))
    new = Sheet.objects.create(
        visit=sheet.visit,
        kind=sheet.kind,
        version=sheet.version + 1,
        supersedes=sheet,
        reason=reason.strip(),
        note=sheet.note,
        handouts=sheet.handouts,
        created_by=by,
    )
    _lines_copy(sheet, new)
    return new


def _lines_copy(source: Sheet, target: Sheet) -> None:
    records = list(source.key_records.all())
    for record in records:
        record.pk, record.sheet = None, target
    KeyRecord.objects.bulk_create(records)
    items = list(source.acceptance_items.all())
    for item in items:
        item.origin_id, item.pk, item.sheet = item.origin_pk, None, target
    AcceptanceItem.objects.bulk_create(items)
    readings = list(source.readings.all())
    for reading in readings:
        reading.pk, reading.sheet, reading.confirmed_at = None, target, None
    MeterReading.objects.bulk_create(readings)
