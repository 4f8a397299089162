"""Signing a sheet on screen: both sides draw their signature and type their name; the sheet's content is
hashed, the signatures recorded (name, time, device address, hash, picture), the sheet rendered as PDF/A
into the tenant's dossier, and the sheet frozen. Signing the move-out confirmation hands the units back
(the lease runs, and is billed, to its end date)."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.errors import DomainError
from documents.models import Signature
from documents.services import document_render, signature_record
from documents.wording import in_tenant_language, join_list
from leasing.leases.ending import lease_hand_back
from leasing.models import Lease, Unit
from tenancy.access import require_role

from ..content import content_sha256, sheet_content
from ..models import AcceptanceItem, RectificationItem, Sheet, Visit
from ..permissions import HANDOVER_STAFF
from ..printing import SHEET_NUMBER_PREFIX, print_context, sheet_template, sheet_title
from .common import SHEET_DOCUMENT_KINDS, sheet_lock_draft
from .keys import keys_gate_check
from .visits import MOVE_OUT_REQUIRED, missing_sheets


@dataclass
class SignerInput:
    """One side's typed name and the PNG drawn on the canvas."""

    name: str
    png: bytes | None


def _check_signers(staff: SignerInput, tenant: SignerInput) -> None:
    for prefix, signer in (("staff", staff), ("tenant", tenant)):
        if not signer.name.strip():
            raise DomainError(_("Enter the name of the person signing."), field=f"{prefix}_name")
        if signer.png is None:
            raise DomainError(_("Sign in the box: the signature is empty."), field=f"{prefix}_signature")


def _check_complete(sheet: Sheet) -> None:
    """A sheet is signed only when it says what it must."""
    visit = sheet.visit
    if sheet.kind == Sheet.Kind.KEYS and not sheet.key_records.exists():
        raise DomainError(_("List at least one key or access card before signing."))
    if sheet.kind == Sheet.Kind.KEYS:
        keys_gate_check(visit)  # the identity checked, the deposit and first bill paid (or overridden)
    if sheet.kind == Sheet.Kind.METERS:
        if not visit.unit.meters.filter(active=True).exists():
            raise DomainError(
                _("The unit has no meter yet: add its meters and their readings before signing.")
            )
        unread = visit.unit.meters.filter(active=True).exclude(readings__sheet=sheet).order_by("number")
        if unread.exists():
            raise DomainError(
                _("Every meter of the unit needs a reading: %(meters)s has none.")
                % {"meters": join_list(m.number for m in unread)}
            )
    if sheet.kind == Sheet.Kind.ACCEPTANCE and not sheet.acceptance_items.exists():
        raise DomainError(_("The checklist needs at least one item."))
    if sheet.kind == Sheet.Kind.RECEIPT and not sheet.handouts:
        raise DomainError(_("Tick what was handed over before signing the receipt."))
    if sheet.kind == Sheet.Kind.MOVE_OUT:
        missing = missing_sheets(visit, MOVE_OUT_REQUIRED)
        if missing:
            raise DomainError(_("Sign these sheets first: %(sheets)s.") % {"sheets": join_list(missing)})


