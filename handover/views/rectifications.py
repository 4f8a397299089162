"""Rectification items: engineering's work list, marking an item fixed, confirming it for the tenant."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.lists import table_page
from tenancy.access import role_required, user_roles
from tenancy.scope import scope, scoped_or_404

from .. import selectors, services
from ..forms import FixForm
from ..list_tables import RectificationTable
from ..models import RectificationItem
from ..permissions import HANDOVER_STAFF, RECTIFIERS, VISIT_VIEWERS


@require_GET
@role_required(*VISIT_VIEWERS)
def rectification_list(request: HttpRequest) -> HttpResponse:
    """Front desk, business, finance, engineering, security, management: items not yet confirmed."""
    show_all = request.GET.get("all") == "1"
    overdue = request.GET.get("overdue") == "1"
    items = scope(selectors.rectification_list(), request.user, "visit__unit__building")
    if overdue:  # the dashboard's count: open, flagged past their due date by the daily sweep
        items = items.filter(status=RectificationItem.Status.OPEN, overdue_flagged_on__isnull=False)
    elif not show_all:
        items = items.exclude(status=RectificationItem.Status.CONFIRMED)
    table = RectificationTable(items.order_by("due_date", "pk"))
    if export := table_page(request, table, filename="rectification-items"):
        return export
    context = {
        "table": table,
        "show_all": show_all,
        "overdue": overdue,
        "can_fix": bool(user_roles(request.user) & set(RECTIFIERS)),
        "can_confirm": bool(user_roles(request.user) & set(HANDOVER_STAFF)),
    }
    return render(request, "handover/rectification_list.html", context)


def _back(request: HttpRequest, item: RectificationItem) -> HttpResponse:
    if request.POST.get("next") == "visit":
        return redirect("handover:visit-detail", pk=item.visit_id)
    return redirect("handover:rectification-list")


@require_POST
@role_required(*RECTIFIERS)
def rectification_fix(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Engineering, management: the defect is fixed (saying what was done); the tenant is asked to confirm."""
    item = scoped_or_404(RectificationItem.objects.all(), request.user, "visit__unit__building", pk=pk)
    form = FixForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what was done."))
        return _back(request, item)
    try:
        services.rectification_fix(item=item, note=form.cleaned_data["fix_note"], by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Marked fixed; the tenant is asked to confirm."))
    return _back(request, item)


@require_POST
@role_required(*HANDOVER_STAFF)
def rectification_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, engineering, management: record the tenant's sign-off given on site."""
    item = scoped_or_404(RectificationItem.objects.all(), request.user, "visit__unit__building", pk=pk)
    try:
        services.rectification_confirm(item=item, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Confirmed for the tenant."))
    return _back(request, item)
