"""Read side of handover, for its pages and for billing, which pulls opening and closing readings and the
damages charged at move-out from here (plain data, Decimal amounts; handover posts no charges itself)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from documents.actors import User
from documents.models import Document, Signature
from leasing.models import Lease, LeaseUnit, MoveOutNotice, Unit

from .models import (
    AcceptanceItem,
    KeyRecord,
    Meter,
    MeterReading,
    MeterRound,
    PreInspection,
    RectificationItem,
    Sheet,
    Visit,
)


@dataclass(frozen=True)
class Reading:
    """A confirmed meter reading."""

    meter_id: int
    meter_number: str
    kind: str
    unit_id: int
    reading: Decimal
    read_on: date
    reading_id: int | None = None


@dataclass(frozen=True)
class Charge:
    """Something the tenant pays for at move-out: a damage or a key not returned."""

    visit_id: int
    kind: str  # "damage" or "missing_key"
    description: str  # in the active language, for a page
    amount: Decimal
    # The same as an untranslated message and its values (the item and key type as their choice values), so
    # billing keeps it and the tenant's bill reads it in the tenant's language.
    key: str = ""
    params: dict[str, Any] = field(default_factory=dict)


def _reading(row: MeterReading) -> Reading:
    return Reading(
        meter_id=row.meter_id,
        meter_number=row.meter.number,
        kind=row.meter.kind,
        unit_id=row.meter.unit_id,
        reading=row.reading,
        read_on=row.read_on,
        reading_id=row.pk,
    )


def _confirmed() -> QuerySet[MeterReading]:
    return MeterReading.objects.filter(
        confirmed_at__isnull=False, sheet__status=Sheet.Status.SIGNED
    ).select_related("meter")


def opening_readings_for(lease: Lease) -> list[Reading]:
    """The opening readings confirmed at the lease's move-in visits: where utility billing starts."""
    rows = _confirmed().filter(sheet__visit__lease=lease, sheet__visit__kind=Visit.Kind.MOVE_IN)
    return [_reading(r) for r in rows.order_by("meter__unit__code", "meter__kind", "meter__number")]


def closing_readings_for(lease: Lease) -> list[Reading]:
    """The closing readings confirmed at the lease's move-out visits."""
    rows = _confirmed().filter(sheet__visit__lease=lease, sheet__visit__kind=Visit.Kind.MOVE_OUT)
    return [_reading(r) for r in rows.order_by("meter__unit__code", "meter__kind", "meter__number")]


def readings_between(meter: Meter, start: date, end: date) -> list[Reading]:
    """The meter's confirmed readings from ``start`` to ``end`` (both included), oldest first."""
    rows = _confirmed().filter(meter=meter, read_on__gte=start, read_on__lte=end)
    return [_reading(r) for r in rows.order_by("read_on", "pk")]


def damage_charges_for(visit: Visit) -> list[Charge]:
    """What the signed move-out sheets of the visit charge: damages with an amount and missing keys."""
    charges: list[Charge] = []
    items = AcceptanceItem.objects.filter(
        sheet__visit=visit, sheet__status=Sheet.Status.SIGNED, damage_amount__gt=0
    ).order_by("pk")
    for item in items:
        description = " ".join(part for part in (item.get_item_display(), item.location, item.note) if part)
        details = " ".join(part for part in (item.location, item.note) if part)
        key, params = (
            ("%(item)s %(details)s", {"item": item.item, "details": details})
            if details
            else (
                "%(item)s",
                {"item": item.item},
            )
        )
        amount = item.damage_amount or Decimal("0.00")
        charges.append(Charge(visit.pk, "damage", description, amount, key, params))
    records = KeyRecord.objects.filter(
        sheet__visit=visit, sheet__status=Sheet.Status.SIGNED, returned__isnull=False
    )
    for record in records.order_by("pk"):
        if record.missing and record.charge_each > 0:
            description = f"{record.get_key_type_display()} {record.number} × {record.missing}"
            params = {"key_type": record.key_type, "number": record.number, "missing": record.missing}
            key = "%(key_type)s %(number)s × %(missing)s"
            charges.append(Charge(visit.pk, "missing_key", description, record.missing_charge, key, params))
    return charges


def visit_list() -> QuerySet[Visit]:
    """Visits with their lease, unit, tenant and open rectification count, for a list page."""
    return Visit.objects.select_related("lease", "unit__building", "tenant").annotate(
        open_rectifications=Count(
            "rectifications", filter=~Q(rectifications__status=RectificationItem.Status.CONFIRMED)
        )
    )


def visit_get(pk: int) -> Visit:
    return visit_list().get(pk=pk)


