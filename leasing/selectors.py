"""Read-side queries for the space inventory: each page costs a constant number of queries."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from documents.actors import AnyUser
from documents.money import TENTH, half_up
from tenancy.scope import scope, scoped_or_404

from .models import Building, Floor, Unit

UNIT_ORDER = ("building__code", "floor__number", "code")

# Dashboard: the statuses someone acts on, each with its icon.
DASHBOARD_STATUSES: tuple[tuple[str, str], ...] = (
    (Unit.Status.VACANT, "door-open"),
    (Unit.Status.RESERVED, "bookmark-check"),
    (Unit.Status.OCCUPIED, "building-check"),
    (Unit.Status.FIT_OUT, "tools"),
)


def unit_list(user: AnyUser | None = None) -> QuerySet[Unit]:
    """Units of the user's buildings with their building and floor, by building, floor and code."""
    return scope(Unit.objects.select_related("building", "floor"), user, "building").order_by(*UNIT_ORDER)


def unit_get(pk: int, user: AnyUser | None = None) -> Unit:
    """The unit, if it is in one of the user's buildings (404 otherwise)."""
    return scoped_or_404(Unit.objects.select_related("building", "floor"), user, "building", pk=pk)


def unit_list_url(**params: object) -> str:
    """The unit list filtered by the given parameters (e.g. status=..., building=...)."""
    return f"{reverse('leasing:unit-list')}?{urlencode(params)}" if params else reverse("leasing:unit-list")


def building_list(user: AnyUser | None = None) -> QuerySet[Building]:
    """The user's buildings with their unit counts and the gross area let, for the occupancy column."""
    occupied = Q(units__status=Unit.Status.OCCUPIED)
    return (
        scope(Building.objects.select_related("office"), user, "pk")
        .annotate(
            unit_count=Count("units"),
            occupied_count=Count("units", filter=occupied),
            vacant_count=Count("units", filter=Q(units__status=Unit.Status.VACANT)),
            gross_total=Sum("units__gross_area"),
            occupied_area=Sum("units__gross_area", filter=occupied),
        )
        .order_by("code")
    )


def building_get(pk: int, user: AnyUser | None = None) -> Building:
    """The building, if it is one of the user's (404 otherwise)."""
    return scoped_or_404(Building.objects.select_related("office"), user, "pk", pk=pk)


def occupancy_rate(occupied_area: Decimal | None, gross_total: Decimal | None) -> Decimal | None:
    """Share of the gross area that is occupied, in percent with one decimal; None without units."""
    if not gross_total:
        return None
    return half_up(Decimal(100) * (occupied_area or 0) / gross_total, TENTH)


def building_floors(building: Building) -> QuerySet[Floor]:
    """The building's floors, top first, each with its unit counts and areas."""
    return building.floors.annotate(
        unit_count=Count("units"),
        vacant_count=Count("units", filter=Q(units__status=Unit.Status.VACANT)),
        occupied_count=Count("units", filter=Q(units__status=Unit.Status.OCCUPIED)),
        gross_total=Sum("units__gross_area"),
    ).order_by("-number")


@dataclass(frozen=True)
class StatusLine:
    status: str
    label: str
    count: int
    gross_area: Decimal
    url: str


def building_status_summary(building: Building) -> list[StatusLine]:
    """For each unit status: how many units of the building and how much gross area, with a link to them."""
    rows = {
        row["status"]: row
        for row in building.units.order_by()
        .values("status")
        .annotate(count=Count("pk"), area=Sum("gross_area"))
    }
    return [
        StatusLine(
            status=status,
            label=str(label),
            count=rows.get(status, {}).get("count", 0),
            gross_area=rows.get(status, {}).get("area") or Decimal("0.00"),
            url=unit_list_url(building=building.pk, status=status),
        )
        for status, label in Unit.Status.choices
    ]


def dashboard_counts() -> dict[str, QuerySet]:
    """Units per status (one count per status)."""
    shown = Unit.objects.filter(status__in=[status for status, _icon in DASHBOARD_STATUSES])
    return {"status": shown.values("status").annotate(n=Count("pk"))}


def dashboard_cards(counts: Mapping[str, Any]) -> list[dict]:
    """Units by status, each card linking to the filtered unit list."""
    labels = {
        Unit.Status.VACANT: _("Vacant units"),
        Unit.Status.RESERVED: _("Reserved units"),
        Unit.Status.OCCUPIED: _("Occupied units"),
        Unit.Status.FIT_OUT: _("Units under fit-out"),
    }
    return [
        {
            "label": labels[status],
            "value": counts["status"].get(status, 0),
            "url": unit_list_url(status=status),
            "icon": icon,
        }
        for status, icon in DASHBOARD_STATUSES
    ]


def lease_dashboard_counts() -> dict[str, QuerySet]:
    """Leases ending within 60 days, renewal cases awaiting the tenant's answer, leases holding over."""
    from .models import Lease, RenewalCase

    today = timezone.localdate()
    return {
        "ending": Lease.objects.filter(
            status__in=Lease.LIVE, effective_end__gte=today, effective_end__lte=today + timedelta(days=60)
        ),
        "open_cases": RenewalCase.objects.filter(intent=RenewalCase.Intent.UNDECIDED),
        "holding_over": Lease.objects.filter(status=Lease.Status.HOLDING_OVER),
    }


def lease_dashboard_cards(counts: Mapping[str, int]) -> list[dict]:
    return [
        {
            "label": _("Leases ending within 60 days"),
            "value": counts["ending"],
            "url": reverse("leasing:report-ending") + "?days=60",
            "icon": "hourglass-split",
        },
        {
            "label": _("Open renewal cases"),
            "value": counts["open_cases"],
            "url": reverse("leasing:renewal-case-list"),
            "icon": "arrow-repeat",
        },
        {
            "label": _("Leases holding over"),
            "value": counts["holding_over"],
            "url": reverse("leasing:lease-list") + "?status=holding_over",
            "icon": "exclamation-triangle",
        },
    ]
