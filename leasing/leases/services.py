"""The verbs of a lease's life: draft, change the draft, cancel, sign, activate, end.

Each runs in one transaction, locks what it changes, writes a LeaseEvent, and raises DomainError (with the
form field concerned) when a rule refuses it. A unit is never held by two leases over overlapping days: the
units are locked (``SELECT ... FOR UPDATE``, in id order) before the check, and an exclusion constraint in
the database backs it up.
"""

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pghistory
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.api.webhooks import webhook_emit
from documents.errors import DomainError
from documents.models import WebhookEvent
from documents.money import money
from documents.services import document_number_next
from tenancy.access import require_role
from tenancy.scope import require_building

from ..models import Lease, LeaseEvent, LeaseUnit, RentBasis, Unit
from ..occupancy import lease_units_refresh
from .admission import admission_gate
from .permissions import LEASE_EDITORS
from .terms import monthly_amount

LEASE_NUMBER_PREFIX = "HT"


@dataclass
class DraftTerms:
    """What a lease states, as the business department drafts it."""

    start_date: date
    end_date: date
    rent_basis: str = RentBasis.PER_M2
    rent_rate: Decimal = Decimal("0.00")
    fee_basis: str = RentBasis.PER_M2
    fee_rate: Decimal = Decimal("0.00")
    payment_cycle: str = Lease._meta.get_field("payment_cycle").default
    due_day: int = 1
    deposit_months: Decimal = Decimal("3")
    deposit_amount: Decimal | None = None
    late_fee_rate: Decimal = Decimal("0.050")
    grace_days: int = 5
    rent_free_days: int = 0
    escalation_rate: Decimal = Decimal("0.00")
    use: str = Unit.Use.OFFICE
    special_terms: str = ""
    notice_days: int = 30
    holding_over_rent_percent: Decimal = Decimal("100.0")
    break_from: date | None = None
    break_notice_months: int = 0
    break_penalty_amount: Decimal = Decimal("0.00")
    break_penalty_months: Decimal = Decimal("0.0")
    extra: dict[str, Any] = field(default_factory=dict)


def acting(by: User | None) -> pghistory.context:
    return pghistory.context(user=by.pk if by is not None else None)


def event_add(
    lease: Lease, kind: str, by: User | None, note: str = "", *, note_key: str = "", **params: str | int
) -> LeaseEvent:
    """A line of the lease's timeline. ``note`` is what a person typed (or a number, a date); ``note_key``
    a note the system words, untranslated (``gettext_noop``), with its ``params`` apart, so that each reader
    reads it in their own language."""
    return LeaseEvent.objects.create(
        lease=lease, kind=kind, by=by, note=note, note_key=note_key, note_params=params
    )


def terms_errors(terms: DraftTerms) -> dict[str, str]:
    """Field → message for each rule the terms break."""
    errors: dict[str, str] = {}
    if terms.end_date < terms.start_date:
        errors["end_date"] = _("The end date cannot be before the start date.")
    for name, label in (("rent_rate", _("rent")), ("fee_rate", _("management fee"))):
        if getattr(terms, name) < 0:
            errors[name] = _("The %(what)s cannot be negative.") % {"what": label}
    if terms.deposit_amount is not None and terms.deposit_amount < 0:
        errors["deposit_amount"] = _("The deposit cannot be negative.")
    if terms.deposit_months < 0:
        errors["deposit_months"] = _("The deposit cannot be negative.")
    if not 1 <= terms.due_day <= 28:
        errors["due_day"] = _("The due day must be between 1 and 28.")
    if terms.late_fee_rate < 0:
        errors["late_fee_rate"] = _("The late fee cannot be negative.")
    if terms.escalation_rate < 0:
        errors["escalation_rate"] = _("The escalation cannot be negative.")
    if terms.rent_basis not in RentBasis.values or terms.fee_basis not in RentBasis.values:
        errors["rent_basis"] = _("Unknown basis.")
    if terms.break_from is not None and not terms.start_date < terms.break_from <= terms.end_date:
        errors["break_from"] = _("The earliest break date must fall after the start and before the end.")
    for name in ("break_penalty_amount", "break_penalty_months"):
        if getattr(terms, name) < 0:
            errors[name] = _("The penalty cannot be negative.")
    if terms.holding_over_rent_percent < 0:
        errors["holding_over_rent_percent"] = _("The holding-over rent cannot be negative.")
    return errors


def _check_terms(terms: DraftTerms) -> None:
    errors = terms_errors(terms)
    if errors:
        name, message = next(iter(errors.items()))
        raise DomainError(message, field=name)


def units_lock(unit_ids: list[int]) -> list[Unit]:
    """Lock the units (in id order, so two requests never wait on each other in a circle)."""
    if not unit_ids:
        raise DomainError(_("Choose at least one unit."), field="units")
    units = list(
        Unit.objects.select_for_update().select_related("building").filter(pk__in=unit_ids).order_by("pk")
    )
    if len(units) != len(set(unit_ids)):
        raise DomainError(_("A chosen unit no longer exists."), field="units")
    return units


