"""Finance's pages of the payee accounts (where tenants pay) and of their bank statement layouts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from leasing.models import Building
from tenancy.access import role_required
from tenancy.scope import building_ids, scope, scoped_or_404

from ..forms_payee import PayeeAccountForm, StatementLayoutForm
from ..models import PayeeAccount, StatementLayout
from ..payee import qr_data_uri
from ..services.payee import PayeeInput, payee_account_save, statement_layout_save
from ._common import WRITERS, form_error, scope_choices


@role_required(*WRITERS)
def payee_list(request: HttpRequest) -> HttpResponse:
    """Finance: the payee accounts of the user's buildings, and those of its buildings that have none yet."""
    accounts = PayeeAccount.objects.prefetch_related("buildings").select_related("statement_layout")
    context = {
        "accounts": scope(accounts, request.user, "buildings"),
        "without": scope(Building.objects.filter(payee_link__isnull=True), request.user, "").order_by("code"),
    }
    return render(request, "billing/payee_list.html", context)


def _own_account(request: HttpRequest, pk: int) -> PayeeAccount:
    """An account used by the user's buildings (else 404); one shared with another office's buildings is
    changed by head office only, so that no office changes where another's tenants pay."""
    account = scoped_or_404(PayeeAccount.objects.all(), request.user, "buildings", pk=pk)
    allowed = building_ids(request.user)
    if allowed is not None and not set(account.buildings.values_list("pk", flat=True)) <= allowed:
        raise PermissionDenied(_("Another office's buildings share this account: head office changes it."))
    return account


@role_required(*WRITERS)
def payee_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """Finance: create or change a payee account (number with digits and spaces only, QR image optional)."""
    account = _own_account(request, pk) if pk else None
    form = PayeeAccountForm(request.POST or None, request.FILES or None, instance=account)
    scope_choices(form, request.user, {"buildings": ""})
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
    account = scoped_or_404(PayeeAccount.objects.all(), request.user, "buildings", pk=pk)
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
