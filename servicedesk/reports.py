"""The analysis (read side): tickets per month or quarter by kind, category, cause and building;
times to acknowledge and resolve; SLA compliance; ratings; the follow-up rate (回访率) and satisfaction per
department, category and building.

Every figure is one grouped query; nothing is computed per ticket in Python.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import AnyUser
from leasing.models import Building
from tenancy.scope import scope

from .models import Category, Department, SlaClock, Ticket, clock_fields

PERIODS = ("month", "quarter")


@dataclass
class Breakdown:
    """Counts of one dimension (rows) per period (columns)."""

    key: str
    title: str
    rows: list[tuple[str, list[int], int]] = field(default_factory=list)

    @property
    def max_total(self) -> int:
        return max((total for _label, _counts, total in self.rows), default=0)


@dataclass
class PeriodFigures:
    label: str
    tickets: int
    acknowledge_hours: float | None
    resolve_hours: float | None
    sla: dict[str, float | None]
    rated: int
    rating: float | None
    satisfied: float | None


@dataclass
class FollowUpRow:
    """Of the year's tickets done (resolved or closed) in one group: how many were followed up and rated."""

    label: str
    done: int
    followed_up: int
    rated: int
    rating: float | None
    satisfied: float | None

    @property
    def rate(self) -> float | None:
        return _percent(self.followed_up, self.done)


@dataclass
class FollowUpBreakdown:
    key: str
    title: str
    rows: list[FollowUpRow]


@dataclass
class Analysis:
    year: int
    period: str
    labels: list[str]
    breakdowns: list[Breakdown]
    figures: list[PeriodFigures]
    follow_ups: list[FollowUpBreakdown] = field(default_factory=list)

    @property
    def max_tickets(self) -> int:
        return max((f.tickets for f in self.figures), default=0)


def _period_starts(year: int, period: str) -> list[date]:
    months = range(1, 13) if period == "month" else (1, 4, 7, 10)
    return [date(year, month, 1) for month in months]


def _label(start: date, period: str) -> str:
    return f"{start.month}" if period == "month" else f"Q{(start.month - 1) // 3 + 1}"


def _year_tickets(year: int) -> QuerySet[Ticket]:
    tz = timezone.get_current_timezone()
    start = datetime(year, 1, 1, tzinfo=tz)
    return Ticket.objects.filter(created_at__gte=start, created_at__lt=datetime(year + 1, 1, 1, tzinfo=tz))


def _start_of(period_start: datetime) -> date:
    """The local date a truncated period starts on."""
    return timezone.localtime(period_start).date()


def _trunc(period: str) -> Any:
    return TruncMonth("created_at") if period == "month" else TruncQuarter("created_at")


def _breakdown(
    tickets: QuerySet[Ticket],
    starts: list[date],
    period: str,
    key: str,
    title: str,
    label: Callable[[Any], str],
) -> Breakdown:
    grouped = tickets.annotate(period=_trunc(period)).values("period", key).annotate(n=Count("pk"))
    index = {start: i for i, start in enumerate(starts)}
    table: dict[Any, list[int]] = {}
    for row in grouped:
        counts = table.setdefault(row[key], [0] * len(starts))
        counts[index[_start_of(row["period"])]] += row["n"]
    rows = sorted(
        ((label(value), counts, sum(counts)) for value, counts in table.items()), key=lambda r: -r[2]
    )
    return Breakdown(key=key, title=title, rows=rows)


def _hours(value: timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 3600, 1)


def _percent(part: int, whole: int) -> float | None:
    return None if not whole else round(100 * part / whole, 1)


