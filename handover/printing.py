"""What a signed sheet prints: its template, its title (the Chinese form name first, as users know it),
and the context with the lines, both drawn signatures and the hash of what was signed."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from documents.models import Signature
from documents.signatures import signature_print_uri

from . import selectors
from .agreements import AGREEMENT_KINDS, agreement_text
from .models import Sheet, Visit

SHEET_NUMBER_PREFIX = "JJ"

# The forms' own names, printed verbatim (DOMAIN.md §3 and §7).
CHINESE_NAMES: dict[str, str] = {
    Sheet.Kind.KEYS: "单元钥匙交接单",
    Sheet.Kind.METERS: "电表读数确认单",
    Sheet.Kind.ACCEPTANCE: "单元验收整改单",
    Sheet.Kind.RECEIPT: "客户手册及装修指南签收单",
    Sheet.Kind.MANAGEMENT_AGREEMENT: "管理协议",
    Sheet.Kind.FIRE_SAFETY_AGREEMENT: "区域防火责任协议书",
    Sheet.Kind.MOVE_OUT: "退租交接确认书",
}
ENGLISH_NAMES: dict[str, str] = {
    Sheet.Kind.KEYS: "Unit Key Handover Sheet",
    Sheet.Kind.METERS: "Meter Reading Confirmation Sheet",
    Sheet.Kind.ACCEPTANCE: "Unit Acceptance and Rectification Sheet",
    Sheet.Kind.RECEIPT: "Receipt for the Handbook and Guides",
    Sheet.Kind.MANAGEMENT_AGREEMENT: "Management Agreement",
    Sheet.Kind.FIRE_SAFETY_AGREEMENT: "Fire-safety Responsibility Agreement",
    Sheet.Kind.MOVE_OUT: "Move-out Handover Confirmation",
}


def sheet_template(sheet: Sheet) -> str:
    if sheet.kind in AGREEMENT_KINDS:
        return "documents/forms/handover_agreement.html"
    return f"documents/forms/handover_{sheet.kind}.html"


def sheet_title(sheet: Sheet) -> str:
    visit = sheet.visit
    return f"《{CHINESE_NAMES[sheet.kind]}》 {visit.unit.code} {visit.lease.number} v{sheet.version}"


def print_context(
    sheet: Sheet, *, sha256: str, signatures: list[tuple[Signature, bytes | None]]
) -> dict[str, Any]:
    """Everything the sheet's print template shows."""
    visit = sheet.visit
    context: dict[str, Any] = {
        "sheet": sheet,
        "visit": visit,
        "lease": visit.lease,
        "tenant": visit.tenant,
        "unit": visit.unit,
        "building": visit.unit.building,
        "chinese_name": CHINESE_NAMES[sheet.kind],
        "english_name": ENGLISH_NAMES[sheet.kind],
        "move_out": visit.kind == Visit.Kind.MOVE_OUT,
        "sha256": sha256,
        "signatures": [{"signature": s, "image": signature_print_uri(png)} for s, png in signatures],
        "empty_label": _("none"),
    }
    if sheet.kind == Sheet.Kind.KEYS:
        context["records"] = list(sheet.key_records.all())
        context["spares"] = [r for r in context["records"] if r.spare_kept]
    elif sheet.kind == Sheet.Kind.METERS:
        context["rows"] = selectors.meter_rows(sheet)
        context["copies"] = (
            ["工程部联 Engineering copy", "服务部联 Service copy"] if context["move_out"] else [""]
        )
    elif sheet.kind == Sheet.Kind.ACCEPTANCE:
        before = selectors.move_in_state(visit)
        context["items"] = [(item, before.get(item.origin_pk)) for item in sheet.acceptance_items.all()]
    elif sheet.kind == Sheet.Kind.RECEIPT:
        context["handouts"] = [Sheet.Handout(h) for h in sheet.handouts]
    elif sheet.kind == Sheet.Kind.MOVE_OUT:
        context.update(move_out_summary(visit))
    elif sheet.kind in AGREEMENT_KINDS:
        context["agreement"] = agreement_text(sheet)
    return context


def move_out_summary(visit: Visit) -> dict[str, Any]:
    """What the move-out confirmation states: charges, keys returned, closing readings."""
    charges = selectors.damage_charges_for(visit)
    readings = [r for r in selectors.closing_readings_for(visit.lease) if r.unit_id == visit.unit_id]
    key_sheet = visit.sheets.filter(kind=Sheet.Kind.KEYS, status=Sheet.Status.SIGNED).first()
    return {
        "charges": charges,
        "charges_total": sum((c.amount for c in charges), Decimal("0.00")),
        "closing_readings": readings,
        "keys": list(key_sheet.key_records.all()) if key_sheet else [],
    }
