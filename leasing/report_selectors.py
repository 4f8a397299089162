"""Leasing's part of the monthly report (月报): occupancy as of any day and its trend, and the month's leases.

Occupancy in the past is derived from the lease lines' dates, not from ``Unit.status`` (which is today's):
on a day ``d`` a line holds its unit when its lease was signed by ``d`` (not a draft, not cancelled) and ``d``
falls before the line's end and the lease's current end, or the tenant held over past it (until the move-out
date, or still). The unit is then, as in ``leasing.occupancy``:

- under fit-out: held, and a fit-out window the caller passes covers ``d`` (fit-out is above leasing);
- let: held by a lease that ran (it was activated at some point) from a start on or before ``d``;
- reserved: held, but not running yet on ``d``;
- unavailable: not held, and withdrawn from letting by staff (today's choice: the flag has no history);
- vacant: not held.

Applied to today, this gives the stored status of every unit, so the report's figures for the current month
equal the unit list filtered by status. The trend for twelve month ends is one query.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, QuerySet

from documents.money import TENTH, half_up

from .models import Lease, Unit
from .report_scope import Buildings, building_list

# The statuses in the order the report shows them.
STATUSES: tuple[str, ...] = (
    Unit.Status.OCCUPIED,
    Unit.Status.RESERVED,
    Unit.Status.FIT_OUT,
    Unit.Status.VACANT,
    Unit.Status.UNAVAILABLE,
)
# A lease that reached these statuses was activated: it ran from its start.
HAS_RUN = (*Lease.RUNNING, Lease.Status.RENEWED, Lease.Status.ENDED)


@dataclass
class OccupancyFigures:
    """Units and gross area by status on one day; ``rate`` is the let share of the area (出租率)."""

    on: date
    count: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    area: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(STATUSES, Decimal(0)))

    @property
    def units(self) -> int:
        return sum(self.count.values())

    @property
    def total_area(self) -> Decimal:
        return sum(self.area.values(), Decimal(0))

    @property
    def let_area(self) -> Decimal:
        """Let or under fit-out: the tenant holds it."""
        return self.area[Unit.Status.OCCUPIED] + self.area[Unit.Status.FIT_OUT]

    @property
    def rate(self) -> Decimal | None:
        if not self.total_area:
            return None
        return half_up(Decimal(100) * self.let_area / self.total_area, TENTH)

    def rows(self) -> list[tuple[str, str, int, Decimal]]:
        """(status, label, units, area) in report order."""
        labels = dict(Unit.Status.choices)
        return [(s, str(labels[s]), self.count[s], self.area[s]) for s in STATUSES]


def _held_sql() -> str:
    """SQL true when lease line ``lu`` of lease ``l`` holds its unit on ``d.day``."""
    return (
        "lu.blocking AND l.status NOT IN ('draft', 'cancelled') "
        "AND (l.signed_at IS NULL OR (l.signed_at AT TIME ZONE %s)::date <= d.day) "
        "AND ((d.day <= lu.end_date AND d.day <= l.effective_end) "
        "OR (lu.end_date >= l.effective_end AND d.day > l.effective_end "
        "AND (l.status = 'holding_over' OR d.day <= l.move_out_date)))"
    )


def _occupancy_sql(
    days: Sequence[date], building_id: Buildings, fit_out: QuerySet | None
) -> tuple[str, list[Any]]:
    """One query: every unit on every day, joined (by hash, not a subquery per unit and day) to the lease
    lines holding it that day and to the fit-out windows covering it, grouped by day and status."""
    tz = settings.TIME_ZONE
    running = ", ".join(["%s"] * len(HAS_RUN))
    fit_sql, fit_params = "SELECT NULL::date AS day, NULL::bigint AS unit_id WHERE FALSE", []
    if fit_out is not None:
        sql, fit_params = fit_out.query.sql_with_params()
        fit_sql = (
            f"SELECT DISTINCT d.day, f.unit_id FROM ({sql}) f JOIN d ON f.since <= d.day "  # noqa: S608
            "AND (f.until IS NULL OR f.until > d.day)"
        )
    ids = building_list(building_id)
    where, where_params = ("WHERE u.building_id = ANY(%s)", [ids]) if ids is not None else ("", [])
    # Only fixed SQL and placeholders are put together here; every value is a parameter, in text order.
    sql = (
        "WITH d AS (SELECT unnest(%s::date[]) AS day), "  # noqa: S608
        "held AS (SELECT d.day, lu.unit_id, "
        f"bool_or(lu.start_date <= d.day AND l.status IN ({running})) AS running "
        "FROM leasing_leaseunit lu JOIN leasing_lease l ON l.id = lu.lease_id CROSS JOIN d "
        f"WHERE {_held_sql()} GROUP BY d.day, lu.unit_id), "
        f"fit AS ({fit_sql}) "
        "SELECT d.day, CASE "
        "WHEN h.unit_id IS NOT NULL AND fit.unit_id IS NOT NULL THEN 'fit_out' "
        "WHEN h.running THEN 'occupied' WHEN h.unit_id IS NOT NULL THEN 'reserved' "
        "WHEN u.status = 'unavailable' THEN 'unavailable' ELSE 'vacant' END AS status, "
        "count(*), coalesce(sum(u.gross_area), 0) "
        "FROM leasing_unit u CROSS JOIN d "
        "LEFT JOIN held h ON h.unit_id = u.id AND h.day = d.day "
        f"LEFT JOIN fit ON fit.unit_id = u.id AND fit.day = d.day {where} "
        "GROUP BY 1, 2"
    )
    params = [list(days), *HAS_RUN, tz, *fit_params, *where_params]
    return sql, params


def monthly_report_occupancy_trend(
    *, days: Sequence[date], building_id: Buildings = None, fit_out: QuerySet | None = None
) -> list[OccupancyFigures]:
    """Occupancy on each of ``days`` (one query). ``fit_out``: a queryset of ``unit_id``, ``since`` and
    ``until`` (``until`` None: still running) giving the windows in which units were under fit-out."""
    figures = {day: OccupancyFigures(day) for day in days}
    sql, params = _occupancy_sql(days, building_id, fit_out)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for day, status, count, area in cursor.fetchall():
            figures[day].count[status] = count
            figures[day].area[status] = area
    return [figures[day] for day in days]


def monthly_report_occupancy(
    *, on: date, building_id: Buildings = None, fit_out: QuerySet | None = None
) -> OccupancyFigures:
    """Occupancy on one day."""
    return monthly_report_occupancy_trend(days=[on], building_id=building_id, fit_out=fit_out)[0]


@dataclass(frozen=True)
class LeaseFigures:
    signed: int
    renewed: int
    ending_60: int
    ended: int


def _leases(building_id: Buildings) -> QuerySet[Lease]:
    leases = Lease.objects.exclude(status__in=(Lease.Status.DRAFT, Lease.Status.CANCELLED))
    ids = building_list(building_id)
    return leases.filter(building_id__in=ids) if ids is not None else leases


def monthly_report_leases(
    *, start: date, end: date, as_of: date, building_id: Buildings = None
) -> LeaseFigures:
    """The month's leases (one query): signed in it (new and renewals), ended in it (their tenant gone:
    ended or superseded by a renewal on their last day), and, as of ``as_of``, those signed whose current
    term ends within the next 60 days."""
    signed = Q(signed_at__date__range=(start, end))
    ending = (
        Q(effective_end__gte=as_of, effective_end__lte=as_of + timedelta(days=60))
        & (Q(signed_at__isnull=True) | Q(signed_at__date__lte=as_of))
        & ~Q(move_out_date__lt=as_of)
    )
    ended = Q(status=Lease.Status.ENDED) & (
        Q(move_out_date__range=(start, end))
        | Q(move_out_date__isnull=True, effective_end__range=(start, end))
    )
    counts = _leases(building_id).aggregate(
        signed=Count("pk", filter=signed & Q(previous__isnull=True)),
        renewed=Count("pk", filter=signed & Q(previous__isnull=False)),
        ending_60=Count("pk", filter=ending),
        ended=Count("pk", filter=ended),
    )
    return LeaseFigures(**counts)
