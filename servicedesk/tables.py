"""The ticket list as a django-tables2 table: every cell comes from the row's own query."""

from datetime import datetime

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .clocks import ticket_clocks
from .models import Ticket

STATUS_BADGES = {
    Ticket.Status.NEW: "text-bg-primary",
    Ticket.Status.ACKNOWLEDGED: "text-bg-info",
    Ticket.Status.IN_PROGRESS: "text-bg-warning",
    Ticket.Status.RESOLVED: "text-bg-success",
    Ticket.Status.CLOSED: "text-bg-secondary",
    Ticket.Status.REOPENED: "text-bg-danger",
}
CLOCK_BADGES = {
    "breached": ("text-bg-danger", _("Past deadline")),
    "at_risk": ("text-bg-warning", _("At risk")),
    "running": ("text-bg-light border", _("On time")),
}


def status_badge(ticket: Ticket) -> SafeString:
    # The enum's label, not get_status_display(): that builds and hashes a dict of lazy labels on every call.
    label = Ticket.Status(ticket.status).label
    return format_html(
        '<span class="badge {}">{}</span>', STATUS_BADGES.get(ticket.status, "text-bg-light"), label
    )


def next_deadline(ticket: Ticket, now: datetime) -> tuple[datetime, str] | None:
    """The earliest running clock and its state, or None when no clock runs."""
    running = [c for c in ticket_clocks(ticket) if c.running]
    if not running:
        return None
    first = min(running, key=lambda c: c.due_at)
    return first.due_at, first.state(now)


def deadline_badge(ticket: Ticket, now: datetime | None = None) -> SafeString | str:
    """The next deadline as a coloured badge with its local time, or a dash when no clock runs."""
    found = next_deadline(ticket, now or timezone.now())
    if found is None:
        return "—"
    due, state = found
    badge, label = CLOCK_BADGES.get(state, CLOCK_BADGES["running"])
    return format_html(
        '<span class="badge {}">{}</span> <small class="text-nowrap">{}</small>',
        badge,
        label,
        f"{timezone.localtime(due):%m-%d %H:%M}",
    )


class TicketTable(tables.Table):
    reference = tables.Column(
        verbose_name=capfirst(_("number")),
        linkify=("servicedesk:ticket-detail", {"pk": tables.A("pk")}),
        order_by=("pk",),
        empty_values=(),
    )
    created_at = tables.DateTimeColumn(verbose_name=capfirst(_("received at")), format="Y-m-d H:i")
    kind = tables.Column(verbose_name=capfirst(_("kind")))
    status = tables.Column(verbose_name=capfirst(_("status")))
    tenant = tables.Column(verbose_name=capfirst(_("tenant")), order_by=("tenant__name",))
    place = tables.Column(
        verbose_name=capfirst(_("place")), empty_values=(), order_by=("building__code", "unit__code")
    )
    category = tables.Column(verbose_name=capfirst(_("category")), order_by=("category__name",))
    owner = tables.Column(
        verbose_name=capfirst(pgettext_lazy("service desk", "owner")),
        order_by=("owner__first_name", "owner__username"),
    )
    department = tables.Column(verbose_name=capfirst(_("assigned to")))
    deadline = tables.Column(verbose_name=capfirst(_("next deadline")), empty_values=(), orderable=False)

    class Meta:
        model = Ticket
        fields = (
            "reference",
            "created_at",
            "kind",
            "status",
            "tenant",
            "place",
            "category",
            "owner",
            "department",
            "deadline",
        )
        attrs = {"class": "table table-hover table-sm align-middle bg-white", "data-testid": "ticket-table"}
        empty_text = _("No tickets match.")
        order_by = ("-created_at",)
        # Rows are rendered straight from the record (keep it in step with the columns above): tables2's
        # per-cell machinery would cost most of the page's time.
        template_name = "servicedesk/_ticket_table.html"
