"""Bills: the list, a bill with its payments, credit notes and letters, the billing run with its preview."""

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.lists import table_page
from tenancy.access import has_role, role_required
from tenancy.scope import building_ids, scope, scoped_or_404

from .. import tasks
from ..filters import BillFilter
from ..forms import ChargeForm, CreditNoteForm, RunForm
from ..list_tables import DraftBillTable
from ..models import Bill
from ..printing import pdf_print_or_open
from ..selectors import bills_with_balance
from ..services import bills as bill_services
from ..services.documents import bill_render, bill_send
from ..tables import BillTable
from ._common import READERS, WRITERS, form_error, scope_choices


@role_required(*READERS)
def bill_list(request: HttpRequest) -> HttpResponse:
    """Finance and management: the bills of the user's buildings, filtered, sorted, paginated, exported."""
    bills = scope(Bill.objects.select_related("tenant"), request.user, "building")
    queryset = bills_with_balance(bills).order_by("-due_date", "-pk")
    bill_filter = BillFilter(request.GET or None, queryset=queryset)
    table = BillTable(bill_filter.qs)
    if export := table_page(request, table, filename="bills"):
        return export
    context = {"filter": bill_filter, "table": table, "can_write": has_role(request.user, WRITERS)}
    return render(request, "billing/bill_list.html", context)


def _bill_for_user(request: HttpRequest, pk: int) -> Bill:
    """The bill, if it is of one of the user's buildings (another building's bill is a 404)."""
    queryset = bills_with_balance(Bill.objects.select_related("tenant", "lease", "building", "entry"))
    return scoped_or_404(queryset, request.user, "building", pk=pk)


@role_required(*READERS)
def bill_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Finance and management; finance issues credit notes."""
    bill = _bill_for_user(request, pk)
    can_write = has_role(request.user, WRITERS)
    form = CreditNoteForm(request.POST or None) if can_write else None
    if request.method == "POST":
        if form is None:
            return render(request, "403.html", status=403)
        if form.is_valid():
            try:
                bill_services.credit_note_issue(bill=bill, by=request.user, **form.cleaned_data)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Credit note issued."))
                return redirect("billing:bill-detail", pk=pk)
    context = {
        "bill": bill,
        "lines": bill.lines.all(),
        "allocations": bill.allocations.select_related("payment"),
        "credit_notes": bill.credit_notes.all(),
        "letters": bill.dunning_letters.all(),
        "entry_lines": bill.entry.lines.select_related("tenant"),
        "form": form,
        "can_write": can_write,
    }
    return render(request, "billing/bill_detail.html", context)


@role_required(*READERS)
def bill_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Finance and management: the bill's PDF (printed by a POST the first time; a GET prints nothing)."""
    bill = scoped_or_404(Bill.objects.all(), request.user, "building", pk=pk)
    return pdf_print_or_open(
        request,
        stored=bill.document_id,
        print_it=lambda: bill_render(bill=bill, by=request.user),
        open_it=lambda document: redirect("documents:download", pk=document.pk),
        title=_("Bill %(number)s") % {"number": bill.number},
    )


@require_POST
@role_required(*WRITERS)
def bill_send_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Finance: send the bill to the tenant by notice."""
    bill = scoped_or_404(Bill.objects.all(), request.user, "building", pk=pk)
    bill_send(bill_id=bill.pk, by=request.user)
    messages.success(request, _("The bill is in the tenant's inbox."))
    return redirect("billing:bill-detail", pk=pk)


@role_required(*WRITERS)
def billing_run_view(request: HttpRequest) -> HttpResponse:
    """Finance: preview the month's bills, then issue them (in the background, with progress)."""
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = RunForm(data, initial={"month": timezone.localdate().replace(day=1)})
    drafts = None
    if form.is_valid():
        month = form.cleaned_data["month"]
        if request.method == "POST":
            cache.set(tasks.progress_key(month), {"done": 0, "total": 1, "finished": False}, 24 * 60 * 60)
            transaction.on_commit(lambda: tasks.billing_run.delay(month.isoformat()))
            return redirect(reverse("billing:run-progress") + f"?month={month:%Y-%m}")
        allowed = building_ids(request.user)  # an office previews its own buildings' bills
        drafts = [
            draft
            for draft in bill_services.bills_preview(month=month)
            if allowed is None or draft.lease.building_id in allowed
        ]
    table = None if drafts is None else DraftBillTable(drafts)
    if table is not None and (export := table_page(request, table, filename=f"billing-run-{month:%Y-%m}")):
        return export
    context = {
        "form": form,
        "drafts": drafts,
        "table": table,
        "count": len(drafts or []),
        "total": sum(draft.total for draft in drafts or []),
    }
    return render(request, "billing/run.html", context)


@role_required(*WRITERS)
def billing_run_progress(request: HttpRequest) -> HttpResponse:
    """Finance: how far the run has got (the page polls itself with htmx)."""
    form = RunForm(request.GET)
    if not form.is_valid():
        return redirect("billing:run")
    month = form.cleaned_data["month"]
    state = cache.get(tasks.progress_key(month)) or {"done": 0, "total": 1, "finished": False}
    percent = 100 if state.get("finished") else int(100 * state["done"] / max(state["total"], 1))
    context = {"month": month, "state": state, "percent": percent}
    template = "billing/_run_progress.html" if request.htmx else "billing/run_progress.html"
    return render(request, template, context)


@role_required(*WRITERS)
def charge_create(request: AuthenticatedRequest) -> HttpResponse:
    """Finance: a one-off charge for the lease's next bill."""
    form = ChargeForm(request.POST or None)
    scope_choices(form, request.user, {"lease": "building"})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        # The form's key names the charge: a double submission finds the charge the first one recorded.
        source = f"manual:{data.pop('idempotency_key')}"
        try:
            bill_services.charge_record(**data, source=source, by=request.user)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The charge will be on the lease's next bill."))
            return redirect("billing:bill-list")
    return render(request, "billing/form.html", {"form": form, "title": _("One-off charge")})
