"""The staff menu, in order: each app contributes its own entries (config sits above every app)."""

from django.http import HttpRequest
from django.urls import reverse

from billing import navigation as billing_navigation
from fitout import navigation as fitout_navigation
from handover import navigation as handover_navigation
from leasing import navigation as leasing_navigation
from servicedesk import navigation as servicedesk_navigation
from tenancy import navigation as tenancy_navigation
from tenancy.access import user_roles
from tenancy.dossier import navigation as dossier_navigation

STAFF_NAV = (
    *tenancy_navigation.STAFF_NAV,
    *dossier_navigation.STAFF_NAV,
    *leasing_navigation.STAFF_NAV,
    *handover_navigation.STAFF_NAV,
    *fitout_navigation.STAFF_NAV,
    *servicedesk_navigation.STAFF_NAV,
    *billing_navigation.STAFF_NAV,
)


def navigation(request: HttpRequest) -> dict:
    """Context processor: the menu entries this user's roles may open, with the current one marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return {"nav_items": []}
    roles = user_roles(user)
    items = []
    for item in STAFF_NAV:
        if not roles & set(item.roles):
            continue
        url = reverse(item.url_name)
        active = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"label": item.label, "url": url, "icon": item.icon, "active": active})
    # Only the most specific entry is marked (``/handover/rounds/`` is under ``/handover/`` too).
    longest = max((len(i["url"]) for i in items if i["active"]), default=0)
    for i in items:
        i["active"] = i["active"] and len(i["url"]) == longest
    return {"nav_items": items, "user_roles": roles}
