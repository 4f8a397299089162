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
from datetime import date

from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from .models import Lease, LeaseUnit, Unit

# What staff may choose on the unit form or in an import; the rest of a unit's status follows its leases.
STAFF_SET_STATUSES: tuple[str, ...] = (Unit.Status.VACANT, Unit.Status.UNAVAILABLE)

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


def occupancy_of(today: date, *, withdrawn: bool | None = None) -> Case:
    """The unit's derived status as an SQL expression (``withdrawn``: staff's choice for a unit nothing
    holds; None keeps what they chose before)."""
    held = holding_lines(today).filter(unit=OuterRef("pk"))
    running = Q(lease__status=Lease.Status.HOLDING_OVER) | Q(
        lease__status__in=Lease.RUNNING, start_date__lte=today
    )
    fit_out = Q(pk__in=[])
    for fact in OCCUPANCY_FACTS[Unit.Status.FIT_OUT]:
        fit_out |= Q(pk__in=fact())
    if withdrawn is None:
        unheld = When(status=Unit.Status.UNAVAILABLE, then=Value(Unit.Status.UNAVAILABLE))
    else:
        unheld = When(
            pk__isnull=False, then=Value(Unit.Status.UNAVAILABLE if withdrawn else Unit.Status.VACANT)
        )
    return Case(
        When(Q(Exists(held)) & fit_out, then=Value(Unit.Status.FIT_OUT)),
        When(Exists(held.filter(running)), then=Value(Unit.Status.OCCUPIED)),
        When(Exists(held), then=Value(Unit.Status.RESERVED)),
        unheld,
        default=Value(Unit.Status.VACANT),
    )


def units_occupancy_refresh(
    units: QuerySet[Unit] | None = None, *, today: date | None = None, withdrawn: bool | None = None
) -> int:
    """Write the derived status of these units (every unit when None) where it changed, in one statement;
    returns how many changed. The only writer of ``Unit.status``."""
    today = today or timezone.localdate()
    units = Unit.objects.all() if units is None else units
    derived = occupancy_of(today, withdrawn=withdrawn)
    stale = units.order_by().annotate(derived=derived).exclude(status=F("derived")).values("pk")
    return Unit.objects.filter(pk__in=stale).update(status=derived, updated_at=timezone.now())


def lease_units_refresh(lease_ids: QuerySet | list[int], *, today: date | None = None) -> int:
    """Refresh the units of these leases (after a lease step)."""
    return units_occupancy_refresh(
        Unit.objects.filter(pk__in=LeaseUnit.objects.filter(lease__in=lease_ids).values("unit_id")),
        today=today,
    )