def units_check_one_building(units: list[Unit], building_id: int | None = None) -> int:
    building_id = building_id or units[0].building_id
    for unit in units:
        if unit.building_id != building_id:
            raise DomainError(
                _("All units of a lease must be in one building: %(unit)s is in %(building)s.")
                % {"unit": unit.code, "building": unit.building.name},
                field="units",
            )
    return building_id


def units_check_free(
    units: list[Unit], start: date, end: date, *, exclude_lease: Lease | None = None
) -> None:
    """Refuse if another lease holds one of the (locked) units on any day from start to end."""
    clashes = (
        LeaseUnit.objects.filter(unit__in=units, blocking=True, start_date__lte=end, end_date__gte=start)
        .exclude(lease=exclude_lease)
        .select_related("lease", "unit")
        .order_by("unit__code")
    )
    clash = clashes.first()
    if clash is not None:
        raise DomainError(
            _("Unit %(unit)s is already in lease %(lease)s from %(start)s to %(end)s.")
            % {
                "unit": clash.unit.code,
                "lease": clash.lease.number,
                "start": clash.start_date,
                "end": clash.end_date,
            },
            field="units",
        )


def units_hold(lease: Lease, units: list[Unit], start: date, end: date) -> None:
    """Record that the lease holds the units from start to end; the exclusion constraint is the last word."""
    rows = [LeaseUnit(lease=lease, unit=u, start_date=start, end_date=end, area=u.gross_area) for u in units]
    try:
        with transaction.atomic():
            LeaseUnit.objects.bulk_create(rows)
    except IntegrityError:
        raise DomainError(
            _("One of the units was let meanwhile; check the units again."), field="units"
        ) from None


def _apply_terms(lease: Lease, terms: DraftTerms, units: list[Unit]) -> None:
    values = asdict(terms)
    values.pop("extra")
    for name, value in values.items():
        setattr(lease, name, value)
    lease.effective_end = terms.end_date
    lease.area = sum((u.gross_area for u in units), Decimal("0.00"))
    if terms.deposit_amount is None:
        lease.deposit_amount = money(
            monthly_amount(terms.rent_basis, terms.rent_rate, lease.area) * terms.deposit_months
        )


@transaction.atomic
def lease_create(
    *,
    tenant: Any,
    units: list[Unit],
    terms: DraftTerms,
    by: User | None,
    previous: Lease | None = None,
    note: str = "",
    admission_override_reason: str = "",
    **links: Any,
) -> Lease:
    """A draft lease for an existing tenant over free units of one building (``application=``: drafted from
    that approved application of the tenant; ``note``: why, kept on the timeline, e.g. a start long past).
    A new tenant needs its admission in force, or management's ``admission_override_reason``."""
    require_role(by, LEASE_EDITORS, allow_system=True)  # None: a renewal answer drafts the next term
    _check_terms(terms)
    if links.get("application") is not None:
        from .applications import application_check

        application_check(links["application"], tenant)
    links["application"], override = admission_gate(
        tenant=tenant, application=links.get("application"), previous=previous,
        override_reason=admission_override_reason, by=by,
    )  # fmt: skip
    locked = units_lock([u.pk for u in units])
    building_id = units_check_one_building(locked)
    require_building(by, building_id)  # another office's units: refused
    units_check_free(locked, terms.start_date, terms.end_date)
    with acting(by):
        lease = Lease(tenant=tenant, building_id=building_id, previous=previous, created_by=by, **links)
        _apply_terms(lease, terms, locked)
        lease.number = document_number_next(prefix=LEASE_NUMBER_PREFIX)
        lease.save()
        units_hold(lease, locked, terms.start_date, terms.end_date)
        event_add(lease, LeaseEvent.Kind.DRAFTED, by, note)
        if override:
            event_add(lease, LeaseEvent.Kind.ADMISSION_OVERRIDDEN, by, override)
        _legal_review_request(lease, by)
    return lease


def lease_lock(lease: Lease, *statuses: str) -> Lease:
    """The lease, locked, if it is in one of the statuses; else a DomainError naming its status."""
    lease = Lease.objects.select_for_update().get(pk=lease.pk)
    if lease.status not in statuses:
        raise DomainError(
            _("Lease %(number)s is %(status)s: this cannot be done now.")
            % {"number": lease.number, "status": lease.get_status_display()}
        )
    return lease