def current_sheets(visit: Visit) -> dict[str, Sheet]:
    """For each kind, the sheet being worked on: the draft if there is one, else the signed version; in the
    order of the walk-through (keys, meters, acceptance, then the receipt or the confirmation), whatever
    version each has reached."""
    sheets: dict[str, Sheet] = {}
    for sheet in visit.sheets.exclude(status=Sheet.Status.SUPERSEDED).order_by("version", "pk"):
        sheets[sheet.kind] = sheet
    order = list(Sheet.Kind.values)
    return dict(sorted(sheets.items(), key=lambda item: order.index(item[0])))


def sheet_history(visit: Visit) -> QuerySet[Sheet]:
    """Every signed or superseded version of the visit's sheets, with what they are about."""
    return visit.sheets.exclude(status=Sheet.Status.DRAFT).order_by("kind", "-version")


def move_in_state(visit: Visit) -> dict[int, AcceptanceItem]:
    """Move-out: the move-in condition of each item, by the item's first record (``origin_pk``)."""
    if visit.kind != Visit.Kind.MOVE_OUT:
        return {}
    items = AcceptanceItem.objects.filter(
        sheet__visit__lease=visit.lease,
        sheet__visit__unit=visit.unit,
        sheet__visit__kind=Visit.Kind.MOVE_IN,
        sheet__status=Sheet.Status.SIGNED,
    )
    return {item.origin_pk: item for item in items}


def rectification_list() -> QuerySet[RectificationItem]:
    return RectificationItem.objects.select_related("visit__unit", "visit__tenant", "visit__lease", "item")


def meter_rows(sheet: Sheet) -> list[dict[str, Any]]:
    """The unit's meters in service, each with its reading on this sheet and its previous reading."""
    readings = {r.meter_id: r for r in sheet.readings.all()}
    meters = sheet.visit.unit.meters.filter(Q(active=True) | Q(readings__sheet=sheet)).distinct()
    previous = _previous_readings([m.pk for m in meters], sheet)
    return [
        {"meter": m, "reading": readings.get(m.pk), "previous": previous.get(m.pk)}
        for m in meters.order_by("kind", "number")
    ]


def _previous_readings(meter_ids: list[int], sheet: Sheet) -> dict[int, MeterReading]:
    rows = (
        MeterReading.objects.filter(meter_id__in=meter_ids)
        .filter(Q(sheet__isnull=True) | Q(sheet__status=Sheet.Status.SIGNED))
        .exclude(sheet__visit=sheet.visit, sheet__kind=sheet.kind)
        .order_by("meter_id", "-read_on", "-pk")
        .distinct("meter_id")
    )
    return {r.meter_id: r for r in rows}


def portal_visit_list() -> QuerySet[Visit]:
    """Visits for the portal (scope them with ``for_tenant``), with their signed sheets."""
    signed = Sheet.objects.filter(status=Sheet.Status.SIGNED).order_by("kind")
    return Visit.objects.select_related("unit", "lease").prefetch_related(
        Prefetch("sheets", queryset=signed, to_attr="signed_sheets")
    )


def sheet_signatures(sheet: Sheet) -> QuerySet[Signature]:
    """The signatures on a sheet version (staff first)."""
    return Signature.objects.filter(
        about_type=ContentType.objects.get_for_model(Sheet), about_id=sheet.pk
    ).order_by("signer_role", "pk")


def leases_awaiting_move_in() -> QuerySet[Lease]:
    """Signed or active leases with a unit that has no move-in visit yet."""
    visited = Visit.objects.filter(
        kind=Visit.Kind.MOVE_IN, lease=OuterRef("pk"), unit=OuterRef("lease_units__unit")
    )
    return (
        Lease.objects.filter(
            status__in=(Lease.Status.SIGNED, Lease.Status.ACTIVE), lease_units__blocking=True
        )
        .filter(~Exists(visited))
        .select_related("tenant")
        .distinct()
        .order_by("start_date", "number")
    )


def leases_moving_out_without_notice() -> QuerySet[Lease]:
    """Leases whose move-out needs no tenant's notice (holding over, or terminated by the landlord) and that
    have no move-out visit yet."""
    from leasing.models import LeaseTermination

    visited = Visit.objects.filter(kind=Visit.Kind.MOVE_OUT, lease=OuterRef("pk"))
    terminated = LeaseTermination.objects.filter(
        lease=OuterRef("pk"), status=LeaseTermination.Status.APPROVED
    )
    return (
        Lease.objects.filter(status__in=Lease.RUNNING, move_out_notice__isnull=True)
        .filter(Q(status=Lease.Status.HOLDING_OVER) | Q(Exists(terminated)))
        .filter(~Exists(visited))
        .select_related("tenant")
        .order_by("effective_end", "number")
    )


