"""Importing running leases (day one): leases signed on paper before the system, with their terms in force.

A row gives the lease number (the natural key), the tenant by credit code or ID number, the building and
units, the dates (and the current end date when an amendment in force moved it), rent, fee, payment cycle,
deposit and special terms. The lease enters the system marked ``origin=imported``: no signature is pretended
(``signed_at`` stays empty; the scanned contract can be attached on the lease page later) and it moves
draft → signed → active through the lease lifecycle table, as any lease does; the intake admission a new
tenant needs is not asked (the tenant is already in the building). Only running leases are imported (started,
not yet at their end). A unit held by another lease over overlapping days is refused at its row.

Re-importing the same file changes nothing; a corrected file corrects the imported leases by number, in the
import's own transaction only (``leasing.import_correction``, which the terms-frozen trigger honours for
imported leases), and the correction is on each lease's timeline. Leases drafted in the system are never
touched by an import. The units' occupancy is refreshed by ``occupancy`` (its only writer).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from documents.actors import User
from documents.bulk import insert_rows, next_ids
from documents.imports import cells
from documents.imports.kinds import UNCHANGED, UPDATE, Column, ImportKind, Outcome, Row
from documents.money import TENTH, half_up
from tenancy.models import Tenant
from tenancy.roles import Role
from tenancy.scope import building_ids

from ..leases.terms import monthly_amount
from ..models import Building, Lease, LeaseEvent, LeaseUnit, PaymentCycle, RentBasis, Unit
from ..models.leases import LeaseOrigin
from ..occupancy import units_occupancy_refresh

LEASE_IMPORT_ROLES = (Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT)
BASIS_ALIASES = {
    "按面积": "per_m2",
    "元/平方米/月": "per_m2",
    "每平米": "per_m2",
    "固定": "fixed",
    "固定金额": "fixed",
}
CYCLE_ALIASES = {
    "月付": "monthly",
    "每月": "monthly",
    "季付": "quarterly",
    "每季": "quarterly",
    "半年付": "half_yearly",
    "年付": "yearly",
    "每年": "yearly",
}
USE_ALIASES = {"办公": "office", "商业": "retail", "仓储": "storage"}
TERM_FIELDS = (
    "tenant_id",
    "building_id",
    "start_date",
    "end_date",
    "effective_end",
    "area",
    "rent_basis",
    "rent_rate",
    "fee_basis",
    "fee_rate",
    "payment_cycle",
    "due_day",
    "deposit_amount",
    "deposit_months",
    "late_fee_rate",
    "use",
    "special_terms",
)

COLUMNS = (
    Column("number", "Lease number", "合同编号", example="HT-2024-0088"),
    Column(
        "tenant",
        "Tenant credit code or ID number",
        "租户统一社会信用代码或身份证号",
        example="91310000MA1FL0XX0X",
        hint=gettext_lazy("The tenant must be imported first."),
    ),
    Column("building_code", "Building code", "楼宇编号", example="A"),
    Column(
        "units",
        "Units",
        "租赁单元",
        example="A-1201, A-1202",
        hint=gettext_lazy("Unit codes separated by commas."),
    ),
    Column("start_date", "Start date", "起租日", example="2024-03-01"),
    Column("end_date", "End date", "到期日", example="2027-02-28"),
    Column(
        "current_end",
        "Current end date (after amendments)",
        "现到期日（含变更）",
        required=False,
        example="",
        hint=gettext_lazy("Only when an amendment in force moved the end date."),
    ),
    Column(
        "rent_basis",
        "Rent basis",
        "租金计价方式",
        required=False,
        example="per_m2",
        allowed=lambda: cells.allowed_values(RentBasis.choices),
        hint=gettext_lazy("Empty: per m² per month."),
    ),
    Column(
        "rent_rate",
        "Rent",
        "租金",
        example="6.50",
        hint=gettext_lazy("CNY per m² per month, or per month when fixed."),
    ),
    Column(
        "fee_basis",
        "Management fee basis",
        "物业费计价方式",
        required=False,
        example="per_m2",
        allowed=lambda: cells.allowed_values(RentBasis.choices),
    ),
    Column("fee_rate", "Management fee", "物业费", required=False, example="1.20"),
    Column(
        "payment_cycle",
        "Payment cycle",
        "付款周期",
        required=False,
        example="季付",
        allowed=lambda: cells.allowed_values(PaymentCycle.choices),
        hint=gettext_lazy("Empty: quarterly."),
    ),
    Column("due_day", "Due day of the month", "每期缴费日", required=False, example="1", hint="1–28"),
    Column("deposit", "Deposit", "租赁保证金", example="21000.00"),
    Column("late_fee_rate", "Late fee per day (%)", "滞纳金（每日%）", required=False, example="0.05"),
    Column(
        "use",
        "Use",
        "用途",
        required=False,
        example="办公",
        allowed=lambda: cells.allowed_values(Unit.Use.choices),
    ),
    Column(
        "special_terms",
        "Special terms and amendments in force",
        "特别条款及生效变更",
        required=False,
        example="",
    ),
)


@dataclass
class LeasePlan:
    number: str
    values: dict[str, Any]
    unit_ids: list[int]
    lease_id: int | None = None
    units_changed: bool = False
    old_building_id: int | None = None
    areas: dict[int, Decimal] = field(default_factory=dict)  # unit id → gross area, read with the units
    changes: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What the rows are checked against, read once for the whole file."""

    today: date
    tenants: dict[str, int]
    buildings: dict[str, int]
    units: dict[tuple[int, str], Unit]
    leases: dict[str, Lease]
    lookups: dict[str, dict[str, str]]
    held: dict[int, list[tuple[date, date, str]]] = field(default_factory=dict)


