"""Follow-up (回访): the tenant's rating in the portal, or the desk's call or visit.

A resolved ticket closes only when it is followed up: the tenant rates it in the portal, or the desk
reaches the tenant and records the rating. After ``FOLLOW_UP_ATTEMPTS_TO_CLOSE`` recorded attempts that did
not reach the tenant, the daily clock closes it once the follow-up days (in which the tenant may still rate
it or report it not fixed in the portal) are over. A ticket nobody followed up stays in the desk's queue.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from tenancy.access import portal_role_check, require_role
from tenancy.people import display_name
from tenancy.portal_roles import OPERATIONS_ACTORS

from .. import notify
from ..models import FollowUp, Ticket, TicketEvent
from ..permissions import RECEIVERS, owner_manager
from ._base import event_add, lock, status_move
from .workflow import FOLLOW_UP_ATTEMPTS_TO_CLOSE, reopen

POOR_RATINGS = frozenset({1, 2})


def _check_rating(rating: Any) -> int:
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise DomainError(_("Rate it from 1 (very poor) to 5 (very good)."), field="rating")
    return rating


def _apply_rating(ticket: Ticket, *, by: User, rating: int, comment: str, channel: str) -> Ticket:
    """Record the rating; 3 to 5 closes the ticket, 1 or 2 reopens it to its owner's manager."""
    if ticket.status != Ticket.Status.RESOLVED:
        raise DomainError(_("Only a resolved ticket is rated."), field="rating")
    now = timezone.now()
    ticket.rating, ticket.rating_comment = rating, comment.strip()
    ticket.followed_up_at, ticket.follow_up_channel = now, channel
    kind = TicketEvent.Kind.RATED if channel == Ticket.Channel.PORTAL else TicketEvent.Kind.FOLLOWED_UP
    data = {"rating": rating, "channel": channel}
    event_add(ticket, kind, by=by, public=True, text=ticket.rating_comment, data=data)
    if rating not in POOR_RATINGS:
        status_move(ticket, Ticket.Status.CLOSED, kind=TicketEvent.Kind.CLOSED, by=by)
        ticket.closed_at = now
        ticket.save()
        return ticket
    manager = owner_manager(ticket)
    data = {
        "rating": rating,
        "manager": display_name(manager) if manager else "",
    }
    reopen(ticket, by=by, text=ticket.rating_comment, data=data)
    if manager is not None and manager.pk != ticket.owner_id:
        # The one exception to first-responder ownership the rules name: a poor rating goes to the manager.
        ticket.owner, ticket.pending_owner = manager, None
        ticket.save(update_fields=["owner", "pending_owner", "updated_at"])
    notify.reopened_to_manager_mail(ticket, manager=manager, rating=rating)
    return ticket


@transaction.atomic
def ticket_rate(*, ticket: Ticket, by: User, rating: Any, comment: str = "") -> Ticket:
    """The tenant rates a resolved ticket from 1 to 5 in the portal."""
    rating = _check_rating(rating)
    ticket = lock(ticket)
    membership = getattr(by, "tenant_membership", None)
    if by.is_staff or membership is None or membership.tenant_id != ticket.tenant_id:
        raise DomainError(_("Only the tenant who reported it rates a ticket."))
    portal_role_check(by, OPERATIONS_ACTORS)  # as the portal's rating button: not finance or read-only people
    return _apply_rating(ticket, by=by, rating=rating, comment=comment, channel=Ticket.Channel.PORTAL)


def reopen_window_open(ticket: Ticket, now: datetime | None = None) -> bool:
    """A resolved ticket may be reported not fixed within ``SERVICE_FOLLOW_UP_DAYS`` of its resolution."""
    if ticket.status != Ticket.Status.RESOLVED or ticket.resolved_at is None:
        return False
    now = now or timezone.now()
    return ticket.resolved_at >= now - timedelta(days=settings.SERVICE_FOLLOW_UP_DAYS)


@transaction.atomic
def ticket_not_fixed(*, ticket: Ticket, by: User, comment: str) -> Ticket:
    """The tenant reports a resolved repair not fixed, within the follow-up window and saying what is wrong:
    the ticket goes back in progress to its owner and assignee, and its resolution clock restarts."""
    ticket = lock(ticket)
    membership = getattr(by, "tenant_membership", None)
    if by.is_staff or membership is None or membership.tenant_id != ticket.tenant_id:
        raise DomainError(_("Only the tenant who reported it can say it is not fixed."))
    if ticket.status != Ticket.Status.RESOLVED:
        raise DomainError(_("Only a resolved request can be reported not fixed."), field="comment")
    if not reopen_window_open(ticket):
        raise DomainError(
            _(
                "More than %(days)d days have passed since it was resolved: "
                "please report the problem as a new request."
            )
            % {"days": settings.SERVICE_FOLLOW_UP_DAYS},
            field="comment",
        )
    comment = (comment or "").strip()
    if not comment:
        raise DomainError(_("Tell us what is still not right."), field="comment")
    reopen(ticket, by=by, text=comment, data={"not_fixed": True}, resume=True)
    notify.not_fixed_mail(ticket, comment=comment)
    return ticket


