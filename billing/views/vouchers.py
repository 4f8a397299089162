"""Journal vouchers: the chart-of-accounts mapping page (finance edits, management reads) and the export."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from tenancy.access import has_role, role_required
from tenancy.scope import building_ids

from ..forms import PeriodForm
from ..forms_vouchers import VoucherAccountsForm
from ..services.vouchers import voucher_accounts_save
from ..vouchers import account_mapping, vouchers_csv, vouchers_xlsx
from ._common import READERS, WRITERS, form_error, scope_choices

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@role_required(*READERS)
def voucher_accounts(request: AuthenticatedRequest) -> HttpResponse:
    """Finance edits the code and name each ledger account carries in the vouchers; management reads them."""
    can_edit = has_role(request.user, WRITERS)
    posted = request.method == "POST" and can_edit
    form = VoucherAccountsForm(request.POST if posted else None, mapping=account_mapping())
    if posted and form.is_valid():
        try:
            changed = voucher_accounts_save(mapping=form.mapping(), by=request.user)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Voucher accounts saved (%(n)s changed).") % {"n": changed})
            return redirect("billing:voucher-accounts")
    return render(request, "billing/voucher_accounts.html", {"form": form, "can_edit": can_edit})


@role_required(*READERS)
def voucher_export(request: HttpRequest) -> HttpResponse:
    """Finance and management: the journal vouchers of a range (and building) as CSV or XLSX."""
    form = PeriodForm(request.GET or None)
    scope_choices(form, request.user, {"building": ""})
    fmt = request.GET.get("format")
    if form.is_valid() and not form.cleaned_data.get("building") and building_ids(request.user) is not None:
        form.add_error("building", _("Choose one of your buildings: head office exports the whole ledger."))
    if not form.is_valid() or fmt not in ("csv", "xlsx"):
        return render(request, "billing/voucher_export.html", {"form": form})
    building = form.cleaned_data.get("building")
    filters = {
        "start": form.cleaned_data["start"],
        "end": form.cleaned_data["end"],
        "building_id": building.pk if building else None,
    }
    name = f"vouchers-{filters['start']:%Y%m%d}-{filters['end']:%Y%m%d}.{fmt}"
    if fmt == "csv":
        response: HttpResponse = StreamingHttpResponse(
            vouchers_csv(**filters), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(vouchers_xlsx(**filters), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
