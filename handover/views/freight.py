"""The front desk's queue of freight-lift requests (货梯预约): confirm or decline each."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.lists import table_page
from tenancy.access import has_role, role_required
from tenancy.scope import scope, scoped_or_404

from ..models import FreightLiftRequest
from ..permissions import VISIT_VIEWERS
from ..services.freight import LIFT_DESK, freight_lift_confirm, freight_lift_decline
from ..tables import FreightLiftTable


def _requests(request: AuthenticatedRequest) -> QuerySet[FreightLiftRequest]:
    found = FreightLiftRequest.objects.select_related("tenant", "building", "decided_by")
    return scope(found, request.user, "building")


@role_required(*VISIT_VIEWERS)
def freight_queue(request: AuthenticatedRequest) -> HttpResponse:
    """Front desk and management decide; the other handover roles see the queue: the requests waiting (soonest
    first) and, below, every request, sorted, paginated and exported."""
    waiting = (
        _requests(request).filter(status=FreightLiftRequest.Status.REQUESTED).order_by("day", "slot", "pk")
    )
    table = FreightLiftTable(_requests(request).order_by("-day", "-pk"))
    if export := table_page(request, table, filename="freight-lift-requests"):
        return export
    context = {"waiting": waiting, "table": table, "may_decide": has_role(request.user, LIFT_DESK)}
    return render(request, "handover/freight_queue.html", context)


@require_POST
@role_required(*LIFT_DESK)
def freight_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk and management: confirm the slot (refused if it is taken or the tenant is suspended)."""
    lift = scoped_or_404(FreightLiftRequest.objects.all(), request.user, "building", pk=pk)
    try:
        freight_lift_confirm(request=lift, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Confirmed."))
    return redirect("handover:freight-queue")


@require_POST
@role_required(*LIFT_DESK)
def freight_decline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk and management: decline the request, saying why."""
    lift = scoped_or_404(FreightLiftRequest.objects.all(), request.user, "building", pk=pk)
    try:
        freight_lift_decline(request=lift, by=request.user, reason=request.POST.get("reason", ""))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Declined: the tenant reads why in the portal."))
    return redirect("handover:freight-queue")