def _check_follow_up(*, channel: Any, reached: Any, outcome: Any, rating: Any) -> tuple[str, int | None]:
    """The outcome, and the rating when the tenant was reached; each refusal names its field."""
    if channel not in FollowUp.Channel.values:
        raise DomainError(_("Choose how the follow-up was made: by phone or on a visit."), field="channel")
    if not isinstance(reached, bool):
        raise DomainError(_("Say whether the tenant was reached."), field="reached")
    outcome = (outcome or "").strip() if isinstance(outcome, str) else ""
    if not outcome:
        raise DomainError(
            _("Write the outcome: what the tenant said, or that nobody answered."), field="outcome"
        )
    if not reached:
        if rating not in (None, ""):
            raise DomainError(_("A tenant who was not reached gives no rating."), field="rating")
        return outcome, None
    return outcome, _check_rating(rating)


@transaction.atomic
def ticket_follow_up_record(
    *, ticket: Ticket, by: User, channel: str, reached: bool, outcome: str, rating: Any = None
) -> FollowUp:
    """The desk records a follow-up call or visit of a resolved ticket. Reached, the tenant's rating counts as
    a portal rating would (3 to 5 closes it, 1 or 2 reopens it); not reached, it is one more attempt."""
    outcome, rating = _check_follow_up(channel=channel, reached=reached, outcome=outcome, rating=rating)
    ticket = lock(ticket)
    require_role(by, RECEIVERS, _("Only the front desk or management record a follow-up."))
    if ticket.status != Ticket.Status.RESOLVED:
        raise DomainError(_("Only a resolved ticket is followed up."), field="outcome")
    follow_up = FollowUp.objects.create(
        ticket=ticket, channel=channel, reached=reached, outcome=outcome, rating=rating, by=by
    )
    if rating is not None:
        _apply_rating(ticket, by=by, rating=rating, comment=outcome, channel=channel)
        return follow_up
    ticket.follow_up_attempts += 1
    ticket.save(update_fields=["follow_up_attempts", "updated_at"])
    data = {"channel": channel, "attempt": ticket.follow_up_attempts}
    event_add(ticket, TicketEvent.Kind.FOLLOW_UP_ATTEMPT, by=by, text=outcome, data=data)
    return follow_up


def follow_up_closable_q(now: datetime) -> Q:
    """Resolved tickets the clock may close: followed up, or tried ``FOLLOW_UP_ATTEMPTS_TO_CLOSE`` times
    without an answer, and past the follow-up days."""
    cutoff = now - timedelta(days=settings.SERVICE_FOLLOW_UP_DAYS)
    answered = Q(followed_up_at__isnull=False) | Q(follow_up_attempts__gte=FOLLOW_UP_ATTEMPTS_TO_CLOSE)
    return Q(status=Ticket.Status.RESOLVED, resolved_at__lt=cutoff) & answered


@transaction.atomic
def tickets_auto_close(*, now: datetime | None = None) -> int:
    """Daily: close the resolved tickets that are followed up or were tried three times without an answer,
    once the follow-up days are over; a ticket nobody followed up stays open. A second run does nothing."""
    now = now or timezone.now()
    due = Ticket.objects.select_for_update(skip_locked=True).filter(follow_up_closable_q(now))
    rows = list(due.values_list("pk", "follow_up_attempts"))
    if not rows:
        return 0
    ids = [pk for pk, _attempts in rows]
    Ticket.LIFECYCLE.movable(Ticket.objects.filter(pk__in=ids), Ticket.Status.CLOSED).update(
        status=Ticket.Status.CLOSED, closed_at=now, updated_at=now
    )
    TicketEvent.objects.bulk_create(
        TicketEvent(
            ticket_id=pk,
            kind=TicketEvent.Kind.AUTO_CLOSED,
            public=True,
            created_at=now,
            data={"attempts": attempts},
            status_from=Ticket.Status.RESOLVED,
            status_to=Ticket.Status.CLOSED,
        )
        for pk, attempts in rows
    )
    return len(rows)
