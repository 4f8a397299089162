"""Planning an import of open tickets: every row checked against the database, nothing written."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from documents.imports import cells
from documents.imports.kinds import UNCHANGED, UPDATE, Outcome, Row
from leasing.models import Building, Unit
from tenancy.models import Tenant

from ..models import Category, Department, Ticket
from .columns import (
    CHANNEL_ALIASES,
    DEPARTMENT_ALIASES,
    FIELDS,
    KIND_ALIASES,
    KINDS,
    STATUS_ALIASES,
    STATUSES,
    STEPS,
    URGENCY_ALIASES,
)


@dataclass
class TicketPlan:
    number: str
    values: dict[str, Any]
    status: str
    category: Category
    ticket: Ticket | None = None
    changes: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What the rows are checked against, read once for the whole file (one query per lookup set)."""

    now: datetime
    tenants: dict[str, int]
    buildings: dict[str, int]
    units: dict[tuple[int, str], int]
    categories: dict[str, Category]
    tickets: dict[str, Ticket]
    lookups: dict[str, dict[str, str]]


def _context(rows: list[Row]) -> Context:
    codes = {row.get("tenant").upper().replace(" ", "") for row in rows} - {""}
    tenants = dict(Tenant.objects.filter(credit_code__in=codes).values_list("credit_code", "pk"))
    tenants.update(Tenant.objects.filter(id_number__in=codes).values_list("id_number", "pk"))
    buildings = dict(Building.objects.values_list("code", "pk"))
    wanted = {row.get("unit_code") for row in rows} - {""}
    units = {
        (building_id, code): pk
        for pk, building_id, code in Unit.objects.filter(code__in=wanted).values_list(
            "pk", "building_id", "code"
        )
    }
    categories: dict[str, Category] = {}
    for category in Category.objects.filter(active=True):
        for name in (category.name, category.name_en):
            if name:
                categories[cells.normal(name)] = category
    numbers = {row.get("number") for row in rows} - {""}
    tickets = {t.import_number: t for t in Ticket.objects.filter(import_number__in=numbers)}
    lookups = {
        "kind": cells.choice_lookup(KINDS, KIND_ALIASES),
        "status": cells.choice_lookup(STATUSES, STATUS_ALIASES),
        "urgency": cells.choice_lookup(Ticket.Urgency.choices, URGENCY_ALIASES),
        "channel": cells.choice_lookup(Ticket.Channel.choices, CHANNEL_ALIASES),
        "department": cells.choice_lookup(Department.choices, DEPARTMENT_ALIASES),
    }
    return Context(timezone.now(), tenants, buildings, units, categories, tickets, lookups)


def _place(row: Row, outcome: Outcome, context: Context) -> dict[str, Any]:
    """The tenant, building and unit the row names, each known (or an error at its column)."""
    code = row.get("tenant").upper().replace(" ", "")
    tenant_id = context.tenants.get(code) if code else None
    if code and tenant_id is None:
        outcome.error("tenant", _("unknown tenant %(code)s: import the tenants first") % {"code": code})
    building_code = cells.text(row, outcome, "building_code", max_length=20)
    building_id = context.buildings.get(building_code)
    if building_code and building_id is None:
        outcome.error("building_code", _("unknown building %(code)s") % {"code": building_code})
    unit_code = cells.text(row, outcome, "unit_code", required=False, max_length=20)
    unit_id = context.units.get((building_id, unit_code)) if building_id else None
    if unit_code and building_id and unit_id is None:
        outcome.error(
            "unit_code",
            _("unknown unit %(codes)s in building %(building)s")
            % {"codes": unit_code, "building": building_code},
        )
    return {"tenant_id": tenant_id, "building_id": building_id, "unit_id": unit_id}


def _category(row: Row, outcome: Outcome, context: Context) -> Category | None:
    name = cells.text(row, outcome, "category", max_length=100)
    category = context.categories.get(cells.normal(name)) if name else None
    if name and category is None:
        outcome.error(
            "category",
            _("unknown category “%(value)s” (see the categories in use in the template)") % {"value": name},
        )
    return category


def _reported(row: Row, outcome: Outcome, now: datetime) -> datetime | None:
    reported = cells.a_moment(row, outcome, "reported_at")
    if reported and reported > now:
        outcome.error("reported_at", _("a ticket cannot be reported in the future"))
        return None
    return reported


def _read(row: Row, outcome: Outcome, context: Context) -> TicketPlan | None:
    lookups = context.lookups
    number = cells.text(row, outcome, "number", max_length=40)
    values = _place(row, outcome, context)
    category = _category(row, outcome, context)
    status = cells.choice(row, outcome, "status", lookups["status"])
    department = cells.choice(row, outcome, "department", lookups["department"], default="")
    if status == Ticket.Status.IN_PROGRESS and department == "":
        outcome.error("department", _("a ticket in progress needs the department working on it"))
    values.update(
        category_id=category.pk if category else None,
        kind=cells.choice(row, outcome, "kind", lookups["kind"]),
        urgency=cells.choice(row, outcome, "urgency", lookups["urgency"], default=Ticket.Urgency.NORMAL),
        channel=cells.choice(row, outcome, "channel", lookups["channel"], default=Ticket.Channel.PHONE),
        description=cells.text(row, outcome, "description", max_length=4000),
        created_at=_reported(row, outcome, context.now),
        department=department,
        contact_name=cells.text(row, outcome, "contact_name", required=False, max_length=100),
        contact_phone=cells.text(row, outcome, "contact_phone", required=False, max_length=30),
    )
    if outcome.errors:
        return None
    return TicketPlan(number, values, status, category)  # type: ignore[arg-type]


def _diff(plan: TicketPlan, ticket: Ticket, outcome: Outcome) -> None:
    """Match an imported ticket: refused once it left the import's states or when the file moves it back."""
    if ticket.status not in STEPS:
        outcome.error(
            "number",
            _("ticket %(number)s is %(status)s here: an import can no longer change it")
            % {"number": plan.number, "status": ticket.get_status_display()},
        )
        return
    if STEPS.index(plan.status) < STEPS.index(ticket.status):
        outcome.error(
            "status",
            _("ticket %(number)s is %(status)s already: an import does not move it back")
            % {"number": plan.number, "status": ticket.get_status_display()},
        )
        return
    plan.ticket = ticket
    plan.changes = [
        str(Ticket._meta.get_field(name.removesuffix("_id")).verbose_name)
        for name in FIELDS
        if getattr(ticket, name) != plan.values[name]
    ]
    if plan.status != ticket.status:
        plan.changes.append(str(Ticket._meta.get_field("status").verbose_name))
    outcome.changes = plan.changes
    outcome.action = UPDATE if plan.changes else UNCHANGED


def tickets_plan(rows: list[Row], by: Any) -> list[Outcome]:
    """Each row checked: tenant, building, unit and category known, an open state, reported in the past."""
    context = _context(rows)
    first_line: dict[str, int] = {}
    outcomes = []
    for row in rows:
        outcome = Outcome(row.line, label=f"{row.get('number')} · {row.get('description')[:30]}")
        outcomes.append(outcome)
        plan = _read(row, outcome, context)
        number = row.get("number")
        if number and number in first_line:
            outcome.error(
                "number",
                _("ticket %(number)s is already on row %(line)s")
                % {"number": number, "line": first_line[number]},
            )
            continue
        first_line.setdefault(number, row.line)
        if plan is None:
            continue
        if plan.number in context.tickets:
            _diff(plan, context.tickets[plan.number], outcome)
        outcome.payload = plan if not outcome.errors else None
    return outcomes
