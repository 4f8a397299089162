"""The tenant's inbox in the portal: notices from the building management, newest first, opened = read."""

import pghistory
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

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
    """Portal users of the tenant only; another tenant's notice is a 404. Opening it marks it read."""
    notice = get_object_or_404(for_tenant(request, notice_list()), pk=pk)
    # A GET carries no history context (PGHISTORY_MIDDLEWARE_METHODS); this one writes, so it says who.
    with pghistory.context(user=request.user.pk, url=request.path):
        notice = notice_mark_read(notice=notice, by=request.user)
    return render(request, "portal/notice_detail.html", {"notice": notice})
