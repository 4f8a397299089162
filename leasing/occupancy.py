"""A unit's occupancy has one writer: ``units_occupancy_refresh``; nobody else sets ``Unit.status``.

The state is derived, as of a day, from the leases holding the unit (leasing's own facts) and from facts the
apps above leasing declare at start-up (fit-out registers the units under an issued permit), the way gates
work: leasing never imports them, and they call the refresh after their actions instead of writing it.

- under fit-out: a live lease holds the unit and a registered fact says works run in it;
- occupied (let): a running lease (active, under notice, holding over) holds it today;
- reserved: only a signed lease holds it (not started yet or not activated), or a running lease from a later
  day;
- unavailable: nothing holds it and staff withdrew it from letting (the one state set by hand, through the
  unit form, and kept until a lease takes the unit);
- vacant: nothing holds it.

The column is stored for fast lists and counts; the dashboard, the unit list, the rent roll and the tenant
directory all read the same lease lines (``holding_lines``), so they agree.
"""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.contrib.postgres.aggregates import BoolOr
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, F, Q, QuerySet, When
from django.utils import timezone

from .models import Lease, LeaseUnit, Unit

# What staff may choose on the unit form or in an import; the rest of a unit's status follows its leases.
STAFF_SET_STATUSES: tuple[str, ...] = (Unit.Status.VACANT, Unit.Status.UNAVAILABLE)

# The daily sweep refreshes the units whose lease lines started or ended in this many days (today included).
LOOK_BACK_DAYS = 7

# A fact a higher app declares: the ids of the units it puts in a state (a ``values("unit_id")`` queryset).
UnitFact = Callable[[], QuerySet]

# The registered facts, by the state they put a held unit in (only "under fit-out" today).
OCCUPANCY_FACTS: dict[str, list[UnitFact]] = {Unit.Status.FIT_OUT: []}


def occupancy_fact_register(status: str, fact: UnitFact) -> UnitFact:
    """A higher app declares (in its ``AppConfig.ready``) which held units are in ``status``; once."""
    if status not in OCCUPANCY_FACTS:
        raise ValueError(f"No occupancy fact can set {status!r}.")
    if fact not in OCCUPANCY_FACTS[status]:
        OCCUPANCY_FACTS[status].append(fact)
    return fact


def holding_lines(today: date) -> QuerySet[LeaseUnit]:
    """Lease lines of live leases that hold their unit and are not over by ``today``: the one definition of
    "this unit is taken" that the unit status, the tenant directory and the rent roll share."""
    live = LeaseUnit.objects.filter(blocking=True, lease__status__in=Lease.LIVE)
    # A lease holding over keeps the units it held on its last day, whatever today is.
    held_over = Q(lease__status=Lease.Status.HOLDING_OVER, end_date__gte=F("lease__effective_end"))
    return live.filter(Q(end_date__gte=today) | held_over)


def units_occupancy_refresh(
    units: QuerySet[Unit] | None = None, *, today: date | None = None, withdrawn: bool | None = None
) -> int:
    """Write the derived status of these units (every unit when None) where it changed; returns how many
    changed. The only writer of ``Unit.status``.

    Set-based, in one statement: one grouped pass over the holding lease lines (is any of a unit's lines
    running?), joined to the units, and an UPDATE of only the rows whose status differs, so a refresh that
    changes nothing writes nothing (each written row costs its history trigger)."""
    today = today or timezone.localdate()
    held = holding_lines(today).order_by()
    scope_sql, scope_params = "TRUE", []
    if units is not None:
        scope = units.order_by().values("pk")
        held = held.filter(unit__in=scope)
        try:
            scope_sql, scope_params = _sql(scope)
        except EmptyResultSet:  # no units (``none()``, an empty id list): nothing to refresh
            return 0
        scope_sql = f"s.id IN ({scope_sql})"
    running = Q(lease__status=Lease.Status.HOLDING_OVER) | Q(
        lease__status__in=Lease.RUNNING, start_date__lte=today
    )
    held = held.values("unit_id").annotate(running=BoolOr(Case(When(running, then=True), default=False)))
    held_sql, held_params = _sql(held)
    fit_out_sql, fit_out_params = _fit_out_condition()
    unheld_sql, unheld_params = _unheld(withdrawn)
    table = Unit._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS u SET status = d.derived, updated_at = %s FROM ("  # noqa: S608
            "SELECT s.id, CASE "
            f"WHEN h.unit_id IS NOT NULL AND ({fit_out_sql}) THEN %s "
            "WHEN h.running THEN %s WHEN h.unit_id IS NOT NULL THEN %s "
            f"{unheld_sql} ELSE %s END AS derived "
            f"FROM {table} AS s LEFT JOIN ({held_sql}) AS h ON h.unit_id = s.id WHERE {scope_sql}"
            ") AS d WHERE u.id = d.id AND u.status <> d.derived",
            [
                timezone.now(),
                *fit_out_params,
                Unit.Status.FIT_OUT,
                Unit.Status.OCCUPIED,
                Unit.Status.RESERVED,
                *unheld_params,
                Unit.Status.VACANT,
                *held_params,
                *scope_params,
            ],
        )
        return cursor.rowcount


def _sql(queryset: QuerySet) -> tuple[str, list[Any]]:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _fit_out_condition() -> tuple[str, list[Any]]:
    """``s.id`` is in a unit registered as under works by a higher app's fact."""
    parts, params = ["FALSE"], []
    for fact in OCCUPANCY_FACTS[Unit.Status.FIT_OUT]:
        sql, fact_params = _sql(fact().order_by())
        parts.append(f"s.id IN ({sql})")
        params += fact_params
    return " OR ".join(parts), params


def _unheld(withdrawn: bool | None) -> tuple[str, list[Any]]:
    """A unit nothing holds: staff's choice (``withdrawn``), or what they chose before when None."""
    if withdrawn is None:
        return "WHEN s.status = %s THEN %s", [Unit.Status.UNAVAILABLE, Unit.Status.UNAVAILABLE]
    return "WHEN TRUE THEN %s", [Unit.Status.UNAVAILABLE if withdrawn else Unit.Status.VACANT]


def units_turning(today: date, *, days: int = LOOK_BACK_DAYS) -> QuerySet[Unit]:
    """Units with a lease line that started or ended in the last ``days`` days (today included): the only
    units whose occupancy can change by the calendar alone (a lease or permit that changes state refreshes
    its own units). A window rather than today alone, so a night the clock missed is caught up."""
    since = today - timedelta(days=days - 1)
    turned = LeaseUnit.objects.filter(
        Q(start_date__range=(since, today)) | Q(end_date__range=(since - timedelta(days=1), today))
    )
    return Unit.objects.filter(pk__in=turned.values("unit_id"))


def lease_units_refresh(lease_ids: QuerySet | list[int], *, today: date | None = None) -> int:
    """Refresh the units of these leases (after a lease step)."""
    return units_occupancy_refresh(
        Unit.objects.filter(pk__in=LeaseUnit.objects.filter(lease__in=lease_ids).values("unit_id")),
        today=today,
    )