def _context(rows: list[Row]) -> Context:
    codes = {row.get("tenant").upper().replace(" ", "") for row in rows}
    tenants = dict(Tenant.objects.filter(credit_code__in=codes).values_list("credit_code", "pk"))
    tenants.update(Tenant.objects.filter(id_number__in=codes).values_list("id_number", "pk"))
    buildings = dict(Building.objects.values_list("code", "pk"))
    wanted = {buildings[r.get("building_code")] for r in rows if r.get("building_code") in buildings}
    units = {
        (u.building_id, u.code): u
        for u in Unit.objects.filter(building_id__in=wanted).only("pk", "building_id", "code", "gross_area")
    }
    numbers = [row.get("number") for row in rows]
    leases = {
        lease.number: lease
        for lease in Lease.objects.filter(number__in=numbers).prefetch_related("lease_units")
    }
    lookups = {
        "basis": cells.choice_lookup(RentBasis.choices, BASIS_ALIASES),
        "cycle": cells.choice_lookup(PaymentCycle.choices, CYCLE_ALIASES),
        "use": cells.choice_lookup(Unit.Use.choices, USE_ALIASES),
    }
    context = Context(timezone.localdate(), tenants, buildings, units, leases, lookups)
    lines = LeaseUnit.objects.filter(unit__in=[u.pk for u in units.values()], blocking=True)
    for unit_id, start, end, number in lines.values_list(
        "unit_id", "start_date", "end_date", "lease__number"
    ):
        context.held.setdefault(unit_id, []).append((start, end, number))
    return context


def _units(row: Row, outcome: Outcome, context: Context, building_id: int | None) -> list[Unit]:
    codes = cells.split_codes(row.get("units"))
    if not codes:
        outcome.error("units", _("missing: this column must be filled in"))
        return []
    if building_id is None:
        return []
    found = [context.units.get((building_id, code)) for code in codes]
    unknown = [code for code, unit in zip(codes, found, strict=True) if unit is None]
    if unknown:
        outcome.error(
            "units",
            _("unknown unit %(codes)s in building %(building)s")
            % {"codes": "、".join(unknown), "building": row.get("building_code")},
        )
    return [unit for unit in dict.fromkeys(found) if unit is not None]


