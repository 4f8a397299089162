"""Staff ticket pages: the list, receiving a ticket, the ticket page and its photos."""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_tables2 import RequestConfig

from documents.actors import AnyUser, AuthenticatedRequest
from documents.errors import DomainError
from tenancy.access import role_required
from tenancy.scope import scope, tenant_scope

from .. import selectors, services
from ..filters import TicketFilter
from ..forms import AssignForm, TicketForm, add_domain_error
from ..models import Ticket
from ..permissions import RECEIVERS, TICKET_READERS, is_receiver
from ..tables import TicketTable
from .common import get_ticket_for_user, photo_response, render_detail

PER_PAGE = 25
PER_PAGE_CHOICES = (25, 50, 100)


def _per_page(request: HttpRequest) -> int:
    try:
        value = int(request.GET.get("per_page", PER_PAGE))
    except ValueError:
        return PER_PAGE
    return value if value in PER_PAGE_CHOICES else PER_PAGE


@role_required(*TICKET_READERS)
def ticket_list(request: HttpRequest) -> HttpResponse:
    """All staff roles: front desk and management see every ticket, other departments theirs."""
    filterset = TicketFilter(
        request.GET or None, queryset=selectors.ticket_list(request.user), request=request
    )
    queryset: QuerySet[Ticket] = filterset.qs if filterset.is_bound else filterset.queryset
    table = TicketTable(queryset)
    RequestConfig(request, paginate={"per_page": _per_page(request)}).configure(table)
    context = {
        "filter": filterset,
        "table": table,
        "can_create": is_receiver(request.user),
        "per_page_choices": PER_PAGE_CHOICES,
    }
    return render(request, "servicedesk/ticket_list.html", context)


def _scope_choices(form: TicketForm, user: AnyUser) -> None:
    """A desk receives tickets for its own buildings, their units and the tenants it sees."""
    fields: Any = form.fields
    fields["building"].queryset = scope(fields["building"].queryset, user, "")
    fields["unit"].queryset = scope(fields["unit"].queryset, user, "building")
    fields["tenant"].queryset = tenant_scope(fields["tenant"].queryset, user)


@role_required(*RECEIVERS)
def ticket_create(request: AuthenticatedRequest) -> HttpResponse:
    """Front desk and management: whoever receives the ticket owns it (首问负责制)."""
    form = TicketForm(request.POST or None, request.FILES or None)
    _scope_choices(form, request.user)
    if request.method == "POST" and form.is_valid():
        try:
            ticket = services.ticket_create(by=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Ticket %(ref)s received; you own it.") % {"ref": ticket.reference})
            return redirect("servicedesk:ticket-detail", pk=ticket.pk)
    return render(request, "servicedesk/ticket_form.html", {"form": form})


@require_GET
@role_required(*TICKET_READERS)
def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """All staff roles, for the tickets they may see (others 403): clocks, the whole timeline, actions."""
    return render_detail(request, get_ticket_for_user(request, pk))


@require_GET
@role_required(*TICKET_READERS)
def ticket_photo(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    """All staff roles, for the tickets they may see: a photo of the ticket, shown inline."""
    ticket = get_ticket_for_user(request, pk)
    return photo_response(selectors.ticket_photo(ticket, document_pk, public_only=False))


@require_GET
@role_required(*RECEIVERS)
def assignee_options(request: HttpRequest) -> HttpResponse:
    """Front desk and management: the people of a department, as the assign form's person options."""
    form = AssignForm(initial={"department": request.GET.get("department", "")})
    return render(request, "servicedesk/_assignee_options.html", {"field": form.fields["assignee"]})
