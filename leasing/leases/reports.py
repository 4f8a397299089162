"""Managers' views of leasing: occupancy per building, leases ending soon, and the rent roll with export."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from tenancy.access import role_required
from tenancy.scope import scope

from ..models import Building
from . import selectors
from .exports import table_response
from .permissions import LEASE_REPORT_VIEWERS

ENDING_WINDOWS = (30, 60, 90)
RENT_ROLL_PER_PAGE = 25


@role_required(*LEASE_REPORT_VIEWERS)
def occupancy(request: HttpRequest) -> HttpResponse:
    """Business department, finance and management."""
    rows = selectors.occupancy_by_building(request.user)
    return render(request, "leasing/report_occupancy.html", {"rows": rows})


@role_required(*LEASE_REPORT_VIEWERS)
def leases_ending(request: HttpRequest) -> HttpResponse:
    """Business department, finance and management."""
    days = request.GET.get("days", "90")
    days_value = int(days) if days in {str(d) for d in ENDING_WINDOWS} else 90
    leases = list(selectors.leases_ending(days_value, user=request.user))
    context = {"leases": leases, "days": days_value, "windows": ENDING_WINDOWS}
    return render(request, "leasing/report_ending.html", context)


@role_required(*LEASE_REPORT_VIEWERS)
def rent_roll(request: HttpRequest) -> HttpResponse:
    """Business department, finance and management."""
    today = timezone.localdate()
    building_id = request.GET.get("building", "")
    buildings = scope(Building.objects.order_by("code"), request.user, "pk")
    building = buildings.filter(pk=building_id).first() if building_id.isdigit() else None
    leases = selectors.rent_roll(today, building, user=request.user)
    if request.GET.get("export") in ("csv", "xlsx"):
        return _rent_roll_export(request.GET["export"], selectors.rent_roll_rows(leases, today))
    page = Paginator(leases, RENT_ROLL_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "rows": selectors.rent_roll_rows(page.object_list, today),
        "page": page,
        "paginator": page.paginator,
        "today": today,
        "building": building,
        "buildings": buildings.values_list("pk", "name"),
    }
    return render(request, "leasing/report_rent_roll.html", context)


def _rent_roll_export(fmt: str, rows: list[selectors.RentRollRow]) -> HttpResponse:
    header = [_("Building"), _("Units"), _("Tenant"), _("Lease number"), _("Area (m²)"), _("Monthly rent"),
              _("Monthly management fee"), _("Start"), _("End")]  # fmt: skip
    data = (
        [
            row.lease.building.name,
            row.units,
            row.lease.tenant.name,
            row.lease.number,
            row.terms.area,
            row.terms.monthly_rent,
            row.terms.monthly_fee,
            row.lease.start_date,
            row.lease.effective_end,
        ]  # fmt: skip
        for row in rows
    )
    return table_response(fmt, f"rent-roll-{timezone.localdate():%Y%m%d}", header, data, money_columns=(5, 6))
