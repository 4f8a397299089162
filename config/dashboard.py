"""The staff dashboard: each app's counts in sections, each shown only to the roles that act on it.

config sits above every app, so it may ask them all. A section costs one or a few aggregate queries; showing a
role only its sections keeps the page cheap however many apps add counts.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from billing import selectors as billing_selectors
from leasing import selectors as leasing_selectors
from servicedesk import selectors as servicedesk_selectors
from tenancy import selectors as tenancy_selectors
from tenancy.access import role_required, user_roles
from tenancy.intake import selectors as intake_selectors
from tenancy.roles import ALL_STAFF, Role


@dataclass(frozen=True)
class Section:
    title: str | Promise
    cards: Callable[[], list[dict]]
    roles: tuple[str, ...] = ALL_STAFF


TENANT_DESKS = (Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT)
BILLING_DESKS = (Role.FRONT_DESK, Role.FINANCE, Role.MANAGEMENT)

SECTIONS: tuple[Section, ...] = (
    Section(
        _("Applications and credit"),
        intake_selectors.dashboard_cards,
        (Role.FRONT_DESK, Role.BUSINESS, Role.LEGAL, Role.FINANCE, Role.MANAGEMENT),
    ),
    Section(_("Tenants"), tenancy_selectors.dashboard_cards, TENANT_DESKS),
    Section(_("Space"), leasing_selectors.dashboard_cards),
    Section(_("Leases"), leasing_selectors.lease_dashboard_cards, TENANT_DESKS),
    Section(_("Service desk"), servicedesk_selectors.dashboard_cards),
    Section(billing_selectors.DASHBOARD_TITLE, billing_selectors.dashboard_cards, BILLING_DESKS),
)


def home(request: HttpRequest) -> HttpResponse:
    """Staff land on the dashboard, tenants on their portal, everyone else on the login page."""
    if not request.user.is_authenticated:
        return redirect("login")
    if not request.user.is_staff:
        return redirect("portal:home")
    return dashboard(request)


@role_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    """All staff roles; each sees the sections of its work."""
    roles = user_roles(request.user)
    shown = [section for section in SECTIONS if roles & set(section.roles)]
    sections = [{"title": section.title, "cards": section.cards()} for section in shown]
    cards = [card for section in sections for card in section["cards"]]
    return render(request, "dashboard.html", {"sections": sections, "cards": cards})