def _dates(row: Row, outcome: Outcome, today: date) -> tuple[date | None, date | None, date | None]:
    start = cells.a_date(row, outcome, "start_date")
    end = cells.a_date(row, outcome, "end_date")
    current = cells.a_date(row, outcome, "current_end", required=False) or end
    if start and end and end < start:
        outcome.error("end_date", _("the end date is before the start date"))
    elif start and current and current < start:
        outcome.error("current_end", _("the current end date is before the start date"))
    elif start and start > today:
        outcome.error(
            "start_date",
            _("this lease has not started yet: only running leases are imported (draft it instead)"),
        )
    elif current and current < today:
        outcome.error(
            "current_end",
            _("this lease ended on %(date)s: only running leases are imported") % {"date": current},
        )
    return start, end, current


def _reference(row: Row, outcome: Outcome, context: Context) -> tuple[int | None, int | None]:
    tenant_code = row.get("tenant").upper().replace(" ", "")
    tenant_id = context.tenants.get(tenant_code)
    if not tenant_code:
        outcome.error("tenant", _("missing: this column must be filled in"))
    elif tenant_id is None:
        outcome.error(
            "tenant", _("unknown tenant %(code)s: import the tenants first") % {"code": tenant_code}
        )
    building_code = cells.text(row, outcome, "building_code", max_length=20)
    building_id = context.buildings.get(building_code)
    if building_code and building_id is None:
        outcome.error("building_code", _("unknown building %(code)s") % {"code": building_code})
    return tenant_id, building_id


def _terms(row: Row, outcome: Outcome, context: Context) -> dict[str, Any]:
    lookups = context.lookups
    return {
        "rent_basis": cells.choice(row, outcome, "rent_basis", lookups["basis"], default=RentBasis.PER_M2),
        "rent_rate": cells.amount(row, outcome, "rent_rate"),
        "fee_basis": cells.choice(row, outcome, "fee_basis", lookups["basis"], default=RentBasis.PER_M2),
        "fee_rate": cells.amount(row, outcome, "fee_rate", required=False) or Decimal("0.00"),
        "payment_cycle": cells.choice(
            row, outcome, "payment_cycle", lookups["cycle"], default=PaymentCycle.QUARTERLY
        ),
        "due_day": cells.whole(row, outcome, "due_day", low=1, high=28, default=1),
        "deposit_amount": cells.amount(row, outcome, "deposit"),
        "late_fee_rate": cells.amount(row, outcome, "late_fee_rate", required=False, places=3)
        or Decimal("0.050"),
        "use": cells.choice(row, outcome, "use", lookups["use"], default=Unit.Use.OFFICE),
        "special_terms": cells.text(row, outcome, "special_terms", required=False, max_length=4000),
    }


def _read(row: Row, outcome: Outcome, context: Context) -> LeasePlan | None:
    number = cells.text(row, outcome, "number", max_length=40)
    tenant_id, building_id = _reference(row, outcome, context)
    units = _units(row, outcome, context, building_id)
    start, end, current = _dates(row, outcome, context.today)
    values = _terms(row, outcome, context)
    if outcome.errors:
        return None
    area = sum((u.gross_area for u in units), Decimal("0.00"))
    monthly = monthly_amount(values["rent_basis"], values["rent_rate"], area)
    months = min(values["deposit_amount"] / monthly, Decimal("99.9")) if monthly else Decimal("0")
    values.update(
        tenant_id=tenant_id,
        building_id=building_id,
        start_date=start,
        end_date=end,
        effective_end=current,
        area=area,
        deposit_months=half_up(months, TENTH),
    )
    return LeasePlan(number, values, sorted(u.pk for u in units), areas={u.pk: u.gross_area for u in units})