def notices_awaiting_move_out() -> QuerySet[MoveOutNotice]:
    """Move-out notices of running leases whose units are not all visited for move-out yet."""
    visited = Visit.objects.filter(kind=Visit.Kind.MOVE_OUT, lease=OuterRef("lease"))
    return (
        MoveOutNotice.objects.filter(lease__status__in=(Lease.Status.ACTIVE, Lease.Status.NOTICE_GIVEN))
        .filter(~Exists(visited))
        .select_related("lease__tenant")
        .order_by("move_out_date")
    )


def visit_pre_inspections(visit: Visit) -> QuerySet[PreInspection]:
    return visit.pre_inspections.select_related("done_by")


@dataclass
class FindingsVersion:
    """One recorded version of a pre-inspection's findings: when, by whom, what."""

    at: Any
    by: User | None
    findings: str


def findings_versions(tasks: list[PreInspection]) -> dict[int, list[FindingsVersion]]:
    """Every version of each task's findings from the audit trail, oldest first (two queries)."""
    events = (
        PreInspection.history.field.model.objects.filter(pgh_obj_id__in=[t.pk for t in tasks])
        .exclude(findings="")
        .select_related("pgh_context")
        .order_by("pgh_obj_id", "pgh_created_at", "pgh_id")
    )
    rows = [(e.pgh_obj_id, e.pgh_created_at, _context_user(e), e.findings) for e in events]
    users = get_user_model().objects.in_bulk({user for *_, user, _f in rows if user is not None})
    versions: dict[int, list[FindingsVersion]] = {t.pk: [] for t in tasks}
    for task_id, at, user, findings in rows:
        known = versions[task_id]
        if not known or known[-1].findings != findings:
            known.append(FindingsVersion(at, users.get(user), findings))
    return versions


def _context_user(event: Any) -> int | None:
    user = (event.pgh_context.metadata if event.pgh_context else {}).get("user")
    return int(user) if user not in (None, "") else None


def sheet_documents(sheets: list[Sheet]) -> dict[int, Document]:
    """The signed PDFs of the sheets, by sheet id, in one query."""
    ids = [s.document_id for s in sheets if s.document_id]
    documents = Document.objects.in_bulk(ids)
    return {s.pk: documents[s.document_id] for s in sheets if s.document_id in documents}


def pre_inspections_due(departments: set[str]) -> QuerySet[PreInspection]:
    """Pre-inspection tasks not done yet of the given departments, soonest first, with their visit."""
    return (
        PreInspection.objects.filter(
            department__in=departments, done_at__isnull=True, visit__status=Visit.Status.OPEN
        )
        .select_related("visit__unit", "visit__tenant")
        .order_by("due_date", "pk")
    )


# Monthly meter-reading rounds (抄表)


@dataclass
class RoundRow:
    """A meter on a round's entry page: its unit and floor, this round's reading, the previous one."""

    meter: Meter
    reading: MeterReading | None
    previous: MeterReading | None


def round_list(status: str | None = None) -> QuerySet[MeterRound]:
    """Rounds with their building and how many readings they hold, newest month first; only those of
    ``status`` when it is one (``?status=open``: the dashboard's open rounds)."""
    rounds = MeterRound.objects.select_related("building", "opened_by", "closed_by").annotate(
        reading_count=Count("readings")
    )
    return rounds.filter(status=status) if status in MeterRound.Status.values else rounds


def round_meters(meter_round: MeterRound) -> list[RoundRow]:
    """Every meter in service of the building's occupied units (the unit marked occupied, or held by a
    running lease in the round's month), by floor and unit, with this round's and the previous reading."""
    first = meter_round.month
    last = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    held = LeaseUnit.objects.filter(
        unit=OuterRef("unit"),
        blocking=True,
        lease__status__in=Lease.LIVE,
        start_date__lt=last,
        end_date__gte=first,
    )
    meters = list(
        Meter.objects.filter(unit__building_id=meter_round.building_id)
        .filter(Q(active=True) | Q(readings__round=meter_round))
        .filter(Q(unit__status=Unit.Status.OCCUPIED) | Exists(held) | Q(readings__round=meter_round))
        .select_related("unit__floor")
        .distinct()
        .order_by("unit__floor__number", "unit__code", "kind", "number")
    )
    ids = [meter.pk for meter in meters]
    entered = {r.meter_id: r for r in MeterReading.objects.filter(round=meter_round, meter_id__in=ids)}
    previous = {
        r.meter_id: r
        for r in MeterReading.objects.filter(meter_id__in=ids)
        .filter(Q(sheet__isnull=True) | Q(sheet__status=Sheet.Status.SIGNED))
        .exclude(round=meter_round)
        .order_by("meter_id", "-read_on", "-pk")
        .distinct("meter_id")
    }
    return [RoundRow(m, entered.get(m.pk), previous.get(m.pk)) for m in meters]


def round_missing_meters(meter_round: MeterRound) -> list[Meter]:
    """The round's meters still without a reading."""
    return [row.meter for row in round_meters(meter_round) if row.reading is None]
