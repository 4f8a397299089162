"""Move-in charges: signed leases waiting for their charge notice (《客户缴费通知书》), and what the
issued ones still owe before the keys."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.lists import table_page
from leasing.models import Lease
from tenancy.access import has_role, role_required
from tenancy.scope import scoped_or_404

from ..list_tables import MoveInWaitingTable
from ..services import move_in
from ._common import READERS


@role_required(*READERS)
def move_in_charges(request: AuthenticatedRequest) -> HttpResponse:
    """Finance and management: the leases waiting for their notice, and the issued ones' unpaid charges."""
    waiting = MoveInWaitingTable(move_in.leases_awaiting_notice(request.user))
    if export := table_page(request, waiting, filename="move-in-waiting"):
        return export
    context = {
        "table": waiting,
        "issued": move_in.leases_notified(user=request.user),
        "can_issue": has_role(request.user, move_in.ISSUERS),
    }
    return render(request, "billing/move_in_charges.html", context)


@require_POST
@role_required(*move_in.ISSUERS)
def move_in_charge_issue(request: AuthenticatedRequest, lease_pk: int) -> HttpResponse:
    """Finance and management: issue the lease's first bill and charge notice (a double click issues once)."""
    lease = scoped_or_404(Lease.objects.all(), request.user, "building", pk=lease_pk)
    try:
        move_in.move_in_charges_issue(lease=lease, by=request.user, today=timezone.localdate())
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Move-in charge notice sent for lease %(lease)s.") % {"lease": lease.number}
        )
    return redirect("billing:move-in-charges")
