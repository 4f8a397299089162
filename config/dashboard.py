"""The staff dashboard: composes each app's counts (config sits above every app, so it may ask them all)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tenancy.access import role_required


def home(request: HttpRequest) -> HttpResponse:
    """Staff land on the dashboard, tenants on their portal, everyone else on the login page."""
    if not request.user.is_authenticated:
        return redirect("login")
    if not request.user.is_staff:
        return redirect("portal:home")
    return dashboard(request)


@role_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    """All staff roles."""
    return render(request, "dashboard.html", {"cards": _cards()})


def _cards() -> list[dict]:
    from leasing import selectors as leasing_selectors
    from servicedesk import selectors as servicedesk_selectors
    from tenancy import selectors as tenancy_selectors
    from tenancy.intake import selectors as tenancy_intake_selectors

    return [
        *tenancy_selectors.dashboard_cards(),
        *tenancy_intake_selectors.dashboard_cards(),
        *leasing_selectors.dashboard_cards(),
        *leasing_selectors.lease_dashboard_cards(),
        *servicedesk_selectors.dashboard_cards(),
    ]
