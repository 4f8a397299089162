"""Reports: arrears and ageing with a chart, statements of account, ledger exports, closing a month,
fapiao requests, and the suspended-tenant flags the front desk sees (the move-out settlement is in
``settlement``)."""

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.lists import table_page
from tenancy.access import has_role, role_required
from tenancy.models import Tenant
from tenancy.scope import building_ids, scope, tenant_scope

from .. import exports
from ..forms import ClosePeriodForm, FapiaoIssueForm, PeriodForm
from ..forms_reports import ArrearsForm
from ..list_tables import FapiaoTable, fapiao_requests
from ..models import ClosedPeriod, FapiaoRequest
from ..report_tables import ClosedPeriodTable, DunningLetterTable, dunning_letters
from ..selectors import ageing_rows, ageing_totals, suspended_letters, suspended_tenant_ids, tenant_statement
from ..services.ledger import period_close
from ..services.payments import fapiao_issue
from ..services.statements import statement_document
from ._common import FLAG_READERS, READERS, WRITERS, form_error, scope_choices


@role_required(*READERS)
def arrears(request: HttpRequest) -> HttpResponse:
    """Finance and management: what each tenant owes by age, per building, with the letters sent by then
    (of that building), sorted, paginated and exported."""
    form = ArrearsForm(request.GET)
    scope_choices(form, request.user, {"building": ""})
    today = timezone.localdate()
    as_of, building = today, None
    if form.is_valid():
        as_of, building = form.cleaned_data["as_of"], form.cleaned_data["building"]
    building_id = building.pk if building else None
    rows = ageing_rows(today=as_of, building_id=building_id, past=as_of < today, user=request.user)
    totals = ageing_totals(rows)
    peak = max([totals.current, totals.d30, totals.d60, totals.d90, totals.over90, 1])
    chart = [
        (_("Not yet due"), totals.current),
        (_("0–30 days"), totals.d30),
        (_("31–60 days"), totals.d60),
        (_("61–90 days"), totals.d90),
        (_("Over 90 days"), totals.over90),
    ]
    letters = DunningLetterTable(
        scope(dunning_letters(as_of=as_of, building_id=building_id), request.user, "bill__building"),
        prefix="letters-",
    )
    if export := table_page(request, letters, filename=f"dunning-letters-{as_of:%Y%m%d}"):
        return export
    context = {
        "form": form,
        "as_of": as_of,
        "rows": rows,
        "totals": totals,
        "chart": [(label, value, int(100 * value / peak)) for label, value in chart],
        "suspended": suspended_tenant_ids(),  # only marks the rows shown
        "letters": letters,
    }
    return render(request, "billing/arrears.html", context)


@role_required(*READERS)
def statement(request: AuthenticatedRequest, tenant_pk: int) -> HttpResponse:
    """Finance and management: a tenant's statement of account for a period on screen (GET), its PDF
    asked for with a POST (printed once per period and content)."""
    tenant = get_object_or_404(tenant_scope(Tenant.objects.all(), request.user), pk=tenant_pk)
    today = timezone.localdate()
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = PeriodForm(data, initial={"start": today.replace(month=1, day=1), "end": today})
    start, end = today.replace(month=1, day=1), today
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        if request.method == "POST":
            try:
                document = statement_document(tenant=tenant, start=start, end=end, by=request.user)
            except DomainError as error:
                form_error(form, error)
            else:
                return redirect("documents:download", pk=document.pk)
    opening, rows, closing = tenant_statement(tenant.pk, start, end)
    context = {
        "tenant": tenant,
        "start": start,
        "end": end,
        "opening": opening,
        "rows": rows,
        "closing": closing,
    }
    return render(request, "billing/statement.html", {**context, "form": form})


@role_required(*READERS)
def ledger_export(request: HttpRequest) -> HttpResponse:
    """Finance and management: the journal for a range and building as CSV, XLSX or beancount."""
    # The closed months' own sort, page and export (``closed-…``) leave the export form unbound.
    asked = any(not key.startswith("closed-") for key in request.GET)
    form = PeriodForm(request.GET if asked else None)
    scope_choices(form, request.user, {"building": ""})
    fmt = request.GET.get("format")
    if form.is_valid() and not form.cleaned_data.get("building") and building_ids(request.user) is not None:
        # An office exports its buildings' journal one building at a time; the whole ledger is head office's.
        form.add_error("building", _("Choose one of your buildings: head office exports the whole ledger."))
    if not form.is_valid() or fmt not in ("csv", "xlsx", "beancount"):
        closed = ClosedPeriodTable(ClosedPeriod.objects.select_related("closed_by"), prefix="closed-")
        if export := table_page(request, closed, filename="closed-months"):
            return export
        context = {"form": form, "closed": closed, "can_close": has_role(request.user, WRITERS)}
        return render(request, "billing/exports.html", context)
    building = form.cleaned_data.get("building")
    filters = {
        "start": form.cleaned_data["start"],
        "end": form.cleaned_data["end"],
        "building_id": building.pk if building else None,
    }
    name = f"ledger-{filters['start']:%Y%m%d}-{filters['end']:%Y%m%d}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.ledger_csv(**filters), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.ledger_xlsx(**filters),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = StreamingHttpResponse(
            exports.ledger_beancount(**filters), content_type="text/plain; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@role_required(*WRITERS)
def period_close_view(request: AuthenticatedRequest) -> HttpResponse:
    """Finance: close a past month; nothing can be posted in it afterwards."""
    form = ClosePeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period_close(month=form.cleaned_data["month"], by=request.user)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Month closed."))
            return redirect("billing:export")
    return render(request, "billing/form.html", {"form": form, "title": _("Close a month")})


@role_required(*READERS)
def fapiao_list(request: HttpRequest) -> HttpResponse:
    """Finance and management see the requests; finance records the fapiao issued."""
    can_write = has_role(request.user, WRITERS)
    table = FapiaoTable(tenant_scope(fapiao_requests(), request.user, "payment__tenant"))
    if export := table_page(request, table, filename="fapiao-requests"):
        return export
    return render(request, "billing/fapiao_list.html", {"table": table, "can_write": can_write})


@role_required(*WRITERS)
def fapiao_issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Finance: record the number and date of the fapiao issued for a request."""
    requests = tenant_scope(FapiaoRequest.objects.all(), request.user, "payment__tenant")
    fapiao = get_object_or_404(requests, pk=pk)
    form = FapiaoIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fapiao_issue(fapiao=fapiao, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Fapiao recorded."))
            return redirect("billing:fapiao-list")
    return render(
        request,
        "billing/form.html",
        {"form": form, "title": _("Record the fapiao for %(t)s") % {"t": fapiao.title}},
    )


@role_required(*FLAG_READERS)
def suspended(request: HttpRequest) -> HttpResponse:
    """Front desk, finance and management: tenants whose service is suspended for arrears."""
    suspended_here = scope(suspended_letters(), request.user, "bill__building").values("bill__tenant_id")
    tenants = Tenant.objects.filter(pk__in=suspended_here).order_by("name")
    return render(request, "billing/suspended.html", {"tenants": tenants, "today": date.today()})
