"""Visit pages: the list, opening move-in and move-out visits, the visit page (pre-inspections, sheets,
rectification items, freight-lift booking) and completing a move-in."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from documents.access import staff_downloadable_ids
from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.lists import table_page
from documents.models import Document
from tenancy.access import role_required, user_roles
from tenancy.forms import add_domain_error
from tenancy.people import display_name
from tenancy.roles import Role
from tenancy.scope import scope

from .. import selectors, services
from ..filters import VisitFilter
from ..forms import BookingForm, MoveInOpenForm, MoveOutOpenForm, PreInspectionForm
from ..models import PreInspection, Visit
from ..permissions import HANDOVER_STAFF, INSPECTORS, RECTIFIERS, VISIT_OPENERS, VISIT_VIEWERS, may_inspect
from ..tables import PreInspectionTable, VisitTable
from .common import get_visit
from .keys import keys_context


@require_GET
@role_required(*VISIT_VIEWERS)
def visit_list(request: HttpRequest) -> HttpResponse:
    """Front desk, business, finance, engineering, security, management: every visit, filtered, sorted,
    paginated and exported; engineering and security see their pre-inspection tasks above it."""
    filterset = VisitFilter(
        request.GET or None, queryset=scope(selectors.visit_list(), request.user, "unit__building")
    )
    table = VisitTable(filterset.qs if filterset.is_bound else filterset.queryset)
    if export := table_page(request, table, filename="handover-visits", per_page=25):
        return export
    roles = user_roles(request.user)
    # Engineering and security find their pre-inspection tasks here, first thing, every one of them.
    departments = roles & {Role.ENGINEERING, Role.SECURITY}
    tasks = PreInspectionTable(
        scope(selectors.pre_inspections_due(departments), request.user, "visit__unit__building"),
        prefix="tasks-",
    )
    if export := table_page(request, tasks, filename="pre-inspections"):
        return export
    context = {
        "filter": filterset,
        "table": table,
        "can_open": bool(roles & set(VISIT_OPENERS)),
        "tasks": tasks if departments else None,
        "today": timezone.localdate(),
    }
    return render(request, "handover/visit_list.html", context)


def _opened(request: HttpRequest, visits: list[Visit]) -> HttpResponse:
    count = len(visits)
    messages.success(request, ngettext("%(n)d visit opened.", "%(n)d visits opened.", count) % {"n": count})
    return redirect("handover:visit-detail", pk=visits[0].pk)


@role_required(*VISIT_OPENERS)
def visit_open_move_in(request: AuthenticatedRequest) -> HttpResponse:
    """Front desk, management: open the move-in visits of a signed lease (one per unit)."""
    form = MoveInOpenForm(
        request.POST or None, leases=scope(selectors.leases_awaiting_move_in(), request.user, "building")
    )
    if request.method == "POST" and form.is_valid():
        try:
            visits = services.visits_open_move_in(by=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _opened(request, visits)
    title = _("Open a move-in visit")
    return render(request, "handover/visit_open.html", {"form": form, "title": title})


@role_required(*VISIT_OPENERS)
def visit_open_move_out(request: AuthenticatedRequest) -> HttpResponse:
    """Front desk, management: open the move-out visits of a lease from its move-out notice."""
    form = MoveOutOpenForm(
        request.POST or None,
        notices=scope(selectors.notices_awaiting_move_out(), request.user, "lease__building"),
        leases=scope(selectors.leases_moving_out_without_notice(), request.user, "building"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            visits = services.visits_open_move_out(by=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _opened(request, visits)
    title = _("Open a move-out visit")
    return render(request, "handover/visit_open.html", {"form": form, "title": title})


def _openable(request: HttpRequest, documents: dict[int, Document]) -> dict[int, Document]:
    """The sheets' PDFs this user may open (an archived tenant's: the roles with the archive right)."""
    allowed = staff_downloadable_ids(user=request.user, ids=[d.pk for d in documents.values()])
    return {sheet_pk: document for sheet_pk, document in documents.items() if document.pk in allowed}


def _move_in_due(visit: Visit) -> list[str]:
    """An open move-in's reasons it cannot complete yet (signatures, pre-inspection findings)."""
    if visit.kind != Visit.Kind.MOVE_IN or not visit.is_open:
        return []
    return services.move_in_still_due(visit)


