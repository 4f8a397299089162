"""Payments (record, receipt), bank statement import, deposits and refunds."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.lists import table_page
from tenancy.access import has_role, role_required
from tenancy.scope import scope, scoped_or_404, tenant_scope

from ..filters import PaymentFilter
from ..forms import BankStatementForm, DepositForm, PayeeForm, PaymentForm
from ..list_tables import RefundTable
from ..models import Bill, DepositAccount, Payment, Refund
from ..printing import pdf_print_or_open
from ..services import bank, deposits
from ..services.documents import receipt_render
from ..services.payments import PaymentInput, payment_record
from ..tables import PaymentTable
from ._common import APPROVERS, READERS, TENANTS, WRITERS, form_error, scope_choices

BANK_SALT = "billing.bank-import"


@role_required(*READERS)
def payment_list(request: HttpRequest) -> HttpResponse:
    """Finance and management: the payments of the tenants of their buildings, filtered, sorted, paginated,
    exported as filtered."""
    payments = tenant_scope(Payment.objects.select_related("tenant"), request.user, "tenant")
    payment_filter = PaymentFilter(request.GET or None, queryset=payments)
    table = PaymentTable(payment_filter.qs)
    if export := table_page(request, table, filename="payments"):
        return export
    context = {"filter": payment_filter, "table": table, "can_write": has_role(request.user, WRITERS)}
    return render(request, "billing/payment_list.html", context)


@role_required(*WRITERS)
def payment_create(request: AuthenticatedRequest) -> HttpResponse:
    """Finance: record money received; a double submission records it once."""
    form = PaymentForm(request.POST or None)
    scope_choices(form, request.user, {"tenant": TENANTS, "bill": "building"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        bill = data.get("bill")
        allocations = {bill.pk: data.get("bill_amount") or data.get("amount")} if bill else None
        try:
            payment, created = payment_record(
                data=PaymentInput(
                    tenant=data["tenant"],
                    amount=data.get("amount"),
                    method=data["method"],
                    received_on=data["received_on"],
                    idempotency_key=data["idempotency_key"],
                    reference=data.get("reference", ""),
                ),
                by=request.user,
                allocations=allocations,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            if created:
                messages.success(request, _("Payment recorded."))
            return redirect("billing:payment-detail", pk=payment.pk)
    return render(request, "billing/form.html", {"form": form, "title": _("Record a payment")})


@role_required(*READERS)
def payment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Finance and management."""
    payments = Payment.objects.select_related("tenant", "recorded_by", "entry")
    payment = get_object_or_404(tenant_scope(payments, request.user, "tenant"), pk=pk)
    # A tenant renting in several buildings: each office sees what was matched to its own buildings' bills.
    allocations = scope(payment.allocations.select_related("bill"), request.user, "bill__building")
    context = {
        "payment": payment,
        "allocations": allocations,
        "unmatched": payment.amount - sum(a.amount for a in allocations),
        "entry_lines": payment.entry.lines.select_related("tenant"),
    }
    return render(request, "billing/payment_detail.html", context)


@role_required(*READERS)
def receipt_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Finance and management: the receipt's PDF (printed by a POST the first time; a GET prints nothing)."""
    payment = get_object_or_404(tenant_scope(Payment.objects.all(), request.user, "tenant"), pk=pk)
    return pdf_print_or_open(
        request,
        stored=payment.document_id,
        print_it=lambda: receipt_render(payment=payment, by=request.user),
        open_it=lambda document: redirect("documents:download", pk=document.pk),
        title=_("Receipt %(number)s") % {"number": payment.number},
    )


@role_required(*WRITERS)
def bank_import(request: AuthenticatedRequest) -> HttpResponse:
    """Finance: upload a bank statement, see suggested matches, confirm the rows to record."""
    if request.method == "POST" and "rows" in request.POST:
        return _bank_confirm(request)
    form = BankStatementForm(request.POST or None, request.FILES or None)
    suggestions = None
    if request.method == "POST" and form.is_valid():
        try:
            account = form.cleaned_data.get("account")
            layout = account.statement_layout if account else None
            rows = bank.statement_parse(form.cleaned_data["file"].read(), layout)
        except DomainError as error:
            form_error(form, error)
        else:
            suggestions = bank.suggestions_for(rows, request.user)
    signed = signing.dumps([_row_data(s["row"]) for s in suggestions], salt=BANK_SALT) if suggestions else ""
    return render(
        request, "billing/bank_import.html", {"form": form, "suggestions": suggestions, "signed": signed}
    )


