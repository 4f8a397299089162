"""The status pipeline and the people on a ticket: acknowledge, hand over, assign, start, resolve, close."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from documents.actors import User
from documents.errors import DomainError
from tenancy.people import display_name

from .. import notify
from ..clocks import resolution_due
from ..models import Department, Ticket, TicketEvent
from ..permissions import (
    is_receiver,
    is_supervisor,
    may_direct,
    may_work_on,
    user_departments,
    users_with_role,
)
from ._base import event_add, lock, status_move
from .paid import paid_service_charge_pending

# Follow-up calls or visits without an answer after which a resolved ticket may close unrated.
FOLLOW_UP_ATTEMPTS_TO_CLOSE = 3


def follow_up_done(ticket: Ticket) -> bool:
    """Whether a resolved ticket's follow-up is over: the tenant answered, or was tried enough times."""
    return ticket.followed_up_at is not None or ticket.follow_up_attempts >= FOLLOW_UP_ATTEMPTS_TO_CLOSE


def _refuse_unless(allowed: bool) -> None:
    """The ticket's own rule (its owner, assignee, department or a supervisor) refuses the acting user."""
    if not allowed:
        raise PermissionDenied(_("You may not do this on this ticket."))


def _name(user: User | None) -> str:
    return display_name(user)


@transaction.atomic
def ticket_acknowledge(*, ticket: Ticket, by: User, reply: str) -> Ticket:
    """Tell the tenant we have it and what to expect when; a portal ticket becomes the acknowledger's."""
    ticket = lock(ticket)
    _refuse_unless(is_receiver(by) and may_direct(by, ticket))
    reply = (reply or "").strip()
    if not reply:
        raise DomainError(_("Tell the tenant what happens next and when."), field="reply")
    status_move(ticket, Ticket.Status.ACKNOWLEDGED, kind=TicketEvent.Kind.ACKNOWLEDGED, by=by, text=reply)
    ticket.acknowledged_at = timezone.now()
    if ticket.owner_id is None:
        ticket.owner = by
    ticket.save()
    notify.ticket_acknowledged_notice(ticket, reply=reply, by=by)
    return ticket


def _check_open(ticket: Ticket) -> None:
    if ticket.status == Ticket.Status.CLOSED:
        raise DomainError(_("This ticket is closed."))


@transaction.atomic
def ticket_handover_offer(*, ticket: Ticket, by: User, to: Any, note: str = "") -> Ticket:
    """The owner offers the ticket to another receiver; it stays theirs until the other accepts."""
    ticket = lock(ticket)
    _check_open(ticket)
    _refuse_unless(ticket.owner_id is not None and (by.pk == ticket.owner_id or is_supervisor(by)))
    if to is None or not to.is_active or not is_receiver(to):
        raise DomainError(
            _("Only someone at the front desk or in management can own a ticket; choose one of them."),
            field="to",
        )
    if to.pk == ticket.owner_id:
        raise DomainError(_("This person already owns the ticket."), field="to")
    ticket.pending_owner = to
    ticket.save(update_fields=["pending_owner", "updated_at"])
    event_add(ticket, TicketEvent.Kind.HANDOVER_OFFERED, by=by, text=note.strip(), data={"to": _name(to)})
    return ticket


@transaction.atomic
def ticket_handover_accept(*, ticket: Ticket, by: User) -> Ticket:
    """The person offered the ticket takes it: from now on they own it."""
    ticket = lock(ticket)
    _check_open(ticket)
    if ticket.pending_owner_id != by.pk:
        raise DomainError(_("This ticket was not offered to you."))
    previous = ticket.owner
    ticket.owner, ticket.pending_owner = by, None
    ticket.save(update_fields=["owner", "pending_owner", "updated_at"])
    data = {"from": _name(previous) if previous else ""}
    event_add(ticket, TicketEvent.Kind.HANDOVER_ACCEPTED, by=by, data=data)
    return ticket


@transaction.atomic
def ticket_handover_decline(*, ticket: Ticket, by: User, note: str = "") -> Ticket:
    """The person offered the ticket declines (or the owner withdraws the offer); the owner keeps it."""
    ticket = lock(ticket)
    if ticket.pending_owner_id is None or by.pk not in (ticket.pending_owner_id, ticket.owner_id):
        raise DomainError(_("There is no hand-over of this ticket for you to decline."))
    to = ticket.pending_owner
    ticket.pending_owner = None
    ticket.save(update_fields=["pending_owner", "updated_at"])
    event_add(ticket, TicketEvent.Kind.HANDOVER_DECLINED, by=by, text=note.strip(), data={"to": _name(to)})
    return ticket


