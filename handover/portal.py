"""The tenant's side of handover: its visits, every signed sheet to download, and the rectification items,
of which it confirms the fixed ones. Every view is a ``portal_view`` reading only through ``for_tenant``."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from documents.errors import DomainError
from tenancy.access import PortalRequest, for_tenant, portal_view
from tenancy.portal_roles import OPERATIONS_ACTORS, OPERATIONS_READERS

from . import selectors, services
from .models import RectificationItem


@require_GET
@portal_view(roles=OPERATIONS_READERS)
def portal_visit_list(request: HttpRequest) -> HttpResponse:
    """Portal users of the tenant only: its visits, their signed sheets and rectification items."""
    visits = list(for_tenant(request, selectors.portal_visit_list()).order_by("-visit_date", "-pk"))
    sheets = [sheet for visit in visits for sheet in visit.signed_sheets]
    rectifications = for_tenant(request, selectors.rectification_list(), "visit__tenant").order_by(
        "due_date", "pk"
    )
    context = {
        "visits": visits,
        "documents": selectors.sheet_documents(sheets),
        "rectifications": rectifications,
    }
    return render(request, "handover/portal/visit_list.html", context)


@require_POST
@portal_view(roles=OPERATIONS_ACTORS)
def portal_rectification_confirm(request: PortalRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: confirm that a fixed item is fixed (another tenant's item: 404)."""
    item = get_object_or_404(for_tenant(request, RectificationItem.objects.all(), "visit__tenant"), pk=pk)
    try:
        services.rectification_confirm(item=item, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you: the item is confirmed as fixed."))
    return redirect("portal:handover-visits")
