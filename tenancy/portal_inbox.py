"""The tenant's inbox in the portal: notices from the building management, newest first. A notice's page
marks it read by a POST it sends once shown (the GET that shows it stores nothing)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.selectors import notice_list
from documents.services import notice_mark_read

from .access import for_tenant, portal_view

INBOX_PAGE_SIZE = 25


@portal_view
def portal_inbox(request: HttpRequest) -> HttpResponse:
    """Portal users of the tenant only: their tenant's notices, unread ones in bold."""
    page = Paginator(for_tenant(request, notice_list()), INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/inbox.html", {"page": page, "notices": page.object_list})


@portal_view
def portal_notice_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only; another tenant's notice is a 404. The page marks it read (below)."""
    notice = get_object_or_404(for_tenant(request, notice_list()), pk=pk)
    return render(request, "portal/notice_detail.html", {"notice": notice})


@require_POST
@portal_view
def portal_notice_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Sent by the notice's page once shown: this person has read it (staff see who has). No content."""
    notice = get_object_or_404(for_tenant(request, notice_list()), pk=pk)
    notice_mark_read(notice=notice, by=request.user)
    return HttpResponse(status=204)
