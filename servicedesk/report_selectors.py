"""The service desk's part of the monthly report (月报): the month's tickets by kind, their SLA clocks met,
and, of the tickets resolved in the month, how many were followed up (回访率) and how satisfied tenants were.

Counted as the analysis page counts them (``servicedesk.reports``): a clock counts once it stopped or ran out
by the report's time, and is met when it stopped by its due time; satisfied means rated 4 or 5.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone

from leasing.report_scope import Buildings, building_list

from .models import SlaClock, Ticket, clock_fields


def _percent(part: int, whole: int) -> float | None:
    return None if not whole else round(100 * part / whole, 1)


@dataclass
class ServiceFigures:
    by_kind: list[tuple[str, str, int]] = field(default_factory=list)
    sla: list[tuple[str, int, int, float | None]] = field(default_factory=list)
    resolved: int = 0
    followed_up: int = 0
    rated: int = 0
    satisfied: int = 0
    rating: float | None = None

    @property
    def tickets(self) -> int:
        return sum(n for _kind, _label, n in self.by_kind)

    @property
    def follow_up_rate(self) -> float | None:
        return _percent(self.followed_up, self.resolved)

    @property
    def satisfaction(self) -> float | None:
        return _percent(self.satisfied, self.rated)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime.combine(start, time(), tz), datetime.combine(end + timedelta(days=1), time(), tz)


def _tickets(building_id: Buildings) -> QuerySet[Ticket]:
    tickets = Ticket.objects.all()
    ids = building_list(building_id)
    return tickets.filter(building_id__in=ids) if ids is not None else tickets


def monthly_report_service(
    *, start: date, end: date, now: datetime, building_id: Buildings = None
) -> ServiceFigures:
    """The month's service desk figures (two queries); ``now``: the end of the month or, for the current
    month, the present (clocks still running are not counted yet)."""
    since, until = _bounds(start, end)
    created = Q(created_at__gte=since, created_at__lt=until)
    resolved = Q(resolved_at__gte=since, resolved_at__lt=until)
    aggregates: dict[str, Any] = {
        "resolved": Count("pk", filter=resolved),
        "followed_up": Count("pk", filter=resolved & Q(followed_up_at__isnull=False)),
        "rated": Count("pk", filter=resolved & Q(rating__isnull=False)),
        "satisfied": Count("pk", filter=resolved & Q(rating__gte=4)),
        "rating": Avg("rating", filter=resolved),
    }
    for clock in SlaClock.values:
        due, done = clock_fields(clock)
        stopped = Q(**{f"{done}__isnull": False, f"{done}__lte": now})
        ran_out = stopped | Q(**{f"{due}__lt": now})
        aggregates[f"{clock}_counted"] = Count(
            "pk", filter=created & Q(**{f"{due}__isnull": False}) & ran_out
        )
        aggregates[f"{clock}_met"] = Count("pk", filter=created & stopped & Q(**{f"{done}__lte": F(due)}))
    tickets = _tickets(building_id)
    row = tickets.aggregate(**aggregates)
    labels = dict(Ticket.Kind.choices)
    counts = dict(tickets.filter(created).values_list("kind").annotate(n=Count("pk")).order_by())
    return ServiceFigures(
        by_kind=[(k, str(labels[k]), counts.get(k, 0)) for k in Ticket.Kind.values],
        sla=[
            (str(label), row[f"{c}_met"], row[f"{c}_counted"], _percent(row[f"{c}_met"], row[f"{c}_counted"]))
            for c, label in SlaClock.choices
        ],
        resolved=row["resolved"],
        followed_up=row["followed_up"],
        rated=row["rated"],
        satisfied=row["satisfied"],
        rating=None if row["rating"] is None else round(float(row["rating"]), 2),
    )