@transaction.atomic
def ticket_assign(*, ticket: Ticket, by: User, department: str, assignee: Any = None) -> Ticket:
    """Route the work to a department and, optionally, a person in it; the owner stays the owner."""
    ticket = lock(ticket)
    if ticket.status in (Ticket.Status.RESOLVED, Ticket.Status.CLOSED):
        raise DomainError(_("A resolved or closed ticket is not assigned any more."))
    taking_it = department in user_departments(by) and assignee is not None and assignee.pk == by.pk
    _refuse_unless(may_direct(by, ticket) or taking_it)
    if department not in Department.values:
        raise DomainError(_("Choose a department."), field="department")
    # The people the picker offers: active staff in the department's group (a superuser is not in every one).
    if assignee is not None and not users_with_role(department).filter(pk=assignee.pk).exists():
        raise DomainError(
            _("%(name)s is not in the %(department)s.")
            % {"name": _name(assignee), "department": Department(department).label},
            field="assignee",
        )
    ticket.department, ticket.assignee = department, assignee
    ticket.save(update_fields=["department", "assignee", "updated_at"])
    data = {"department": department, "assignee": _name(assignee) if assignee else ""}
    event_add(ticket, TicketEvent.Kind.ASSIGNED, by=by, public=True, data=data)
    return ticket


@transaction.atomic
def ticket_start(*, ticket: Ticket, by: User) -> Ticket:
    """Work begins; a paid service only once the tenant has accepted its quote."""
    ticket = lock(ticket)
    _refuse_unless(may_work_on(by, ticket))
    if ticket.kind == Ticket.Kind.PAID_SERVICE and ticket.quote_status != Ticket.QuoteStatus.ACCEPTED:
        raise DomainError(_("A paid service starts only after the tenant has accepted the quote."))
    status_move(ticket, Ticket.Status.IN_PROGRESS, kind=TicketEvent.Kind.STARTED, by=by)
    ticket.save()
    return ticket


@transaction.atomic
def ticket_resolve(*, ticket: Ticket, by: User, resolution: str, cause: str) -> Ticket:
    """The work is done: record what was done and why it happened; the tenant is told and asked to rate it."""
    ticket = lock(ticket)
    _refuse_unless(may_work_on(by, ticket))
    resolution = (resolution or "").strip()
    if not resolution:
        raise DomainError(pgettext("service desk", "Say what was done."), field="resolution")
    if cause not in Ticket.Cause.values:
        raise DomainError(_("Choose the cause."), field="cause")
    if ticket.kind == Ticket.Kind.PAID_SERVICE and ticket.quote_status != Ticket.QuoteStatus.ACCEPTED:
        raise DomainError(_("A paid service is resolved only after the tenant has accepted the quote."))
    status_move(ticket, Ticket.Status.RESOLVED, kind=TicketEvent.Kind.RESOLVED, by=by, text=resolution)
    now = timezone.now()
    ticket.resolution, ticket.cause, ticket.resolved_at = resolution, cause, now
    ticket.first_answer_at = ticket.first_answer_at or now
    ticket.save()
    if ticket.kind == Ticket.Kind.PAID_SERVICE and ticket.charge_status == Ticket.ChargeStatus.NONE:
        paid_service_charge_pending(ticket=ticket, by=by)
    notify.ticket_resolved_notice(ticket, by=by)
    return ticket


@transaction.atomic
def ticket_close(*, ticket: Ticket, by: User) -> Ticket:
    """The owner closes a resolved ticket once it is followed up (回访): the tenant reached, or tried
    ``FOLLOW_UP_ATTEMPTS_TO_CLOSE`` times without an answer."""
    ticket = lock(ticket)
    _refuse_unless(may_direct(by, ticket))
    if not follow_up_done(ticket):
        raise DomainError(
            _(
                "A resolved ticket closes only after its follow-up: record the tenant's answer, or "
                "%(n)d attempts without one, first."
            )
            % {"n": FOLLOW_UP_ATTEMPTS_TO_CLOSE}
        )
    status_move(ticket, Ticket.Status.CLOSED, kind=TicketEvent.Kind.CLOSED, by=by)
    ticket.closed_at = timezone.now()
    ticket.save()
    return ticket


def reopen(
    ticket: Ticket, *, by: User, text: str, data: dict[str, Any] | None = None, resume: bool = False
) -> None:
    """Reopen a locked ticket: its resolution clock runs again from now; it is followed up again later.

    With ``resume`` the work goes straight back in progress (reopened on the way), to whoever was doing it.
    The last rating stays on the ticket (satisfaction counts it) until a new one replaces it.
    """
    to, via = (Ticket.Status.IN_PROGRESS, Ticket.Status.REOPENED) if resume else (Ticket.Status.REOPENED, "")
    status_move(ticket, to, kind=TicketEvent.Kind.REOPENED, by=by, text=text, data=data, via=via)
    now = timezone.now()
    ticket.resolved_at = ticket.closed_at = None
    ticket.followed_up_at, ticket.follow_up_channel = None, ""
    ticket.follow_up_attempts = 0
    ticket.resolution_due_at = resolution_due(
        start=now, category=ticket.category, building_id=ticket.building_id
    )
    ticket.reopened_count += 1
    ticket.save()


@transaction.atomic
def ticket_reopen(*, ticket: Ticket, by: User, reason: str) -> Ticket:
    """The problem is back or the tenant is not satisfied: the owner reopens the ticket with a reason."""
    ticket = lock(ticket)
    _refuse_unless(may_direct(by, ticket))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the ticket is reopened."), field="reason")
    reopen(ticket, by=by, text=reason)
    return ticket
