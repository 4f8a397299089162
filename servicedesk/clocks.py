"""The SLA clocks of a ticket: when each is due, whether it ran, and which tickets are at risk or breached.

Acknowledge within ``SERVICE_ACKNOWLEDGE_HOURS`` (24 hours); urgent cases are acknowledged and answered within
``SERVICE_URGENT_MINUTES`` (one hour); a general complaint gets a first answer within one working day;
every ticket is resolved within its category's target in working time (the building's own target of the
category where its office set one).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from .models import Category, CategoryTarget, SlaClock, Ticket, clock_fields
from .sla import OfficeCalendar, add_working_time, calendar_from_settings


@dataclass(frozen=True)
class Dues:
    acknowledge: datetime
    first_answer: datetime | None
    resolution: datetime


def resolution_target(category: Category, building_id: int | None = None) -> tuple[int, str]:
    """(target, unit) of the category in the building: the building's own target, else the category's."""
    if building_id is not None:
        own = CategoryTarget.objects.filter(category=category, building_id=building_id).first()
        if own is not None:
            return own.resolution_target, own.resolution_unit
    return category.resolution_target, category.resolution_unit


def resolution_duration(
    category: Category, calendar: OfficeCalendar, building_id: int | None = None
) -> timedelta:
    """The category's resolution target (in the building) as working time."""
    target, unit = resolution_target(category, building_id)
    if unit == Category.TargetUnit.HOURS:
        return timedelta(hours=target)
    return calendar.working_days(target)


def resolution_due(
    *,
    start: datetime,
    category: Category,
    calendar: OfficeCalendar | None = None,
    building_id: int | None = None,
) -> datetime:
    calendar = calendar or calendar_from_settings()
    return add_working_time(start, resolution_duration(category, calendar, building_id), calendar)


def dues_for(
    *,
    received_at: datetime,
    kind: str,
    urgency: str,
    category: Category,
    calendar: OfficeCalendar | None = None,
    building_id: int | None = None,
) -> Dues:
    """The three due moments of a ticket received at ``received_at`` (in the building, whose own resolution
    target of the category wins)."""
    calendar = calendar or calendar_from_settings()
    urgent = urgency == Ticket.Urgency.URGENT
    urgent_limit = received_at + timedelta(minutes=settings.SERVICE_URGENT_MINUTES)
    acknowledge = (
        urgent_limit if urgent else received_at + timedelta(hours=settings.SERVICE_ACKNOWLEDGE_HOURS)
    )
    first_answer: datetime | None = None
    if urgent:
        first_answer = urgent_limit
    elif kind == Ticket.Kind.COMPLAINT:
        days = calendar.working_days(settings.SERVICE_COMPLAINT_ANSWER_WORKING_DAYS)
        first_answer = add_working_time(received_at, days, calendar)
    return Dues(
        acknowledge=acknowledge,
        first_answer=first_answer,
        resolution=resolution_due(
            start=received_at, category=category, calendar=calendar, building_id=building_id
        ),
    )


def running_q(clock: str) -> Q:
    """Tickets whose clock is still running: due, not done, ticket not resolved or closed."""
    due, done = clock_fields(clock)
    return Q(**{f"{due}__isnull": False, f"{done}__isnull": True, "status__in": Ticket.OPEN_STATUSES})


def breached_q(now: datetime) -> Q:
    """Open tickets with at least one running clock past due: their earliest running deadline has passed."""
    return Q(next_due_at__lt=now)


def at_risk_q(now: datetime) -> Q:
    """Open tickets with a running clock due within ``SERVICE_AT_RISK_HOURS`` and none breached yet.

    None breached means every running deadline is still ahead, the earliest included; one of them within the
    horizon means the earliest is.
    """
    horizon = now + timedelta(hours=settings.SERVICE_AT_RISK_HOURS)
    return Q(next_due_at__gte=now, next_due_at__lt=horizon)


@dataclass(frozen=True)
class ClockState:
    """One clock as a ticket page shows it."""

    clock: str
    label: str
    due_at: datetime
    done_at: datetime | None
    running: bool

    @property
    def met(self) -> bool | None:
        """True/False once stopped; None while it runs."""
        return None if self.done_at is None else self.done_at <= self.due_at

    def breached(self, now: datetime) -> bool:
        return (self.running and now > self.due_at) or self.met is False

    def state(self, now: datetime) -> str:
        """``met``, ``late``, ``breached``, ``at_risk``, ``running`` or ``stopped``."""
        if self.met is not None:
            return "met" if self.met else "late"
        if not self.running:
            return "stopped"
        if now > self.due_at:
            return "breached"
        if self.due_at - now < timedelta(hours=settings.SERVICE_AT_RISK_HOURS):
            return "at_risk"
        return "running"


def ticket_clocks(ticket: Ticket) -> list[ClockState]:
    """The ticket's clocks that apply to it, in the order they run."""
    states = []
    for clock in SlaClock:
        due_field, done_field = clock_fields(clock)
        due = getattr(ticket, due_field)
        if due is None:
            continue
        done = getattr(ticket, done_field)
        states.append(
            ClockState(
                clock=clock.value,
                label=str(clock.label),
                due_at=due,
                done_at=done,
                running=done is None and ticket.is_open,
            )
        )
    return states