def _overlap(plan: LeasePlan, line: int, outcome: Outcome, context: Context, codes: dict[int, str]) -> None:
    start, end = plan.values["start_date"], plan.values["effective_end"]
    for unit_id in plan.unit_ids:
        for held_start, held_end, number in context.held.get(unit_id, []):
            if number != plan.number and held_start <= end and start <= held_end:
                outcome.error(
                    "units",
                    _("overlapping lease: unit %(unit)s is in lease %(lease)s from %(start)s to %(end)s")
                    % {"unit": codes[unit_id], "lease": number, "start": held_start, "end": held_end},
                )
        context.held.setdefault(unit_id, []).append((start, end, plan.number))


def _diff(plan: LeasePlan, lease: Lease, outcome: Outcome) -> None:
    if lease.origin != LeaseOrigin.IMPORTED:
        outcome.error(
            "number",
            _("lease %(number)s was drafted in the system: an import cannot change it")
            % {"number": plan.number},
        )
        return
    if lease.status != Lease.Status.ACTIVE:
        outcome.error(
            "number",
            _("lease %(number)s is %(status)s: an import can no longer change it")
            % {"number": plan.number, "status": lease.get_status_display()},
        )
        return
    plan.lease_id, plan.old_building_id = lease.pk, lease.building_id
    plan.changes = [
        str(Lease._meta.get_field(n.removesuffix("_id")).verbose_name)
        for n in TERM_FIELDS
        if getattr(lease, n) != plan.values[n]
    ]
    plan.units_changed = sorted(line.unit_id for line in lease.lease_units.all()) != plan.unit_ids
    if plan.units_changed:
        plan.changes.append(str(Lease._meta.get_field("units").verbose_name))
    outcome.changes = plan.changes
    outcome.action = UPDATE if plan.changes else UNCHANGED


def _repeated(number: str, line: int, first_line: dict[str, int], outcome: Outcome) -> bool:
    if number and number in first_line:
        outcome.error(
            "number",
            _("lease %(number)s is already on row %(line)s") % {"number": number, "line": first_line[number]},
        )
        return True
    first_line.setdefault(number, line)
    return False


def leases_plan(rows: list[Row], by: User) -> list[Outcome]:
    """Each row checked: tenant, building and units known, running dates, valid terms, no overlap."""
    context = _context(rows)
    codes = {u.pk: u.code for u in context.units.values()}
    scope_ids = building_ids(by)  # office staff import only their own office's buildings
    first_line: dict[str, int] = {}
    outcomes = []
    for row in rows:
        outcome = Outcome(row.line, label=f"{row.get('number')} · {row.get('units')}")
        outcomes.append(outcome)
        plan = _read(row, outcome, context)
        if _repeated(row.get("number"), row.line, first_line, outcome):
            continue
        if plan is None:
            continue
        if scope_ids is not None and plan.values.get("building_id") not in scope_ids:
            message = _("building %(code)s is not one of your office's") % {"code": row.get("building_code")}
            outcome.error("building_code", message)
            continue
        _overlap(plan, row.line, outcome, context, codes)
        if plan.number in context.leases:
            _diff(plan, context.leases[plan.number], outcome)
        outcome.payload = plan if not outcome.errors else None
    return outcomes


def _running(lease: Lease) -> Lease:
    """A lease signed before the system goes draft → signed → active through the lifecycle table."""
    Lease.LIFECYCLE.move(lease, Lease.Status.SIGNED)
    Lease.LIFECYCLE.move(lease, Lease.Status.ACTIVE)
    return lease


def _hold(plans: list[LeasePlan]) -> list[LeaseUnit]:
    return [
        LeaseUnit(
            lease_id=p.lease_id,
            unit_id=unit_id,
            start_date=p.values["start_date"],
            end_date=p.values["effective_end"],
            area=area,
        )
        for p in plans
        for unit_id, area in p.areas.items()
    ]


