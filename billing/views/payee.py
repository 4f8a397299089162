"""Finance's pages of the payee accounts (where tenants pay) and of their bank statement layouts."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from leasing.models import Building
from tenancy.access import role_required

from ..forms_payee import PayeeAccountForm, StatementLayoutForm
from ..models import PayeeAccount, StatementLayout
from ..payee import qr_data_uri
from ..services.payee import PayeeInput, payee_account_save, statement_layout_save
from ._common import WRITERS, form_error


@role_required(*WRITERS)
def payee_list(request: HttpRequest) -> HttpResponse:
    """Finance: every payee account with its buildings, and the buildings that have none yet."""
    accounts = PayeeAccount.objects.prefetch_related("buildings").select_related("statement_layout")
    context = {
        "accounts": accounts,
        "without": Building.objects.filter(payee_link__isnull=True).order_by("code"),
    }
    return render(request, "billing/payee_list.html", context)


@role_required(*WRITERS)
def payee_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """Finance: create or change a payee account (number with digits and spaces only, QR image optional)."""
    account = get_object_or_404(PayeeAccount, pk=pk) if pk else None
    form = PayeeAccountForm(request.POST or None, request.FILES or None, instance=account)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {f: data[f] for f in ("label", "account_name", "bank", "account_number", "reference")}
        try:
            payee_account_save(
                account=account,
                data=PayeeInput(
                    **values,
                    buildings=list(data["buildings"]),
                    qr=data.get("qr"),
                    qr_remove=bool(data.get("qr_remove")),
                ),
                by=request.user,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Payee account saved."))
            return redirect("billing:payee-list")
    title = _("Change the payee account") if account else _("New payee account")
    context = {"form": form, "title": title, "qr": qr_data_uri(account) if account else ""}
    return render(request, "billing/payee_form.html", context)


@role_required(*WRITERS)
def statement_layout_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Finance: which column of this account's bank statements holds what; set once, used on every import."""
    account = get_object_or_404(PayeeAccount, pk=pk)
    layout = StatementLayout.objects.filter(account=account).first()
    form = StatementLayoutForm(request.POST or None, instance=layout)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in StatementLayoutForm.Meta.fields}
        try:
            statement_layout_save(account=account, values=values, by=request.user)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Statement layout saved."))
            return redirect("billing:payee-list")
    title = _("Bank statement layout · %(account)s") % {"account": account.label}
    return render(request, "billing/payee_form.html", {"form": form, "title": title, "layout": True})
