"""The tenant's side of the service desk: file a ticket with photos, follow its public timeline, comment,
answer a quote and rate the result. Every view is a ``portal_view`` and reads only through ``for_tenant``:
another tenant's ticket is a 404.
"""

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from documents.errors import DomainError
from tenancy.access import PortalRequest, for_tenant, portal_view
from tenancy.people import display_name
from tenancy.portal_roles import OPERATIONS_ACTORS, OPERATIONS_READERS

from . import selectors, services
from .forms import NotFixedForm, PortalCommentForm, PortalTicketForm, RatingForm, add_domain_error
from .models import Ticket
from .views.common import photo_response

PAGE_SIZE = 20


def _get_ticket(request: HttpRequest, pk: int) -> Ticket:
    """The tenant's own ticket, or 404."""
    return get_object_or_404(for_tenant(request, selectors.portal_ticket_list()), pk=pk)


def _initial_contact(request: PortalRequest) -> dict[str, str]:
    user = request.user
    contact = request.tenant.contacts.filter(email__iexact=user.email).first() if user.email else None
    if contact is not None:
        return {"contact_name": contact.name, "contact_phone": contact.mobile}
    return {"contact_name": display_name(user)}


@require_GET
@portal_view(roles=OPERATIONS_READERS)
def portal_ticket_list(request: HttpRequest) -> HttpResponse:
    """Portal users of the tenant only: their tenant's tickets, newest first."""
    page = Paginator(for_tenant(request, selectors.portal_ticket_list()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "servicedesk/portal/ticket_list.html", {"page": page, "tickets": page.object_list})


@portal_view(roles=OPERATIONS_ACTORS)
def portal_ticket_create(request: PortalRequest) -> HttpResponse:
    """Portal users of the tenant only: report a problem or ask for a service, with photos."""
    form = PortalTicketForm(
        request.POST or None,
        request.FILES or None,
        initial=_initial_contact(request),
        tenant=request.tenant,
    )
    if request.method == "POST" and form.is_valid():
        try:
            ticket = services.ticket_create(
                by=request.user,
                tenant=request.tenant,
                channel=Ticket.Channel.PORTAL,
                **form.cleaned_data,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Thank you. Your request %(ref)s is with the front desk.") % {"ref": ticket.reference},
            )
            return redirect("portal:ticket-detail", pk=ticket.pk)
    return render(request, "servicedesk/portal/ticket_form.html", {"form": form})


def _render_detail(request: HttpRequest, ticket: Ticket, **bound: Any) -> HttpResponse:
    context = {
        "ticket": ticket,
        "timeline": selectors.timeline(ticket, public_only=True),
        "comment_form": bound.get("comment_form") or PortalCommentForm(),
        "rating_form": bound.get("rating_form") or RatingForm(),
        "can_comment": ticket.status != Ticket.Status.CLOSED,
        "not_fixed_form": bound.get("not_fixed_form") or NotFixedForm(),
        "can_rate": ticket.status == Ticket.Status.RESOLVED,
        "can_reopen": services.reopen_window_open(ticket),
        "can_answer_quote": ticket.is_open and ticket.quote_status == Ticket.QuoteStatus.OFFERED,
    }
    return render(request, "servicedesk/portal/ticket_detail.html", context)


@require_GET
@portal_view(roles=OPERATIONS_READERS)
def portal_ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: the ticket and its public timeline (never the internal notes)."""
    return _render_detail(request, _get_ticket(request, pk))


def _post(
    request: HttpRequest,
    pk: int,
    form_name: str,
    form_class: type[django_forms.Form],
    run: Callable[[Ticket, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    ticket = _get_ticket(request, pk)
    form = form_class(request.POST, request.FILES or None)
    if form.is_valid():
        try:
            run(ticket, form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, done)
            return redirect("portal:ticket-detail", pk=pk)
    return _render_detail(request, ticket, **{form_name: form})


@require_POST
@portal_view(roles=OPERATIONS_ACTORS)
def portal_ticket_comment(request: PortalRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: add a comment or photos (closed tickets take none)."""
    return _post(
        request,
        pk,
        "comment_form",
        PortalCommentForm,
        lambda t, d: services.ticket_comment(ticket=t, by=request.user, text=d["text"], photos=d["photos"]),
        _("Your comment is on the ticket."),
    )


@require_POST
@portal_view(roles=OPERATIONS_ACTORS)
def portal_ticket_rate(request: PortalRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: rate a resolved ticket from 1 to 5."""
    return _post(
        request,
        pk,
        "rating_form",
        RatingForm,
        lambda t, d: services.ticket_rate(
            ticket=t, by=request.user, rating=d["rating"], comment=d["comment"]
        ),
        _("Thank you for your rating."),
    )


@require_POST
@portal_view(roles=OPERATIONS_ACTORS)
def portal_ticket_not_fixed(request: PortalRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: a resolved repair is not fixed; reopen it, saying what is wrong."""
    return _post(
        request,
        pk,
        "not_fixed_form",
        NotFixedForm,
        lambda t, d: services.ticket_not_fixed(ticket=t, by=request.user, comment=d["comment"]),
        _("Thank you. The request is reopened and back with the people working on it."),
    )


def _quote_answer(request: HttpRequest, pk: int, service: Callable[..., object], done: str) -> HttpResponse:
    ticket = _get_ticket(request, pk)
    try:
        service(ticket=ticket, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("portal:ticket-detail", pk=pk)


@require_POST
@portal_view(roles=OPERATIONS_ACTORS)
def portal_quote_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: accept the quote of a paid service; the work can start."""
    return _quote_answer(
        request, pk, services.ticket_quote_accept, _("Quote accepted. We will start the work.")
    )


@require_POST
@portal_view(roles=OPERATIONS_ACTORS)
def portal_quote_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: decline the quote of a paid service."""
    return _quote_answer(request, pk, services.ticket_quote_decline, _("Quote declined."))


@require_GET
@portal_view(roles=OPERATIONS_READERS)
def portal_ticket_photo(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    """Portal users of the tenant only: a photo on the ticket's public timeline."""
    ticket = _get_ticket(request, pk)
    return photo_response(selectors.ticket_photo(ticket, document_pk, public_only=True))