@transaction.atomic
def lease_update(
    *, lease: Lease, tenant: Any, units: list[Unit], terms: DraftTerms, by: User, note: str = ""
) -> Lease:
    """Change a draft; a signed lease is frozen (changes then need an amendment). ``note`` goes on the
    timeline."""
    require_role(by, LEASE_EDITORS)
    _check_terms(terms)
    lease = lease_lock(lease, Lease.Status.DRAFT)
    locked = units_lock([u.pk for u in units])
    building_id = units_check_one_building(locked)
    require_building(by, building_id)  # another office's units: refused
    units_check_free(locked, terms.start_date, terms.end_date, exclude_lease=lease)
    with acting(by):
        lease.tenant, lease.building_id = tenant, building_id
        _apply_terms(lease, terms, locked)
        lease.save()
        lease.lease_units.all().delete()
        units_hold(lease, locked, terms.start_date, terms.end_date)
        event_add(lease, LeaseEvent.Kind.UPDATED, by, note)
        _legal_review_request(lease, by)
    return lease


def _legal_review_request(lease: Lease, by: User | None, amendment: Any = None) -> None:
    """Every new or changed draft goes before legal again (see ``reviews``)."""
    from .reviews import review_request

    review_request(lease=lease, amendment=amendment, by=by)


@transaction.atomic
def lease_cancel(*, lease: Lease, reason: str, by: User) -> Lease:
    """A draft that will not be signed: its units are free again."""
    require_role(by, LEASE_EDITORS)
    if not reason.strip():
        raise DomainError(_("Give the reason for cancelling."), field="reason")
    lease = lease_lock(lease, Lease.Status.DRAFT)
    with acting(by):
        Lease.LIFECYCLE.move(lease, Lease.Status.CANCELLED)
        lease.save(update_fields=["status", "updated_at"])
        lease.lease_units.update(blocking=False)
        lease_units_refresh([lease.pk])
        event_add(lease, LeaseEvent.Kind.CANCELLED, by, reason.strip())
    return lease


@transaction.atomic
def lease_activate(*, lease: Lease, by: User | None, today: date | None = None) -> Lease:
    """A signed lease whose start date has come becomes active; its units become occupied."""
    require_role(by, LEASE_EDITORS, allow_system=True)  # None: the daily task
    today = today or timezone.localdate()
    lease = lease_lock(lease, Lease.Status.SIGNED)
    if lease.start_date > today:
        raise DomainError(
            _("The lease starts on %(date)s; it can be activated from that day.") % {"date": lease.start_date}
        )
    with acting(by):
        Lease.LIFECYCLE.move(lease, Lease.Status.ACTIVE)
        lease.save(update_fields=["status", "updated_at"])
        lease_units_refresh([lease.pk], today=today)
        event_add(lease, LeaseEvent.Kind.ACTIVATED, by)
    return lease


def leases_activate_due(*, today: date) -> int:
    """Daily: activate every signed lease whose start date has come (each in its own transaction)."""
    due = Lease.objects.filter(status=Lease.Status.SIGNED, start_date__lte=today).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        try:
            lease_activate(lease=Lease(pk=pk), by=None, today=today)
        except DomainError:
            continue  # changed meanwhile
        count += 1
    return count


@transaction.atomic
def lease_end(*, lease: Lease, move_out_date: date, by: User | None) -> Lease:
    """The lease ends on ``move_out_date`` (its end date, or the handback day when management released it
    early or the tenant stayed past it): its units are free after that day, and their occupancy follows
    whatever still holds them (a renewal, say). The tenant's dossier is archived once no lease of theirs runs
    any more.
    """
    lease = lease_lock(lease, *Lease.RUNNING)
    if move_out_date < lease.start_date:
        raise DomainError(_("The move-out date cannot be before the lease starts."), field="move_out_date")
    with acting(by):
        Lease.LIFECYCLE.move(lease, Lease.Status.ENDED)
        lease.move_out_date = lease.move_out_date or move_out_date
        lease.effective_end = min(lease.effective_end, move_out_date)
        lease.save(update_fields=["status", "move_out_date", "effective_end", "updated_at"])
        lease.lease_units.filter(start_date__gt=move_out_date).update(blocking=False)
        lease.lease_units.filter(end_date__gt=move_out_date, start_date__lte=move_out_date).update(
            end_date=move_out_date
        )
        lease_units_refresh([lease.pk])
        event_add(lease, LeaseEvent.Kind.ENDED, by, str(move_out_date))
        webhook_emit(
            WebhookEvent.LEASE_ENDED,
            {
                "lease": lease.pk,
                "number": lease.number,
                "tenant": lease.tenant_id,
                "move_out_date": move_out_date,
            },
        )
    _tenant_left_if_last(lease, by)
    return lease


def _tenant_left_if_last(lease: Lease, by: User | None) -> None:
    """The tenant has left for good when no lease of theirs runs any more: its dossier is archived."""
    from documents.services import dossier_archive
    from tenancy.services import tenant_archive

    if not Lease.objects.filter(tenant_id=lease.tenant_id, status__in=Lease.LIVE).exists():
        dossier_archive(tenant=lease.tenant, by=by)
        tenant_archive(tenant=lease.tenant)