def _figures(tickets: QuerySet[Ticket], starts: list[date], period: str) -> list[PeriodFigures]:
    now = timezone.now()
    aggregates: dict[str, Any] = {
        "n_tickets": Count("pk"),
        "avg_ack": Avg(
            ExpressionWrapper(F("acknowledged_at") - F("created_at"), output_field=DurationField())
        ),
        "avg_resolve": Avg(
            ExpressionWrapper(F("resolved_at") - F("created_at"), output_field=DurationField())
        ),
        "n_rated": Count("pk", filter=Q(rating__isnull=False)),
        "avg_rating": Avg("rating"),
        "n_satisfied": Count("pk", filter=Q(rating__gte=4)),
    }
    for clock in SlaClock.values:
        due, done = clock_fields(clock)
        ran_out = Q(**{f"{done}__isnull": False}) | Q(**{f"{due}__lt": now})
        aggregates[f"n_{clock}_counted"] = Count("pk", filter=Q(**{f"{due}__isnull": False}) & ran_out)
        aggregates[f"n_{clock}_met"] = Count(
            "pk", filter=Q(**{f"{done}__isnull": False, f"{done}__lte": F(due)})
        )
    grouped = {
        _start_of(row["period"]): row
        for row in tickets.annotate(period=_trunc(period)).values("period").annotate(**aggregates)
    }
    figures = []
    for start in starts:
        row = grouped.get(start, {})
        sla = {c: _percent(row.get(f"n_{c}_met", 0), row.get(f"n_{c}_counted", 0)) for c in SlaClock.values}
        figures.append(
            PeriodFigures(
                label=_label(start, period),
                tickets=row.get("n_tickets", 0),
                acknowledge_hours=_hours(row.get("avg_ack")),
                resolve_hours=_hours(row.get("avg_resolve")),
                sla=sla,
                rated=row.get("n_rated", 0),
                rating=None if row.get("avg_rating") is None else round(float(row["avg_rating"]), 2),
                satisfied=_percent(row.get("n_satisfied", 0), row.get("n_rated", 0)),
            )
        )
    return figures


def _follow_up_breakdown(
    tickets: QuerySet[Ticket], key: str, title: str, label: Callable[[Any], str]
) -> FollowUpBreakdown:
    """One grouped query: per value of ``key``, the tickets done, followed up and rated."""
    grouped = (
        tickets.filter(status__in=(Ticket.Status.RESOLVED, Ticket.Status.CLOSED))
        .values(key)
        .annotate(
            done=Count("pk"),
            followed=Count("pk", filter=Q(followed_up_at__isnull=False)),
            rated=Count("pk", filter=Q(rating__isnull=False)),
            avg=Avg("rating"),
            satisfied=Count("pk", filter=Q(rating__gte=4)),
        )
        .order_by()
    )
    rows = [
        FollowUpRow(
            label=label(row[key]) if row[key] else _("Not assigned"),
            done=row["done"],
            followed_up=row["followed"],
            rated=row["rated"],
            rating=None if row["avg"] is None else round(float(row["avg"]), 2),
            satisfied=_percent(row["satisfied"], row["rated"]),
        )
        for row in grouped
    ]
    return FollowUpBreakdown(key=key, title=title, rows=sorted(rows, key=lambda r: (-r.done, r.label)))


def follow_up_breakdowns(
    tickets: QuerySet[Ticket], category_label: Callable[[Any], str], building_label: Callable[[Any], str]
) -> list[FollowUpBreakdown]:
    """The follow-up rate (回访率) and satisfaction of the tickets per department, category and building."""
    return [
        _follow_up_breakdown(tickets, "department", _("By department"), lambda v: str(Department(v).label)),
        _follow_up_breakdown(tickets, "category", _("By category"), category_label),
        _follow_up_breakdown(tickets, "building", _("By building"), building_label),
    ]


def analysis(*, year: int, period: str, user: AnyUser | None = None) -> Analysis:
    """The year's figures by month or by quarter, of the tickets of the user's buildings."""
    starts = _period_starts(year, period)
    tickets = scope(_year_tickets(year), user, "building")
    categories = dict(Category.objects.values_list("pk", "name"))
    categories_en = dict(Category.objects.values_list("pk", "name_en"))
    buildings = dict(Building.objects.values_list("pk", "name"))

    def category_label(pk: Any) -> str:
        return Category(name=categories.get(pk, ""), name_en=categories_en.get(pk, "")).label

    breakdowns = [
        _breakdown(tickets, starts, period, "kind", _("By kind"), lambda v: str(Ticket.Kind(v).label)),
        _breakdown(tickets, starts, period, "category", _("By category"), category_label),
        _breakdown(
            tickets,
            starts,
            period,
            "cause",
            _("By cause"),
            lambda v: str(Ticket.Cause(v).label) if v else _("Not resolved yet"),
        ),
        _breakdown(tickets, starts, period, "building", _("By building"), lambda v: buildings.get(v, "")),
    ]
    labels = [_label(start, period) for start in starts]
    return Analysis(
        year=year,
        period=period,
        labels=labels,
        breakdowns=breakdowns,
        figures=_figures(tickets, starts, period),
        follow_ups=follow_up_breakdowns(tickets, category_label, lambda v: buildings.get(v, "")),
    )
