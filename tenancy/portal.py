"""The tenant portal: every view is a ``portal_view`` and reads only through ``for_tenant``."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .access import portal_view


@portal_view
def portal_home(request: HttpRequest) -> HttpResponse:
    """Portal users of the tenant only."""
    tenant = request.tenant  # type: ignore[attr-defined]
    return render(request, "portal/home.html", {"tenant": tenant, "contacts": tenant.contacts.all()})
