"""The front desk's follow-up queue (回访) and tenant visits (走访): plan, list, record, issues to tickets."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from tenancy.access import role_required
from tenancy.scope import tenant_scope

from .. import selectors
from ..forms import add_domain_error
from ..forms_followup import IssueTicketForm, VisitPlanForm, VisitRecordForm
from ..models import TenantVisit, VisitIssue
from ..permissions import RECEIVERS, VISITORS, is_receiver
from ..services import FOLLOW_UP_ATTEMPTS_TO_CLOSE
from ..services.visits import visit_issue_ticket_create, visit_plan, visit_record

PAGE_SIZE = 50
VISIT_TABS = ("due", "overdue", "done")


@require_GET
@role_required(*RECEIVERS)
def follow_up_queue(request: HttpRequest) -> HttpResponse:
    """Front desk and management: resolved tickets waiting for their follow-up, the longest waiting first."""
    page = Paginator(selectors.follow_up_queue(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "tickets": page.object_list,
        "now": timezone.now(),
        "attempts_to_close": FOLLOW_UP_ATTEMPTS_TO_CLOSE,
    }
    return render(request, "servicedesk/follow_up_queue.html", context)


def _visits(request: HttpRequest, tab: str) -> object:
    """The visits of the tab, to tenants of the user's buildings."""
    today = timezone.localdate()
    visits = tenant_scope(
        TenantVisit.objects.select_related("tenant", "visitor", "visited_by"), request.user, "tenant"
    )
    if tab == "done":
        return visits.filter(status=TenantVisit.Status.DONE).order_by("-visited_on", "-pk")
    planned = visits.filter(status=TenantVisit.Status.PLANNED)
    if tab == "overdue":
        return planned.filter(planned_on__lt=today)
    return planned


@role_required(*VISITORS)
def visit_list(request: AuthenticatedRequest) -> HttpResponse:
    """Front desk, business and management: planned visits (overdue ones marked), overdue only, or done; and
    the form to plan one."""
    tab = request.GET.get("tab", "due")
    tab = tab if tab in VISIT_TABS else "due"
    form = VisitPlanForm(request.POST or None)
    tenant_field = form.fields["tenant"]
    tenant_field.queryset = tenant_scope(tenant_field.queryset, request.user)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        year, quarter = form.cleaned_data["quarter"]
        try:
            visit = visit_plan(
                tenant=form.cleaned_data["tenant"],
                year=year,
                quarter=quarter,
                planned_on=form.cleaned_data["planned_on"],
                visitor=form.cleaned_data["visitor"],
                by=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Visit to %(tenant)s planned.") % {"tenant": visit.tenant.name})
            return redirect("servicedesk:visit-list")
    page = Paginator(_visits(request, tab), PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    today = timezone.localdate()
    planned = TenantVisit.objects.filter(status=TenantVisit.Status.PLANNED, planned_on__lt=today)
    overdue = tenant_scope(planned, request.user, "tenant").count()
    context = {"page": page, "visits": page.object_list, "tab": tab, "form": form, "today": today}
    context["overdue_count"] = overdue
    return render(request, "servicedesk/visit_list.html", context)


def _render_visit(
    request: HttpRequest, visit: TenantVisit, form: VisitRecordForm | None = None, **extra: object
) -> HttpResponse:
    issues = list(visit.issues.select_related("ticket"))
    context = {
        "visit": visit,
        "issues": issues,
        "form": form or VisitRecordForm(initial={"visited_on": timezone.localdate()}),
        "can_create_tickets": is_receiver(request.user),
        "ticket_forms": {
            issue.pk: extra.get(f"issue_form_{issue.pk}") or IssueTicketForm() for issue in issues
        },
        "today": timezone.localdate(),
    }
    return render(request, "servicedesk/visit_detail.html", context)


@role_required(*VISITORS)
def visit_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, business and management: a visit, and the form recording it as done."""
    visits = TenantVisit.objects.select_related("tenant", "visitor", "visited_by")
    visit = get_object_or_404(tenant_scope(visits, request.user, "tenant"), pk=pk)
    form = VisitRecordForm(request.POST or None) if request.method == "POST" else None
    if form is not None and form.is_valid():
        try:
            visit_record(visit=visit, by=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Visit recorded."))
            return redirect("servicedesk:visit-detail", pk=pk)
    return _render_visit(request, visit, form)


@require_POST
@role_required(*RECEIVERS)
def visit_issue_ticket(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk and management: turn an issue raised on a visit into a ticket they receive and own."""
    issues = tenant_scope(VisitIssue.objects.select_related("visit"), request.user, "visit__tenant")
    issue = get_object_or_404(issues, pk=pk)
    form = IssueTicketForm(request.POST)
    if form.is_valid():
        try:
            ticket = visit_issue_ticket_create(issue=issue, by=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Ticket %(ref)s received; you own it.") % {"ref": ticket.reference})
            return redirect("servicedesk:ticket-detail", pk=ticket.pk)
    return _render_visit(request, issue.visit, None, **{f"issue_form_{issue.pk}": form})