@transaction.atomic
def sheet_sign(
    *, sheet: Sheet, staff: SignerInput, tenant: SignerInput, by: User, ip_address: str | None = None
) -> Sheet:
    """Both sides sign a complete draft: hash, signatures, PDF/A in the dossier; then the sheet is frozen."""
    require_role(by, HANDOVER_STAFF)
    _check_signers(staff, tenant)
    sheet = sheet_lock_draft(sheet)
    _check_complete(sheet)
    visit = sheet.visit
    sha256 = content_sha256(sheet_content(sheet))
    signed_at = timezone.now()
    signatures = [
        signature_record(
            about=sheet,
            content_sha256=sha256,
            signer_name=signer.name,
            signer_role=role,
            method=Signature.Method.ON_SCREEN,
            user=by if role == Signature.SignerRole.STAFF else None,
            signed_at=signed_at,
            ip_address=ip_address,
            image_png=signer.png,
            tenant=visit.tenant,
        )
        for signer, role in ((staff, Signature.SignerRole.STAFF), (tenant, Signature.SignerRole.TENANT))
    ]
    pngs = [staff.png, tenant.png]
    with in_tenant_language(visit.tenant):  # what the context words too, not only the template
        document = document_render(
            template=sheet_template(sheet),
            context=print_context(sheet, sha256=sha256, signatures=list(zip(signatures, pngs, strict=True))),
            kind=SHEET_DOCUMENT_KINDS[sheet.kind],
            title=sheet_title(sheet),
            tenant=visit.tenant,
            about=sheet,
            by=by,
            number_prefix=SHEET_NUMBER_PREFIX,
        )
    if sheet.supersedes_id:
        earlier = Sheet.objects.filter(pk=sheet.supersedes_id)
        Sheet.LIFECYCLE.movable(earlier, Sheet.Status.SUPERSEDED).update(status=Sheet.Status.SUPERSEDED)
    Sheet.LIFECYCLE.move(sheet, Sheet.Status.SIGNED)
    sheet.content_sha256, sheet.document_id, sheet.signed_at = sha256, document.pk, signed_at
    sheet.save(update_fields=["status", "content_sha256", "document_id", "signed_at"])
    _after_signing(sheet, by)
    return sheet


def _after_signing(sheet: Sheet, by: User) -> None:
    if sheet.kind == Sheet.Kind.METERS:
        sheet.readings.update(confirmed_at=sheet.signed_at)
    elif sheet.kind == Sheet.Kind.ACCEPTANCE and sheet.visit.kind == Visit.Kind.MOVE_IN:
        _rectifications_raise(sheet)
    elif sheet.kind == Sheet.Kind.MOVE_OUT:
        _move_out_complete(sheet.visit, by)


def _rectifications_raise(sheet: Sheet) -> None:
    """Each defect on the signed acceptance sheet goes to engineering once (a new version adds only the
    new ones)."""
    defects = sheet.acceptance_items.filter(~Q(condition=AcceptanceItem.Condition.GOOD))
    raised = set(
        RectificationItem.objects.filter(visit=sheet.visit).values_list("item__origin_id", "item_id")
    )
    known = {pk for pair in raised for pk in pair if pk}
    RectificationItem.objects.bulk_create(
        RectificationItem(
            visit=sheet.visit,
            item=item,
            **_defect_description(item),
            due_date=item.due_date or sheet.visit.visit_date,
        )
        for item in defects
        if item.origin_pk not in known
    )


def _defect_description(item: AcceptanceItem) -> dict[str, Any]:
    """What the rectification item says, kept as a message and its values (the checklist item by its code),
    so that engineering, the desk and the tenant each read it in their own language."""
    if item.location and item.note:
        key = gettext_noop("%(item)s %(location)s: %(note)s")
    elif item.note:
        key = gettext_noop("%(item)s: %(note)s")
    elif item.location:
        key = gettext_noop("%(item)s %(location)s")
    else:
        key = gettext_noop("%(item)s")
    params = {"item": item.item, "location": item.location, "note": item.note}
    return {"description_key": key, "description_params": params}


def _move_out_complete(visit: Visit, by: User) -> None:
    """The visit is complete; when every unit of the lease is handed back, leasing learns the handback day.

    Handing back early does not end the lease: it runs (and is billed) to its end date unless management
    releases it early; leasing ends it then and archives the dossier once no lease of the tenant runs.
    """
    now = timezone.now()
    this_visit = Visit.objects.filter(pk=visit.pk)
    Visit.LIFECYCLE.movable(this_visit, Visit.Status.COMPLETED).update(
        status=Visit.Status.COMPLETED, completed_at=now
    )
    lease = visit.lease
    units = set(
        Unit.objects.filter(lease_units__lease=lease, lease_units__blocking=True).values_list("pk", flat=True)
    )
    returned = set(
        Visit.objects.filter(
            lease=lease, kind=Visit.Kind.MOVE_OUT, status=Visit.Status.COMPLETED
        ).values_list("unit_id", flat=True)
    )
    if units <= returned and lease.status in Lease.RUNNING:
        lease_hand_back(lease=lease, on=visit.visit_date, by=by)
