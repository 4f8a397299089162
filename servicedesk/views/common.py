"""What the staff ticket pages share: loading a ticket for this user, and the detail page with its forms."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from documents.actors import AnyUser
from documents.models import Document
from documents.views import stream_or_404, streamed_file_response

from .. import forms, forms_followup, selectors
from ..clocks import ticket_clocks
from ..models import Ticket
from ..permissions import is_receiver, is_supervisor, may_direct, may_see, may_work_on, user_departments
from ..services.workflow import follow_up_done

# The forms of the detail page, by the name the template uses.
DETAIL_FORMS: dict[str, type] = {
    "acknowledge_form": forms.AcknowledgeForm,
    "handover_form": forms.HandoverForm,
    "assign_form": forms.AssignForm,
    "comment_form": forms.CommentForm,
    "resolve_form": forms.ResolveForm,
    "reopen_form": forms.ReopenForm,
    "follow_up_form": forms_followup.FollowUpForm,
    "quote_form": forms.QuoteForm,
}


def get_ticket_for_user(request: HttpRequest, pk: int) -> Ticket:
    """The ticket, 404 when it does not exist or is another building's, 403 when it is not this user's
    department's."""
    ticket = selectors.ticket_get(pk, request.user)
    if not may_see(request.user, ticket):
        raise PermissionDenied
    return ticket


def ticket_actions(user: AnyUser, ticket: Ticket) -> dict[str, bool]:
    """Which buttons this user sees on this ticket (the services check again)."""
    status = ticket.status
    directs = may_direct(user, ticket)
    works = may_work_on(user, ticket)
    open_ = ticket.is_open
    paid = ticket.kind == Ticket.Kind.PAID_SERVICE
    quote_ok = not paid or ticket.quote_status == Ticket.QuoteStatus.ACCEPTED
    in_department = bool(ticket.department) and ticket.department in user_departments(user)
    return {
        "can_acknowledge": status == Ticket.Status.NEW and is_receiver(user) and directs,
        "can_handover": open_
        and ticket.owner_id is not None
        and (user.pk == ticket.owner_id or is_supervisor(user)),
        "is_offered": ticket.pending_owner_id == user.pk,
        "can_withdraw": ticket.pending_owner_id is not None and user.pk == ticket.owner_id,
        "can_assign": open_ and status != Ticket.Status.NEW and directs,
        "can_take": open_ and in_department and ticket.assignee_id is None,
        "can_start": status in (Ticket.Status.ACKNOWLEDGED, Ticket.Status.REOPENED) and works and quote_ok,
        "can_resolve": status
        in (Ticket.Status.ACKNOWLEDGED, Ticket.Status.IN_PROGRESS, Ticket.Status.REOPENED)
        and works
        and quote_ok,
        "can_close": status == Ticket.Status.RESOLVED and directs and follow_up_done(ticket),
        "can_reopen": status in (Ticket.Status.RESOLVED, Ticket.Status.CLOSED) and directs,
        "can_follow_up": status == Ticket.Status.RESOLVED and is_receiver(user),
        "can_quote": paid and open_ and works and ticket.quote_status != Ticket.QuoteStatus.ACCEPTED,
        "can_comment": status != Ticket.Status.CLOSED,
    }


def render_detail(request: HttpRequest, ticket: Ticket, **bound: Any) -> HttpResponse:
    """The ticket page; a refused form comes bound, so its errors show at its fields and nothing is lost."""
    context: dict[str, Any] = {
        name: bound.get(name) or form_class() for name, form_class in DETAIL_FORMS.items()
    }
    if "assign_form" not in bound and ticket.department:
        context["assign_form"] = forms.AssignForm(
            initial={"department": ticket.department, "assignee": ticket.assignee_id}
        )
    elif "assign_form" not in bound and ticket.category.department:
        context["assign_form"] = forms.AssignForm(initial={"department": ticket.category.department})
    now = timezone.now()
    context.update(
        ticket=ticket,
        now=now,
        clocks=[(clock, clock.state(now)) for clock in ticket_clocks(ticket)],
        timeline=selectors.timeline(ticket, public_only=False),
        open_form=next(iter(bound), ""),
        **ticket_actions(request.user, ticket),
    )
    return render(request, "servicedesk/ticket_detail.html", context)


def photo_response(document: Document) -> FileResponse:
    """A stored photo shown inline (never guessed by the browser)."""
    response = streamed_file_response(stream_or_404(document.file_path), content_type=document.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response