def render_detail(request: HttpRequest, visit: Visit, **forms: object) -> HttpResponse:
    sheets = selectors.current_sheets(visit)
    roles = user_roles(request.user)
    tasks = list(selectors.visit_pre_inspections(visit))
    versions = selectors.findings_versions(tasks)
    context = {
        "visit": visit,
        "sheets": sheets,
        "documents": _openable(request, selectors.sheet_documents(list(sheets.values()))),
        "tasks": [
            (t, may_inspect(request.user, t.department), display_name(t.done_by), versions[t.pk])
            for t in tasks
        ],
        "task_form": forms.get("task_form") or PreInspectionForm(),
        "failed_task": forms.get("failed_task"),
        "rectifications": selectors.rectification_list().filter(visit=visit),
        "bookings": visit.bookings.all(),
        "booking_form": forms.get("booking_form") or BookingForm(),
        "charges": selectors.damage_charges_for(visit) if visit.kind == Visit.Kind.MOVE_OUT else [],
        "can_edit": bool(roles & set(HANDOVER_STAFF)),
        "can_fix": bool(roles & set(RECTIFIERS)),
        "can_confirm": bool(roles & set(HANDOVER_STAFF)),
        "history": selectors.sheet_history(visit).filter(status="superseded"),
        "today": timezone.localdate(),
        "move_in_due": _move_in_due(visit),
        **keys_context(request, visit, **forms),
    }
    return render(request, "handover/visit_detail.html", context, status=forms.get("status", 200))  # type: ignore[arg-type]


@require_GET
@role_required(*VISIT_VIEWERS)
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk, business, finance, engineering, security, management: the visit in one page."""
    return render_detail(request, get_visit(request, pk))


@require_POST
@role_required(*INSPECTORS)
def pre_inspection_record(request: AuthenticatedRequest, pk: int, task_pk: int) -> HttpResponse:
    """Engineering, security (each its own task), management: record the pre-inspection findings."""
    visit = get_visit(request, pk)
    task = get_object_or_404(PreInspection, pk=task_pk, visit=visit)
    if not may_inspect(request.user, task.department):
        raise PermissionDenied(_("Only the department the task is for may record its findings."))
    form = PreInspectionForm(request.POST, instance=task)
    if form.is_valid():
        try:
            services.pre_inspection_record(task=task, findings=form.cleaned_data["findings"], by=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Findings recorded."))
            return redirect("handover:visit-detail", pk=visit.pk)
    return render_detail(request, visit, task_form=form, failed_task=task.pk)


@require_GET
@role_required(*VISIT_VIEWERS)
def pre_inspection_print(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk, business, finance, engineering, security, management: the visit's findings, to print."""
    visit = get_visit(request, pk)
    tasks = list(selectors.visit_pre_inspections(visit))
    versions = selectors.findings_versions(tasks)
    context = {"visit": visit, "tasks": [(t, versions[t.pk]) for t in tasks], "printed_at": timezone.now()}
    return render(request, "handover/pre_inspections_print.html", context)


@require_POST
@role_required(*HANDOVER_STAFF)
def booking_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, engineering, management: reserve the freight lift in the relocation register."""
    visit = get_visit(request, pk)
    form = BookingForm(request.POST)
    if form.is_valid():
        try:
            services.relocation_book(visit=visit, by=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The freight lift is booked."))
            return redirect("handover:visit-detail", pk=visit.pk)
    return render_detail(request, visit, booking_form=form)


@require_POST
@role_required(*HANDOVER_STAFF)
def visit_complete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, engineering, management: close a move-in visit once its sheets are signed."""
    visit = get_visit(request, pk)
    try:
        services.visit_complete_move_in(visit=visit, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The move-in visit is completed."))
    return redirect("handover:visit-detail", pk=visit.pk)
