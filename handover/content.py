"""What a sheet says, as plain data: hashed when it is signed and printed on its PDF.

The hash is the SHA-256 of this content as canonical JSON, so the same lines always give the same hash and
any change to a line (after signing nothing may change) gives another one.
"""

import hashlib
import json
from typing import Any

from .agreements import AGREEMENT_KINDS, agreement_text
from .models import Sheet


def _key_lines(sheet: Sheet) -> list[dict[str, Any]]:
    return [
        {
            "type": r.key_type,
            "number": r.number,
            "quantity": r.quantity,
            "issued_to": r.issued_to,
            "spare_kept": r.spare_kept,
            "returned": r.returned,
            "charge_each": str(r.charge_each),
        }
        for r in sheet.key_records.all()
    ]


def _reading_lines(sheet: Sheet) -> list[dict[str, Any]]:
    return [
        {
            "meter": r.meter.number,
            "kind": r.meter.kind,
            "reading": str(r.reading),
            "read_on": r.read_on.isoformat(),
            "photo": r.photo_document_id,
        }
        for r in sheet.readings.select_related("meter").order_by("meter__kind", "meter__number")
    ]


def _acceptance_lines(sheet: Sheet) -> list[dict[str, Any]]:
    return [
        {
            "item": a.item,
            "location": a.location,
            "condition": a.condition,
            "note": a.note,
            "due_date": a.due_date.isoformat() if a.due_date else None,
            "damage_amount": None if a.damage_amount is None else str(a.damage_amount),
            "photo": a.photo_document_id,
        }
        for a in sheet.acceptance_items.all()
    ]


def sheet_content(sheet: Sheet) -> dict[str, Any]:
    """The sheet's identity and lines; what both sides sign."""
    visit = sheet.visit
    content: dict[str, Any] = {
        "sheet": sheet.kind,
        "version": sheet.version,
        "visit": visit.pk,
        "visit_kind": visit.kind,
        "visit_date": visit.visit_date.isoformat(),
        "lease": visit.lease.number,
        "tenant": visit.tenant.name,
        "unit": visit.unit.code,
        "note": sheet.note,
        "reason": sheet.reason,
    }
    if sheet.kind == Sheet.Kind.KEYS:
        content["keys"] = _key_lines(sheet)
    elif sheet.kind == Sheet.Kind.METERS:
        content["readings"] = _reading_lines(sheet)
    elif sheet.kind == Sheet.Kind.ACCEPTANCE:
        content["items"] = _acceptance_lines(sheet)
    elif sheet.kind == Sheet.Kind.RECEIPT:
        content["handouts"] = sorted(sheet.handouts)
    elif sheet.kind in AGREEMENT_KINDS:
        content["agreement"] = agreement_text(sheet)  # the very words signed, in the tenant's language
    return content


def content_sha256(content: dict[str, Any]) -> str:
    data = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(data.encode()).hexdigest()
