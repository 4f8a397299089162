"""Opening visits (move-in from a signed lease, move-out from a move-out notice), pre-inspections, the
relocation register, and completing a move-in visit."""

from datetime import date, timedelta

import pghistory
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from documents.wording import join_list
from leasing.leases.termination import lease_terminated
from leasing.models import Lease, MoveOutNotice, Unit
from tenancy.access import require_role

from ..gates import RELOCATION_BOOKED
from ..models import (
    MSG_SLOT_TAKEN,
    AcceptanceItem,
    KeyRecord,
    PreInspection,
    RelocationBooking,
    Sheet,
    Visit,
)
from ..permissions import HANDOVER_STAFF, VISIT_OPENERS, may_inspect
from .common import visit_lock_open

MOVE_IN_SHEETS = (
    Sheet.Kind.KEYS,
    Sheet.Kind.METERS,
    Sheet.Kind.ACCEPTANCE,
    Sheet.Kind.RECEIPT,
    Sheet.Kind.MANAGEMENT_AGREEMENT,
    Sheet.Kind.FIRE_SAFETY_AGREEMENT,
)
MOVE_OUT_SHEETS = (Sheet.Kind.KEYS, Sheet.Kind.METERS, Sheet.Kind.ACCEPTANCE, Sheet.Kind.MOVE_OUT)
# Sheets that must be signed before a visit is complete (move-out: before the confirmation is signed).
MOVE_IN_REQUIRED = MOVE_IN_SHEETS
MOVE_OUT_REQUIRED = (Sheet.Kind.KEYS, Sheet.Kind.METERS, Sheet.Kind.ACCEPTANCE)
PRE_INSPECTION_LEAD_DAYS = 1


def _lease_units(lease: Lease) -> list[Unit]:
    return list(
        Unit.objects.filter(lease_units__lease=lease, lease_units__blocking=True).distinct().order_by("code")
    )


@transaction.atomic
def visits_open_move_in(
    *, lease: Lease, visit_date: date, by: User, today: date | None = None
) -> list[Visit]:
    """A move-in visit for each unit of a signed lease, with engineering's and security's pre-inspections."""
    require_role(by, VISIT_OPENERS)
    today = today or timezone.localdate()
    lease = Lease.objects.select_for_update().select_related("tenant").get(pk=lease.pk)
    if lease.status not in (Lease.Status.SIGNED, Lease.Status.ACTIVE):
        raise DomainError(
            _("Lease %(number)s is %(status)s: a move-in visit needs a signed lease.")
            % {"number": lease.number, "status": lease.get_status_display()},
            field="lease",
        )
    if visit_date < today:
        raise DomainError(_("The visit date cannot be in the past."), field="visit_date")
    visits = _visits_create(lease, Visit.Kind.MOVE_IN, visit_date, by)
    due = max(today, visit_date - timedelta(days=PRE_INSPECTION_LEAD_DAYS))
    PreInspection.objects.bulk_create(
        PreInspection(visit=visit, department=department, due_date=due)
        for visit in visits
        for department in PreInspection.Department.values
    )
    return visits


@transaction.atomic
def visits_open_move_out(
    *,
    visit_date: date,
    by: User,
    notice: MoveOutNotice | None = None,
    lease: Lease | None = None,
    today: date | None = None,
) -> list[Visit]:
    """A move-out visit for each unit of the lease a move-out notice was given for, or of a lease holding
    over (its term has ended with the tenant still in) or terminated by the landlord, which need no notice."""
    require_role(by, VISIT_OPENERS)
    today = today or timezone.localdate()
    lease_id = notice.lease_id if notice is not None else lease.pk if lease is not None else None
    lease = Lease.objects.select_for_update().select_related("tenant").get(pk=lease_id)
    if notice is None and lease.status != Lease.Status.HOLDING_OVER and not lease_terminated(lease):
        raise DomainError(
            _("Lease %(number)s is %(status)s: a move-out visit needs a move-out notice.")
            % {"number": lease.number, "status": lease.get_status_display()},
            field="lease",
        )
    if lease.status not in Lease.RUNNING:
        raise DomainError(
            _("Lease %(number)s is %(status)s: a move-out visit needs a running lease.")
            % {"number": lease.number, "status": lease.get_status_display()},
            field="lease",
        )
    if visit_date < today:
        raise DomainError(_("The visit date cannot be in the past."), field="visit_date")
    _refuse_while_moving_in(lease)
    return _visits_create(lease, Visit.Kind.MOVE_OUT, visit_date, by)


