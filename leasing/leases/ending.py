"""How a lease ends after the move-out: handing the keys back early does not end the tenant's obligations.

The lease ends on its end date (the move-out notice's date, or the term's end): until then it stays "notice
given", billed as before, with its units handed back; the daily sweep ends it the day after. Management may
release the tenant early, with a reason: the lease then ends on the handback day.

The same daily sweep supersedes a lease by its renewal on the renewal's start date ("renewed", off the rent
roll), and marks a lease whose end date has passed with nobody having handed the units back "holding over":
it keeps its units, stays on the rent roll and billed, and ends when the units are handed back.
"""

from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from tenancy.access import require_role

from ..models import Lease, LeaseEvent, LeaseUnit, Unit
from ..occupancy import units_occupancy_refresh, units_turning
from .permissions import NOTICE_OVERRIDERS
from .services import acting, event_add, lease_end, lease_lock


@transaction.atomic
def lease_hand_back(*, lease: Lease, on: date, by: User) -> Lease:
    """Every unit is handed back on ``on``: the lease ends then if its end date has come; otherwise it runs
    (and is billed) to its end date, and the daily sweep ends it."""
    lease = lease_lock(lease, *Lease.RUNNING)
    on = max(on, lease.start_date)
    if on >= lease.effective_end:
        return lease_end(lease=lease, move_out_date=on, by=by)
    with acting(by):
        lease.move_out_date = on
        lease.save(update_fields=["move_out_date", "updated_at"])
        event_add(lease, LeaseEvent.Kind.HANDED_BACK, by, str(on))
    return lease


@transaction.atomic
def lease_release_early(*, lease: Lease, reason: str, by: User) -> Lease:
    """Management agrees that a tenant who handed the units back before the end date owes nothing after
    the handback day: the lease ends on that day (the reason is kept on its timeline)."""
    require_role(by, NOTICE_OVERRIDERS)
    if not reason.strip():
        raise DomainError(_("Give the reason for releasing the tenant early."), field="reason")
    lease = lease_lock(lease, Lease.Status.NOTICE_GIVEN)
    if lease.move_out_date is None:
        raise DomainError(
            _("The units have not been handed back yet: release the lease after the move-out."),
            field="reason",
        )
    with acting(by):
        event_add(lease, LeaseEvent.Kind.RELEASED, by, reason.strip())
    return lease_end(lease=lease, move_out_date=lease.move_out_date, by=by)


def leases_end_due(*, today: date) -> int:
    """Daily: supersede leases whose renewal has started, mark leases past their end with the units not
    handed back "holding over", and end every handed-back lease whose end date has passed (each in its own
    transaction; a second run finds none). Returns how many leases changed."""
    changed = _leases_sweep(today)
    due = Lease.objects.filter(
        status__in=(Lease.Status.NOTICE_GIVEN, Lease.Status.HOLDING_OVER),
        move_out_date__isnull=False,
        effective_end__lt=today,
    ).values_list("pk", "effective_end")
    for pk, end in list(due):
        try:
            lease_end(lease=Lease(pk=pk), move_out_date=end, by=None)
        except DomainError:
            continue  # changed meanwhile
        changed += 1
    return changed


@transaction.atomic
def _leases_sweep(today: date) -> int:
    """The set-based part of the sweep, in one transaction: renewals take over, leases past their end hold
    over, and the occupancy of the units that can have changed is brought up to today, in one statement:
    the units of the leases moved, and those whose lease lines started or ended in the last days (a lease
    line that ended by an amendment, say; the window catches up a night the clock missed). The weekly
    ``units_occupancy_repair`` refreshes every unit."""
    moved = _supersede_renewed(today) + _hold_over(today)
    _units_refresh(moved, today, turning=True)
    return len(moved)


def _units_refresh(lease_ids: list[int], today: date, *, turning: bool = False) -> int:
    """Refresh the units of the leases moved (and, for the daily sweep, the units turning today)."""
    # The ids travel as one array parameter (10,000 separate parameters cost more than the refresh itself).
    moved = RawSQL("SELECT unnest(%s::bigint[])", (lease_ids,))
    held = Unit.objects.filter(pk__in=LeaseUnit.objects.filter(lease_id__in=moved).values("unit_id"))
    if turning:
        held = held | units_turning(today)
    elif not lease_ids:
        return 0
    return units_occupancy_refresh(held, today=today)


def _set_status(leases: Any, status: str, kind: str, note: str) -> list[int]:
    """Compare-and-set for a sweep, in one statement however many leases there are: lock the candidates,
    move them to ``status`` and write one event each for the leases moved (their ids never travel to Python
    and back)."""
    movable = Lease.LIFECYCLE.movable(leases, status).select_for_update(skip_locked=True, of=("self",))
    locked, params = movable.order_by().values("pk").query.sql_with_params()
    columns, values, event_params = _event_row(kind, note)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH moved AS (UPDATE {Lease._meta.db_table} SET status = %s, updated_at = %s "  # noqa: S608
            f"WHERE id IN ({locked}) RETURNING id) "
            f"INSERT INTO {LeaseEvent._meta.db_table} ({columns}) SELECT {values} FROM moved "
            "RETURNING lease_id",
            [status, timezone.now(), *params, *event_params],
        )
        return [row[0] for row in cursor.fetchall()]


def _event_row(kind: str, note: str) -> tuple[str, str, list[Any]]:
    """The columns, values and parameters of a LeaseEvent row for each moved lease (``moved.id``), every
    other field as the model would save it (defaults, ``auto_now_add``), so a new field needs no change."""
    template = LeaseEvent(lease_id=0, kind=kind, note=note)
    columns, values, params = [], [], []
    for field in LeaseEvent._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.attname == "lease_id":
            values.append("moved.id")
        else:
            values.append("%s")
            params.append(field.get_db_prep_save(field.pre_save(template, add=True), connection))
    return ", ".join(columns), ", ".join(values), params


@transaction.atomic
def leases_supersede_renewed(*, today: date) -> list[int]:
    """A renewal that has started (signed or active, start date come) supersedes its predecessor, which
    becomes "renewed" and leaves the rent roll (its units stay with the renewal); the units follow."""
    moved = _supersede_renewed(today)
    _units_refresh(moved, today)
    return moved


def _supersede_renewed(today: date) -> list[int]:
    superseded = Lease.objects.filter(
        status__in=Lease.RUNNING,
        renewal__status__in=(Lease.Status.SIGNED, Lease.Status.ACTIVE),
        renewal__start_date__lte=today,
    )
    return _set_status(superseded, Lease.Status.RENEWED, LeaseEvent.Kind.SUPERSEDED, str(today))


@transaction.atomic
def leases_hold_over(*, today: date) -> list[int]:
    """A lease past its end date whose units nobody handed back is "holding over": the tenant is still in
    the units, so it keeps them, stays on the rent roll and is billed until the hand-back ends it; the units
    follow."""
    moved = _hold_over(today)
    _units_refresh(moved, today)
    return moved


def _hold_over(today: date) -> list[int]:
    overdue = Lease.objects.filter(
        status__in=(Lease.Status.ACTIVE, Lease.Status.NOTICE_GIVEN),
        move_out_date__isnull=True,
        effective_end__lt=today,
    )
    return _set_status(overdue, Lease.Status.HOLDING_OVER, LeaseEvent.Kind.HOLDING_OVER, str(today))
