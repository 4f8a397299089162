"""Handover test data: leases with visits opened through the services, meters, drawn signatures."""

import base64
import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import factory
from PIL import Image, ImageDraw

from handover import services
from handover.models import Meter, Sheet, Visit
from handover.services import AcceptanceLine, KeyLine, ReadingLine, SignerInput
from leasing.models import Lease
from tests.factories import staff
from tests.leasing.lease_factories import lease_in

TODAY = date(2026, 3, 2)


def png(*, blank: bool = False, size: tuple[int, int] = (300, 100)) -> bytes:
    """A PNG like the canvas gives: transparent, with a stroke unless blank."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    if not blank:
        ImageDraw.Draw(image).line([(10, 80), (120, 20), (280, 70)], fill=(0, 0, 0, 255), width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def data_url(*, blank: bool = False) -> str:
    return "data:image/png;base64," + base64.b64encode(png(blank=blank)).decode()


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(buffer, format="JPEG")
    return buffer.getvalue()


class MeterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meter

    kind = Meter.Kind.ELECTRICITY
    number = factory.Sequence(lambda n: f"DB-{n + 10001}")


def move_in_visit(
    *,
    tenant: Any = None,
    by: Any = None,
    meters: int = 1,
    status: str = "signed",
    keys_cleared: bool = True,
) -> Visit:
    """A signed lease of one unit (with ``meters`` electricity meters) and its open move-in visit.

    With ``keys_cleared`` (for tests about something else) the signer's identity is recorded and management
    lets the keys go before payment, so the key sheet can be signed; without it the gate stands."""
    lease = lease_in(status, tenant=tenant)
    unit = lease.units.get()
    for _ in range(meters):
        MeterFactory(unit=unit)
    (visit,) = services.visits_open_move_in(
        lease=lease, visit_date=TODAY + timedelta(days=3), by=by or staff(), today=TODAY
    )
    return keys_clear(visit) if keys_cleared else visit


def identity_record(visit: Visit, by: Any = None) -> Visit:
    """The signer showed a resident ID card."""
    return services.visit_identity_record(
        visit=visit,
        name="李华",
        document_type="resident_id",
        document_number="310101198506150012",
        by=by or staff(),
    )


def keys_clear(visit: Visit) -> Visit:
    """Identity recorded, and management's override of what billing still asks before the keys."""
    visit = identity_record(visit)
    if services.keys_still_due(visit):
        visit = services.visit_keys_override(visit=visit, reason="押金已现场收取", by=staff("management"))
    return visit


def sheet_of(visit: Visit, kind: str) -> Sheet:
    return visit.sheets.exclude(status=Sheet.Status.SUPERSEDED).order_by("-version").filter(kind=kind).first()


def signers(staff_name: str = "王小明", tenant_name: str = "李华") -> dict[str, SignerInput]:
    return {"staff": SignerInput(staff_name, png()), "tenant": SignerInput(tenant_name, png())}


def fill_keys(visit: Visit, by: Any, **overrides: Any) -> Sheet:
    values = {"key_type": "door_key", "number": "A-01", "quantity": 3, "issued_to": "李华", "spare_kept": 1}
    return services.keys_save(
        sheet=sheet_of(visit, Sheet.Kind.KEYS), lines=[KeyLine(**{**values, **overrides})], by=by
    )


def fill_meters(visit: Visit, by: Any, reading: str = "1250.50") -> Sheet:
    lines = [
        ReadingLine(kind=m.kind, number=m.number, reading=Decimal(reading), meter_id=m.pk)
        for m in visit.unit.meters.filter(active=True)
    ]
    return services.readings_save(sheet=sheet_of(visit, Sheet.Kind.METERS), lines=lines, by=by)