def _refuse_while_moving_in(lease: Lease) -> None:
    """A unit is handed back only after it was handed over: an open move-in visit must be completed first."""
    open_units = list(
        Visit.objects.filter(lease=lease, kind=Visit.Kind.MOVE_IN, status=Visit.Status.OPEN)
        .order_by("unit__code")
        .values_list("unit__code", flat=True)
    )
    if open_units:
        raise DomainError(
            _(
                "The move-in visit of %(units)s is still open: complete it (sign its sheets) before "
                "opening a move-out visit."
            )
            % {"units": join_list(open_units)},
            field="notice",
        )


def _visits_create(lease: Lease, kind: str, visit_date: date, by: User) -> list[Visit]:
    existing = set(Visit.objects.filter(lease=lease, kind=kind).values_list("unit_id", flat=True))
    units = [u for u in _lease_units(lease) if u.pk not in existing]
    if not units:
        raise DomainError(_("Every unit of this lease already has such a visit."), field="lease")
    visits = []
    for unit in units:
        visit = Visit.objects.create(
            kind=kind, lease=lease, unit=unit, tenant=lease.tenant, visit_date=visit_date, created_by=by
        )
        _sheets_create(visit, by)
        visits.append(visit)
    return visits


def _sheets_create(visit: Visit, by: User) -> None:
    kinds = MOVE_IN_SHEETS if visit.kind == Visit.Kind.MOVE_IN else MOVE_OUT_SHEETS
    sheets = {kind: Sheet.objects.create(visit=visit, kind=kind, created_by=by) for kind in kinds}
    moved_in = _signed_move_in_sheets(visit) if visit.kind == Visit.Kind.MOVE_OUT else {}
    acceptance = sheets[Sheet.Kind.ACCEPTANCE]
    if Sheet.Kind.ACCEPTANCE in moved_in:
        items = [
            AcceptanceItem(sheet=acceptance, origin_id=a.origin_pk, item=a.item, location=a.location)
            for a in moved_in[Sheet.Kind.ACCEPTANCE].acceptance_items.all()
        ]
    else:
        items = [AcceptanceItem(sheet=acceptance, item=item) for item in AcceptanceItem.STANDARD]
    AcceptanceItem.objects.bulk_create(items)
    if Sheet.Kind.KEYS in moved_in:
        KeyRecord.objects.bulk_create(
            KeyRecord(
                sheet=sheets[Sheet.Kind.KEYS],
                key_type=r.key_type,
                number=r.number,
                quantity=r.quantity,
                issued_to=r.issued_to,
                spare_kept=r.spare_kept,
            )
            for r in moved_in[Sheet.Kind.KEYS].key_records.all()
        )


def _signed_move_in_sheets(visit: Visit) -> dict[str, Sheet]:
    """The signed sheets of the move-in visit of the same lease and unit (what the tenant took over)."""
    sheets = Sheet.objects.filter(
        visit__lease=visit.lease,
        visit__unit=visit.unit,
        visit__kind=Visit.Kind.MOVE_IN,
        status=Sheet.Status.SIGNED,
    )
    return {sheet.kind: sheet for sheet in sheets}


