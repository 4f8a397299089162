"""How a timeline entry reads, in the reader's language, from the facts the event stored."""

from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from documents.actors import AnyUser
from tenancy.people import display_name

from ..models import Department, SlaClock, Ticket, TicketEvent
from ..tables import deadline_badge, status_badge

register = template.Library()

Kind = TicketEvent.Kind


def _department(value: str) -> str:
    return str(Department(value).label) if value in Department.values else value


def _assigned(data: dict[str, Any], portal: bool) -> str:
    text = _("Assigned to the %(department)s") % {"department": _department(data.get("department", ""))}
    if data.get("assignee") and not portal:
        text += f" · {data['assignee']}"
    return text


def _escalated(data: dict[str, Any]) -> str:
    clock = data.get("clock", "")
    due = data.get("due_at")
    due_text = f"{timezone.localtime(datetime.fromisoformat(due)):%Y-%m-%d %H:%M}" if due else ""
    return _("%(clock)s deadline %(due)s missed; escalated to %(manager)s") % {
        "clock": SlaClock(clock).label if clock in SlaClock.values else clock,
        "due": due_text,
        "manager": data.get("manager") or _("management"),
    }


def _reopened(data: dict[str, Any], portal: bool) -> str:
    if data.get("not_fixed"):
        return _("Not fixed, says the tenant: reopened and back in progress")
    if "rating" not in data:
        return str(Kind.REOPENED.label)
    if portal:
        return _("Reopened after a rating of %(rating)s") % {"rating": data["rating"]}
    return _("Reopened after a rating of %(rating)s, to %(manager)s") % {
        "rating": data["rating"],
        "manager": data.get("manager") or "—",
    }


def _followed_up(data: dict[str, Any]) -> str:
    rating = {"rating": data.get("rating", "")}
    if data.get("channel") == "visit":
        return _("Followed up on a visit: rated %(rating)s of 5") % rating
    return _("Followed up by phone: rated %(rating)s of 5") % rating


def _auto_closed(data: dict[str, Any]) -> str:
    if "attempts" in data:
        return _("Closed: the tenant was not reached in %(n)s follow-up attempts") % {"n": data["attempts"]}
    return _("Closed: no rating within %(days)s days") % {"days": data.get("days", "")}


def _imported(data: dict[str, Any]) -> str:
    number = {"number": data.get("number", ""), "changes": data.get("changes", "")}
    if data.get("changes"):
        return _("Corrected by an import of ticket %(number)s: %(changes)s") % number
    return _("Imported: ticket %(number)s in the previous system") % number


@register.simple_tag
def event_summary(event: TicketEvent, portal: bool = False) -> str:
    """One line saying what happened."""
    data = event.data or {}
    amount = {"amount": data.get("amount", "")}
    texts = {
        Kind.HANDOVER_OFFERED: lambda: _("Hand-over offered to %(to)s") % {"to": data.get("to", "")},
        Kind.HANDOVER_ACCEPTED: lambda: _("Taken over from %(from)s") % {"from": data.get("from") or "—"},
        Kind.HANDOVER_DECLINED: lambda: _("Hand-over to %(to)s declined") % {"to": data.get("to", "")},
        Kind.ASSIGNED: lambda: _assigned(data, portal),
        Kind.QUOTE_OFFERED: lambda: _("Quote offered: CNY %(amount)s") % amount,
        Kind.QUOTE_ACCEPTED: lambda: _("Quote of CNY %(amount)s accepted") % amount,
        Kind.QUOTE_DECLINED: lambda: _("Quote of CNY %(amount)s declined") % amount,
        Kind.CHARGE_RECORDED: lambda: _("Charge of CNY %(amount)s recorded, to be billed") % amount,
        Kind.RATED: lambda: _("Rated %(rating)s of 5") % {"rating": data.get("rating", "")},
        Kind.FOLLOWED_UP: lambda: _followed_up(data),
        Kind.FOLLOW_UP_ATTEMPT: lambda: (
            _("Follow-up attempt %(n)s: the tenant was not reached") % {"n": data.get("attempt", "")}
        ),
        Kind.REOPENED: lambda: _reopened(data, portal),
        Kind.AUTO_CLOSED: lambda: _auto_closed(data),
        Kind.ESCALATED: lambda: _escalated(data),
        Kind.IMPORTED: lambda: _imported(data),
    }
    make = texts.get(event.kind)
    return make() if make else str(event.get_kind_display())


EVENT_ICONS = {
    Kind.CREATED: "inbox",
    Kind.ACKNOWLEDGED: "check2",
    Kind.HANDOVER_OFFERED: "arrow-left-right",
    Kind.HANDOVER_ACCEPTED: "person-check",
    Kind.HANDOVER_DECLINED: "person-x",
    Kind.ASSIGNED: "diagram-3",
    Kind.STARTED: "tools",
    Kind.COMMENT: "chat-left-text",
    Kind.PHOTO: "image",
    Kind.QUOTE_OFFERED: "receipt",
    Kind.QUOTE_ACCEPTED: "hand-thumbs-up",
    Kind.QUOTE_DECLINED: "hand-thumbs-down",
    Kind.RESOLVED: "check2-circle",
    Kind.CHARGE_RECORDED: "cash-coin",
    Kind.RATED: "star",
    Kind.FOLLOWED_UP: "telephone",
    Kind.FOLLOW_UP_ATTEMPT: "telephone-x",
    Kind.CLOSED: "lock",
    Kind.AUTO_CLOSED: "lock",
    Kind.REOPENED: "arrow-counterclockwise",
    Kind.ESCALATED: "exclamation-octagon",
    Kind.IMPORTED: "box-arrow-in-down",
}


@register.filter
def event_icon(event: TicketEvent) -> str:
    return EVENT_ICONS.get(event.kind, "dot")


@register.filter
def person(user: AnyUser) -> str:
    if user is None:
        return _("system")
    return display_name(user)


@register.filter
def percent_of(value: float | int | None, whole: float | int | None) -> float:
    """A bar's width in percent of the largest value."""
    if not value or not whole:
        return 0
    return round(100 * float(value) / float(whole), 1)


@register.inclusion_tag("servicedesk/_bar_chart.html")
def bar_chart(
    labels: list[str], values: list[float | int | None], title: str, maximum: float | None = None
) -> dict:
    """A column chart drawn as inline SVG (no script, no CDN): one column per period, its value above it."""
    top = maximum or max((v for v in values if v is not None), default=0) or 1
    view_width, height, top_margin = 360, 130, 16
    width = view_width / max(len(labels), 1)
    gap = width * 0.2
    bars = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = 0 if value is None else round(height * float(value) / float(top), 1)
        bars.append(
            {
                "x": round(i * width + gap / 2, 1),
                "w": round(width - gap, 1),
                "y": top_margin + height - h,
                "h": h,
                "label": label,
                "value": "—" if value is None else value,
                "cx": round(i * width + width / 2, 1),
            }
        )
    return {"bars": bars, "title": title, "view_width": view_width, "base": top_margin + height}


@register.filter
def kind_label(ticket: Any) -> str:
    """The kind's label straight from the enum (cheaper than get_kind_display on a long list)."""
    return str(Ticket.Kind(ticket.kind).label)


@register.filter
def department_label(value: str) -> str:
    return _department(value)


@register.filter
def ticket_status_badge(ticket: Any) -> SafeString:
    return status_badge(ticket)


@register.filter
def ticket_deadline(ticket: Any) -> SafeString | str:
    return deadline_badge(ticket)
