"""The tenant's billing pages in the portal: bills, payments, balance, statement, letters, fapiao."""

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.errors import DomainError
from documents.models import Document
from tenancy.access import PortalRequest, for_tenant, portal_view
from tenancy.portal_documents import portal_documents
from tenancy.portal_roles import BILLING_ACTORS, BILLING_READERS

from .forms import FapiaoRequestForm, PeriodForm
from .models import Bill, DunningLetter, Payment
from .money import ZERO, money
from .printing import pdf_print_or_open
from .selectors import bills_with_balance, open_bills, tenant_credit, tenant_statement
from .services.documents import bill_render, receipt_render
from .services.payments import fapiao_request
from .services.statements import statement_document
from .views._common import form_error

# Bills, payments and letters a page of the portal's billing page shows of each.
PORTAL_PAGE_SIZE = 25


def _page(request: HttpRequest, field: str, rows: QuerySet) -> Page:
    return Paginator(rows, PORTAL_PAGE_SIZE).get_page(request.GET.get(field))


@portal_view(roles=BILLING_READERS)
def portal_billing(request: HttpRequest) -> HttpResponse:
    """Portal users of the tenant: its balance (over every bill), and its bills, payments and letters, each
    list paged (``bills-page``, ``payments-page``, ``letters-page``), never cut."""
    tenant_id = request.tenant.pk  # type: ignore[attr-defined]
    bills = _page(
        request,
        "bills-page",
        for_tenant(request, bills_with_balance(Bill.objects.all())).order_by("-due_date", "-pk"),
    )
    payments = _page(
        request,
        "payments-page",
        for_tenant(request, Payment.objects.select_related("fapiao_request")).order_by("-received_on", "-pk"),
    )
    letters = _page(
        request,
        "letters-page",
        for_tenant(request, DunningLetter.objects.exclude(notice_id=None), "bill__tenant").select_related(
            "bill"
        ),
    )
    open_total = money(open_bills(tenant_id).aggregate(total=Sum("outstanding"))["total"] or ZERO)
    credit = tenant_credit(tenant_id)
    context = {
        "bills": bills,
        "payments": payments,
        "letters": letters,
        "portal_documents": portal_documents(request, [letter.document_id for letter in letters]),
        "open_total": open_total,
        "credit": credit,
        "balance": open_total - credit,
    }
    return render(request, "billing/portal/billing.html", context)


@portal_view(roles=BILLING_READERS)
def portal_bill_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant; another tenant's bill is a 404."""
    bill = get_object_or_404(
        for_tenant(request, bills_with_balance(Bill.objects.select_related("lease"))), pk=pk
    )
    context = {
        "bill": bill,
        "lines": bill.lines.all(),
        "allocations": bill.allocations.select_related("payment"),
    }
    return render(request, "billing/portal/bill_detail.html", context)


@portal_view(roles=BILLING_READERS)
def portal_bill_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant: the bill's PDF (printed by a POST the first time; a GET prints nothing)."""
    bill = get_object_or_404(for_tenant(request, Bill.objects.all()), pk=pk)
    return pdf_print_or_open(
        request,
        stored=bill.document_id,
        print_it=lambda: bill_render(bill=bill),
        open_it=_portal_download,
        title=_("Bill %(number)s") % {"number": bill.number},
        portal=True,
    )


@portal_view(roles=BILLING_READERS)
def portal_receipt_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant: a payment's receipt (printed by a POST the first time)."""
    payment = get_object_or_404(for_tenant(request, Payment.objects.all()), pk=pk)
    return pdf_print_or_open(
        request,
        stored=payment.document_id,
        print_it=lambda: receipt_render(payment=payment),
        open_it=_portal_download,
        title=_("Receipt %(number)s") % {"number": payment.number},
        portal=True,
    )


def _portal_download(document: Document) -> HttpResponse:
    return redirect("portal:document-download", token=document.download_token)


@portal_view(roles=BILLING_READERS)
def portal_statement(request: PortalRequest) -> HttpResponse:
    """Portal users of the tenant: its statement of account for a period on screen (GET); the PDF is asked
    for with a POST and printed once per period and content."""
    tenant = request.tenant
    today = timezone.localdate()
    form = PeriodForm(request.POST if request.method == "POST" else (request.GET or None))
    start, end = today.replace(month=1, day=1), today
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        if request.method == "POST":
            try:
                document = statement_document(tenant=tenant, start=start, end=end, by=request.user)
            except DomainError as error:
                form_error(form, error)
            else:
                return redirect("portal:document-download", token=document.download_token)
    opening, rows, closing = tenant_statement(tenant.pk, start, end)
    context = {
        "tenant": tenant,
        "start": start,
        "end": end,
        "opening": opening,
        "rows": rows,
        "closing": closing,
    }
    return render(request, "billing/portal/statement.html", {**context, "form": form})


@portal_view(roles=BILLING_ACTORS)
def portal_fapiao_request(request: PortalRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant: ask for a fapiao for one of its payments."""
    payment = get_object_or_404(for_tenant(request, Payment.objects.all()), pk=pk)
    form = FapiaoRequestForm(request.POST or None, initial={"title": request.tenant.name})
    if request.method == "POST" and form.is_valid():
        try:
            fapiao_request(payment=payment, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Fapiao requested."))
            return redirect("portal:billing")
    return render(
        request,
        "billing/portal/form.html",
        {"form": form, "title": _("Request a fapiao"), "payment": payment},
    )