@transaction.atomic
def pre_inspection_record(*, task: PreInspection, findings: str, by: User) -> PreInspection:
    """Engineering or security records what it found (management may for either), before or after the
    visit; recorded findings may be amended, each version kept in the task's history."""
    if not may_inspect(by, task.department):
        raise PermissionDenied(_("Only the department the task is for may record its findings."))
    findings = findings.strip()
    if not findings:
        raise DomainError(_("Write down what you found, or that everything is in order."), field="findings")
    task = PreInspection.objects.select_for_update().get(pk=task.pk)
    if task.is_done and task.findings == findings:
        raise DomainError(_("The findings are unchanged."), field="findings")
    with pghistory.context(user=by.pk):
        task.findings = findings
        if not task.is_done:  # the first record says when and by whom it was done; amendments are history
            task.done_at, task.done_by = timezone.now(), by
        task.save(update_fields=["findings", "done_at", "done_by"])
    return task


@transaction.atomic
def relocation_book(
    *,
    visit: Visit,
    moving_date: date,
    slot: str,
    by: User,
    mover: str = "",
    contact_phone: str = "",
    note: str = "",
    today: date | None = None,
) -> RelocationBooking:
    """Reserve the freight lift for a move (《客户搬迁登记表》); a slot of a day is booked only once."""
    require_role(by, HANDOVER_STAFF)
    visit = visit_lock_open(visit)
    if moving_date < (today or timezone.localdate()):
        raise DomainError(_("The moving date cannot be in the past."), field="moving_date")
    if slot not in RelocationBooking.Slot.values:
        raise DomainError(_("Choose a freight-lift slot."), field="slot")
    refusals = RELOCATION_BOOKED.refusals(visit=visit)
    if refusals:
        raise DomainError(" ".join(refusals))
    building_id = visit.unit.building_id
    if RelocationBooking.objects.filter(building_id=building_id, moving_date=moving_date, slot=slot).exists():
        raise DomainError(str(MSG_SLOT_TAKEN), field="slot")
    try:
        with transaction.atomic():
            return RelocationBooking.objects.create(
                visit=visit,
                building_id=building_id,
                moving_date=moving_date,
                slot=slot,
                mover=mover.strip(),
                contact_phone=contact_phone.strip(),
                note=note.strip(),
                created_by=by,
            )
    except IntegrityError:  # booked by someone else a moment ago
        raise DomainError(str(MSG_SLOT_TAKEN), field="slot") from None


def missing_sheets(visit: Visit, kinds: tuple[str, ...]) -> list[str]:
    """The labels of the sheets of ``kinds`` the visit has not signed yet."""
    signed = set(visit.sheets.filter(status=Sheet.Status.SIGNED).values_list("kind", flat=True))
    return [str(Sheet.Kind(kind).label) for kind in kinds if kind not in signed]


def move_in_still_due(visit: Visit) -> list[str]:
    """What a move-in visit still waits for before it completes, in words for the page: its unsigned sheets
    (the two agreements among them), then each department whose pre-inspection findings are not recorded."""
    reasons = []
    missing = missing_sheets(visit, MOVE_IN_REQUIRED)
    if missing:
        reasons.append(_("Sign these sheets first: %(sheets)s.") % {"sheets": join_list(missing)})
    done = set(
        PreInspection.objects.filter(visit=visit, done_at__isnull=False).values_list("department", flat=True)
    )
    if PreInspection.Department.ENGINEERING not in done:
        reasons.append(_("Engineering has not recorded its pre-inspection findings yet."))
    if PreInspection.Department.SECURITY not in done:
        reasons.append(_("Security has not recorded its pre-inspection findings yet."))
    return reasons


@transaction.atomic
def visit_complete_move_in(*, visit: Visit, by: User) -> Visit:
    """The move-in is done once its sheets (the management and fire-safety agreements among them) are signed
    and engineering and security have recorded their pre-inspection findings."""
    require_role(by, HANDOVER_STAFF)
    visit = visit_lock_open(visit)
    if visit.kind != Visit.Kind.MOVE_IN:
        raise DomainError(_("A move-out visit is completed by signing the move-out handover confirmation."))
    reasons = move_in_still_due(visit)
    if reasons:
        raise DomainError(" ".join(reasons))
    Visit.LIFECYCLE.move(visit, Visit.Status.COMPLETED)
    visit.completed_at = timezone.now()
    visit.save(update_fields=["status", "completed_at"])
    return visit
