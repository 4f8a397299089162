"""The buttons of the ticket page: each posts one form, calls one service, and comes back to the ticket.

A refused form re-renders the ticket page with the message at its field and what was typed kept.
"""

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.errors import DomainError
from tenancy.access import role_required

from .. import forms, forms_followup, services
from ..models import Ticket
from ..permissions import RECEIVERS, TICKET_READERS
from .common import get_ticket_for_user, render_detail

Run = Callable[[Ticket, Any, dict[str, Any]], object]


def _act(
    request: HttpRequest, pk: int, *, form_name: str, form_class: type[django_forms.Form], run: Run, done: str
) -> HttpResponse:
    ticket = get_ticket_for_user(request, pk)
    form = form_class(request.POST, request.FILES or None)
    if form.is_valid():
        try:
            run(ticket, request.user, form.cleaned_data)
        except DomainError as error:
            forms.add_domain_error(form, error)
        except PermissionDenied as refusal:  # the ticket's own rule refused this user: said on the page
            form.add_error(None, str(refusal))
        else:
            messages.success(request, done)
            return redirect("servicedesk:ticket-detail", pk=pk)
    return render_detail(request, ticket, **{form_name: form})


def _act_button(
    request: HttpRequest, pk: int, *, run: Callable[[Ticket, Any], object], done: str
) -> HttpResponse:
    """A button without fields: a refusal (a rule, or the ticket's own rule refusing this user) comes back as
    an error message on the ticket page."""
    ticket = get_ticket_for_user(request, pk)
    try:
        run(ticket, request.user)
    except DomainError as error:
        messages.error(request, error.message)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done)
    return redirect("servicedesk:ticket-detail", pk=pk)


@require_POST
@role_required(*RECEIVERS)
def ticket_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk and management: acknowledge with a reply to the tenant; a portal ticket becomes yours."""
    return _act(
        request,
        pk,
        form_name="acknowledge_form",
        form_class=forms.AcknowledgeForm,
        run=lambda t, u, d: services.ticket_acknowledge(ticket=t, by=u, reply=d["reply"]),
        done=_("Acknowledged; the tenant has your reply."),
    )


@require_POST
@role_required(*RECEIVERS)
def ticket_handover_offer(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk and management (the owner, or a manager): offer the ticket to another receiver."""
    return _act(
        request,
        pk,
        form_name="handover_form",
        form_class=forms.HandoverForm,
        run=lambda t, u, d: services.ticket_handover_offer(ticket=t, by=u, to=d["to"], note=d["note"]),
        done=_("Hand-over offered; you own the ticket until it is accepted."),
    )


@require_POST
@role_required(*RECEIVERS)
def ticket_handover_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk and management (the person it was offered to): take over the ticket."""
    return _act_button(
        request,
        pk,
        run=lambda t, u: services.ticket_handover_accept(ticket=t, by=u),
        done=_("You own this ticket now."),
    )


@require_POST
@role_required(*RECEIVERS)
def ticket_handover_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk and management (the person offered it, or the owner withdrawing): decline the hand-over."""
    return _act_button(
        request,
        pk,
        run=lambda t, u: services.ticket_handover_decline(ticket=t, by=u),
        done=_("Hand-over declined."),
    )


@require_POST
@role_required(*RECEIVERS)
def ticket_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk (the owner) and management: route the work to a department and a person in it."""
    return _act(
        request,
        pk,
        form_name="assign_form",
        form_class=forms.AssignForm,
        run=lambda t, u, d: services.ticket_assign(
            ticket=t, by=u, department=d["department"], assignee=d["assignee"]
        ),
        done=_("Assigned."),
    )


@require_POST
@role_required(*TICKET_READERS)
def ticket_take(request: HttpRequest, pk: int) -> HttpResponse:
    """Any staff role in the ticket's department: assign the ticket to yourself."""
    return _act_button(
        request,
        pk,
        run=lambda t, u: services.ticket_assign(ticket=t, by=u, department=t.department, assignee=u),
        done=_("The ticket is assigned to you."),
    )


@require_POST
@role_required(*TICKET_READERS)
def ticket_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Its owner, its assignee, its department, or management: work begins."""
    return _act_button(
        request,
        pk,
        run=lambda t, u: services.ticket_start(ticket=t, by=u),
        done=_("Work started."),
    )


@require_POST
@role_required(*TICKET_READERS)
def ticket_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """All staff roles on the tickets they may see: a comment or photos, internal or shown to the tenant."""
    return _act(
        request,
        pk,
        form_name="comment_form",
        form_class=forms.CommentForm,
        run=lambda t, u, d: services.ticket_comment(
            ticket=t, by=u, text=d["text"], public=d["public"], photos=d["photos"]
        ),
        done=_("Added to the timeline."),
    )


@require_POST
@role_required(*TICKET_READERS)
def ticket_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """Its owner, its assignee, its department, or management: the work is done."""
    return _act(
        request,
        pk,
        form_name="resolve_form",
        form_class=forms.ResolveForm,
        run=lambda t, u, d: services.ticket_resolve(
            ticket=t, by=u, resolution=d["resolution"], cause=d["cause"]
        ),
        done=_("Resolved; the tenant is asked to rate it."),
    )


@require_POST
@role_required(*RECEIVERS)
def ticket_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk (the owner) and management: close a resolved ticket."""
    return _act_button(
        request,
        pk,
        run=lambda t, u: services.ticket_close(ticket=t, by=u),
        done=_("Closed."),
    )


@require_POST
@role_required(*RECEIVERS)
def ticket_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk (the owner) and management: reopen a resolved or closed ticket, with a reason."""
    return _act(
        request,
        pk,
        form_name="reopen_form",
        form_class=forms.ReopenForm,
        run=lambda t, u, d: services.ticket_reopen(ticket=t, by=u, reason=d["reason"]),
        done=_("Reopened."),
    )


@require_POST
@role_required(*RECEIVERS)
def ticket_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk and management: record a follow-up call or visit (回访), reached or not."""
    return _act(
        request,
        pk,
        form_name="follow_up_form",
        form_class=forms_followup.FollowUpForm,
        run=lambda t, u, d: services.ticket_follow_up_record(
            ticket=t,
            by=u,
            channel=d["channel"],
            reached=d["reached"],
            outcome=d["outcome"],
            rating=d["rating"],
        ),
        done=_("Follow-up recorded."),
    )


@require_POST
@role_required(*TICKET_READERS)
def ticket_quote(request: HttpRequest, pk: int) -> HttpResponse:
    """Its owner, its assignee, its department, or management: offer the tenant a price for a paid service."""
    return _act(
        request,
        pk,
        form_name="quote_form",
        form_class=forms.QuoteForm,
        run=lambda t, u, d: services.ticket_quote_offer(ticket=t, by=u, amount=d["amount"], text=d["text"]),
        done=_("Quote sent to the tenant."),
    )