def fill_acceptance(visit: Visit, by: Any, *, defect: bool = True, damage: str | None = None) -> Sheet:
    sheet = sheet_of(visit, Sheet.Kind.ACCEPTANCE)
    lines = [
        AcceptanceLine(item=a.item, condition="good", location=a.location, pk=a.pk)
        for a in sheet.acceptance_items.all()
    ]
    if defect:
        lines[0] = AcceptanceLine(
            item=lines[0].item,
            condition="defect",
            note="门锁松动",
            due_date=visit.visit_date + timedelta(days=7),
            damage_amount=Decimal(damage) if damage else None,
            pk=lines[0].pk,
        )
    return services.acceptance_save(sheet=sheet, lines=lines, by=by)


def sign(visit: Visit, kind: str, by: Any) -> Sheet:
    return services.sheet_sign(sheet=sheet_of(visit, kind), by=by, ip_address="10.0.0.8", **signers())


def pre_inspect(visit: Visit, findings: str = "正常") -> Visit:
    """Engineering and security record their pre-inspection findings (those not recorded yet)."""
    for task in visit.pre_inspections.filter(done_at__isnull=True):
        services.pre_inspection_record(task=task, findings=findings, by=staff(task.department))
    return visit


def sign_agreements(visit: Visit, by: Any) -> Visit:
    """Both sides sign the management agreement and the fire-safety responsibility agreement."""
    sign(visit, Sheet.Kind.MANAGEMENT_AGREEMENT, by)
    sign(visit, Sheet.Kind.FIRE_SAFETY_AGREEMENT, by)
    return visit


def move_in_ready(visit: Visit, by: Any) -> Visit:
    """What a move-in needs besides the walk-through sheets: the two agreements and the findings."""
    return pre_inspect(sign_agreements(visit, by))


def complete_move_in(visit: Visit, by: Any) -> Visit:
    """Fill and sign every move-in sheet (the two agreements too), have engineering and security record their
    findings, and complete the visit."""
    move_in_ready(visit, by)
    fill_keys(visit, by)
    sign(visit, Sheet.Kind.KEYS, by)
    fill_meters(visit, by)
    sign(visit, Sheet.Kind.METERS, by)
    fill_acceptance(visit, by)
    sign(visit, Sheet.Kind.ACCEPTANCE, by)
    services.sheet_note_save(sheet=sheet_of(visit, Sheet.Kind.RECEIPT), note="", handouts=["handbook"], by=by)
    sign(visit, Sheet.Kind.RECEIPT, by)
    return services.visit_complete_move_in(visit=visit, by=by)


def complete_move_out(visit: Visit, by: Any, *, tenant_signer: str = "") -> Visit:
    """Give notice on the moved-in visit's lease, then open, fill and sign every move-out sheet (all keys
    back, no defect): signing the confirmation completes the move-out. Returns the move-out visit."""
    notice = lease_with_notice(visit.lease, by)
    (out,) = services.visits_open_move_out(
        notice=notice, visit_date=TODAY + timedelta(days=40), by=by, today=TODAY
    )
    fill_keys(out, by, returned=3)
    sign(out, Sheet.Kind.KEYS, by)
    fill_meters(out, by, reading="1400.25")
    sign(out, Sheet.Kind.METERS, by)
    fill_acceptance(out, by, defect=False)
    sign(out, Sheet.Kind.ACCEPTANCE, by)
    tenant = {"tenant_name": tenant_signer} if tenant_signer else {}
    services.sheet_sign(sheet=sheet_of(out, Sheet.Kind.MOVE_OUT), by=by, **signers(**tenant))
    return out


def lease_with_notice(lease: Lease, by: Any) -> Any:
    from leasing.models import MoveOutNotice

    # As the notice service does: the notice's date becomes the lease's end date.
    Lease.objects.filter(pk=lease.pk).update(
        status=Lease.Status.NOTICE_GIVEN, effective_end=TODAY + timedelta(days=40)
    )
    return MoveOutNotice.objects.create(
        lease=lease, move_out_date=TODAY + timedelta(days=40), given_on=TODAY, channel="front_desk", by=by
    )