def _create(plans: list[LeasePlan], by: User) -> None:
    """The new leases, their unit lines and timeline entries: ids reserved first, then one INSERT per table
    (``documents.bulk``: no SQL built per value, the audit trail's context attached as to any write)."""
    leases = []
    for plan, pk in zip(plans, next_ids(Lease, len(plans)), strict=True):
        plan.lease_id = pk
        lease = Lease(
            pk=pk,
            number=plan.number,
            origin=LeaseOrigin.IMPORTED,
            created_by=by,
            status=Lease.Status.DRAFT,
            **plan.values,
        )
        leases.append(_running(lease))
    insert_rows(Lease, leases)
    lines = _hold(plans)
    for line, pk in zip(lines, next_ids(LeaseUnit, len(lines)), strict=True):
        line.pk = pk
    insert_rows(LeaseUnit, lines)
    note = gettext_noop("Signed before the system; imported with its terms in force.")
    events = [
        LeaseEvent(pk=pk, lease_id=p.lease_id, kind=LeaseEvent.Kind.IMPORTED, by=by, note_key=note)
        for p, pk in zip(plans, next_ids(LeaseEvent, len(plans)), strict=True)
    ]
    insert_rows(LeaseEvent, events)


def _correct(plans: list[LeasePlan], by: User) -> None:
    with connection.cursor() as cursor:  # lets this transaction correct imported leases' frozen terms
        cursor.execute("SET LOCAL leasing.import_correction = 'on'")
    leases = [Lease(pk=p.lease_id, updated_at=timezone.now(), **p.values) for p in plans]
    Lease.objects.bulk_update(leases, [*TERM_FIELDS, "updated_at"], batch_size=2000)
    lines = LeaseUnit.objects.filter(lease_id__in=[p.lease_id for p in plans])
    lines.delete()
    LeaseUnit.objects.bulk_create(_hold(plans), batch_size=5000)
    LeaseEvent.objects.bulk_create(
        [
            LeaseEvent(
                lease_id=p.lease_id, kind=LeaseEvent.Kind.IMPORT_CORRECTED, by=by, note="、".join(p.changes)
            )
            for p in plans
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL leasing.import_correction = 'off'")


def leases_write(outcomes: list[Outcome], by: User) -> None:
    """Create the new running leases and correct the changed imported ones, in bulk; their tenants become
    active (lifecycle); the units' occupancy is refreshed."""
    plans: list[LeasePlan] = [o.payload for o in outcomes]
    _create([p for p in plans if p.lease_id is None], by)
    _correct([p for p in plans if p.lease_id is not None and p.changes], by)
    # A prospect entered by hand becomes active with its lease (imported tenants are active already).
    prospects = Tenant.objects.filter(
        status=Tenant.Status.PROSPECT, pk__in={p.values["tenant_id"] for p in plans}
    )
    if prospects.exists():
        Tenant.LIFECYCLE.movable(prospects, Tenant.Status.ACTIVE).update(status=Tenant.Status.ACTIVE)
    # Set-based over the buildings touched: a literal list of thousands of ids would be compared row by row.
    buildings = {p.values["building_id"] for p in plans} | {
        p.old_building_id for p in plans if p.old_building_id
    }
    units_occupancy_refresh(Unit.objects.filter(building_id__in=buildings))


LEASES = ImportKind(
    key="leases",
    label=gettext_lazy("Running leases"),
    roles=LEASE_IMPORT_ROLES,
    roles_label=gettext_lazy("Front desk, business department, management"),
    description=gettext_lazy(
        "One row per lease signed before the system, with its terms in force: it becomes active at once, "
        "marked "
        "“signed before the system” (the scanned contract can be attached on the lease page later). Import "
        "units and tenants first."
    ),
    columns=COLUMNS,
    plan=leases_plan,
    write=leases_write,
    order=30,
)
