"""The staff menu: each app contributes its own entries, and config groups them by area (config sits
above every app). A group shows only the entries the user's roles may open: as a dropdown when there are
several, as a plain link when there is one, not at all when there are none, so the bar stays one line wide
for every role."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from billing import navigation as billing_navigation
from fitout import navigation as fitout_navigation
from handover import navigation as handover_navigation
from leasing import navigation as leasing_navigation
from servicedesk import navigation as servicedesk_navigation
from tenancy import navigation as tenancy_navigation
from tenancy.access import user_roles
from tenancy.dossier import navigation as dossier_navigation
from tenancy.navigation import NavItem


@dataclass(frozen=True)
class NavGroup:
    label: str | Promise
    icon: str
    items: tuple[NavItem, ...]


DASHBOARD = NavItem(_("Dashboard"), "home", "speedometer2")
# Beside the dashboard (a dropdown for its readers, so the bar stays one line): config.monthly_report.views.
MONTHLY_REPORT = NavItem(
    _("Monthly report"), "monthly-report", "bar-chart-line", ("management", "finance", "business")
)
# Day-one imports (documents' pages); each kind admits its own roles, the page lists the ones a user may run.
IMPORTS = NavItem(
    _("Import data"),
    "documents:import-list",
    "upload",
    ("front_desk", "business", "finance", "engineering", "management"),
)

STAFF_MENU: tuple[NavGroup, ...] = (
    NavGroup(_("Tenants"), "people", (*tenancy_navigation.STAFF_NAV, *dossier_navigation.STAFF_NAV)),
    NavGroup(_("Space and leases"), "buildings", (*leasing_navigation.STAFF_NAV, IMPORTS)),
    NavGroup(
        _("Handover and fit-out"), "key", (*handover_navigation.STAFF_NAV, *fitout_navigation.STAFF_NAV)
    ),
    NavGroup(_("Service desk"), "headset", servicedesk_navigation.STAFF_NAV),
    NavGroup(_("Billing"), "receipt", billing_navigation.STAFF_NAV),
)


def _entry(item: NavItem, path: str) -> dict:
    url = reverse(item.url_name)
    active = path == url if url == "/" else path.startswith(url)
    return {"label": item.label, "url": url, "icon": item.icon, "active": active}


def _mark_most_specific(entries: list[dict]) -> None:
    """Only the most specific entry is marked (``/handover/rounds/`` is under ``/handover/`` too)."""
    longest = max((len(e["url"]) for e in entries if e["active"]), default=0)
    for entry in entries:
        entry["active"] = entry["active"] and len(entry["url"]) == longest


def navigation(request: HttpRequest) -> dict:
    """Context processor: the menu groups this user's roles may open, with the current entry marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return {"nav_groups": []}
    roles = user_roles(user)
    groups = [
        {
            "label": g.label,
            "icon": g.icon,
            "items": [_entry(i, request.path) for i in g.items if roles & set(i.roles)],
        }
        for g in (NavGroup(DASHBOARD.label, DASHBOARD.icon, (DASHBOARD, MONTHLY_REPORT)), *STAFF_MENU)
    ]
    groups = [group for group in groups if group["items"]]
    _mark_most_specific([entry for group in groups for entry in group["items"]])
    for group in groups:
        group["active"] = any(entry["active"] for entry in group["items"])
    return {"nav_groups": groups, "user_roles": roles}