def _row_data(row: bank.StatementRow) -> list[Any]:
    return [row.line, str(row.on), str(row.amount), row.reference, row.payer, row.serial, row.file_digest]


def _suggested_bill(request: HttpRequest, line: int) -> Bill | None:
    bill_id = request.POST.get(f"bill-{line}", "")
    if not bill_id.isdigit():
        return None
    return scope(Bill.objects.select_related("tenant"), request.user, "building").filter(pk=bill_id).first()


def _bank_confirm(request: AuthenticatedRequest) -> HttpResponse:
    """Record the rows marked "record" (each with its suggested bill), dismiss those marked "dismiss"."""
    try:
        raw = signing.loads(request.POST["rows"], salt=BANK_SALT, max_age=3600)
    except signing.BadSignature:
        messages.error(request, _("The import has expired; upload the file again."))
        return redirect("billing:bank-import")
    recorded = dismissed = 0
    for line, on, amount, reference, payer, serial, digest in raw:
        action = request.POST.get(f"action-{line}")
        row = bank.StatementRow(
            line, date.fromisoformat(on), Decimal(amount), reference, payer, serial, digest
        )
        try:
            if action == "dismiss":
                dismissed += bank.statement_row_dismiss(row=row, by=request.user)
            elif action == "record" and (bill := _suggested_bill(request, line)) is not None:
                recorded += bank.statement_row_record(row=row, bill=bill, by=request.user)
        except DomainError as error:
            messages.error(request, f"{line}: {error.message}")
    for outcome in import_outcome(recorded, dismissed):
        messages.success(request, outcome)
    return redirect("billing:payment-list")


def import_outcome(recorded: int, dismissed: int) -> list[str]:
    """What a bank statement import did, a message per count, each with its own plural."""
    outcome = [ngettext("%(n)d payment recorded.", "%(n)d payments recorded.", recorded) % {"n": recorded}]
    if dismissed:
        outcome.append(
            ngettext("%(n)d row dismissed as a duplicate.", "%(n)d rows dismissed as duplicates.", dismissed)
            % {"n": dismissed}
        )
    return outcome


@role_required(*READERS)
def deposit_list(request: AuthenticatedRequest) -> HttpResponse:
    """Finance and management: deposits and refunds; finance records and asks, a second person approves."""
    form = DepositForm(request.POST or None) if has_role(request.user, WRITERS) else None
    if form is not None:
        scope_choices(form, request.user, {"lease": "building"})
    if request.method == "POST":
        if form is None:
            return render(request, "403.html", status=403)
        if form.is_valid():
            try:
                deposits.deposit_receive(by=request.user, **form.cleaned_data)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Deposit received."))
                return redirect("billing:deposit-list")
    refunds = RefundTable(
        scope(
            Refund.objects.select_related("account__lease", "requested_by", "approved_by"),
            request.user,
            "account__lease__building",
        )
    )
    if request.method == "GET" and (export := table_page(request, refunds, filename="refunds")):
        return export
    context = {
        "form": form,
        "accounts": scope(
            DepositAccount.objects.select_related("lease", "tenant"), request.user, "lease__building"
        ).order_by("lease__number"),
        "table": refunds,
        "approval_key": uuid.uuid4().hex,
    }
    return render(request, "billing/deposit_list.html", context)


@require_POST
@role_required(*APPROVERS)
def refund_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Finance and management: approve and pay (or reject) someone else's refund request, once."""
    refund = scoped_or_404(Refund.objects.all(), request.user, "account__lease__building", pk=pk)
    form = PayeeForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    payee = deposits.Payee(
        name=data.get("payee_name", ""),
        bank=data.get("payee_bank", ""),
        account=data.get("payee_account", ""),
    )
    try:
        if request.POST.get("decision") == "reject":
            deposits.refund_reject(refund=refund, by=request.user)
        else:
            key = request.POST.get("approval_key", "")
            deposits.refund_approve(refund=refund, by=request.user, key=key, payee=payee)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Refund decided."))
    return redirect("billing:deposit-list")
