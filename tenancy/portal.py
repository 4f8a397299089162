"""The tenant portal's home page: the blocks the apps registered in ``portal_home``, most urgent first."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .access import portal_view
from .portal_home import PORTAL_HOME


@portal_view
def portal_home(request: HttpRequest) -> HttpResponse:
    """Portal users of the tenant, each role seeing the blocks it may see: what is due, what waits for an
    answer, the building's notices, open requests, the leases, quick actions."""
    role = request.user.tenant_membership.role  # type: ignore[union-attr]
    blocks = []
    for block in PORTAL_HOME.blocks_for(role):
        context = block.context(request)
        if context is not None:
            blocks.append({"key": block.key, "template": block.template, "context": context})
    context = {"tenant": request.tenant, "blocks": blocks, "role": role}  # type: ignore[attr-defined]
    return render(request, "portal/home.html", context)
