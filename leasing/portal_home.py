"""Leasing's part of the portal home: the building notices in force, the leases with their units, term and
days to expiry, and the renewal question waiting for the tenant's answer."""

from datetime import date
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import CharField, Count, F, OuterRef, Value, Window
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenancy.portal_home import PORTAL_HOME, HomeBlock, WaitingItem, WaitingSource, buildings_named
from tenancy.portal_roles import COMPANY_ACTORS

from .leases.portal import PORTAL_STATUSES
from .models import BuildingNotice, Lease, LeaseUnit, RenewalCase

LEASES_SHOWN = 6
NOTICES_SHOWN = 5
# Leases ending within this many days are marked on the home page.
EXPIRY_WARNING_DAYS = 90


def leases_context(request: HttpRequest) -> dict[str, Any]:
    """The tenant's leases still running (signed, active, under notice, holding over), ending soonest first,
    with the units they hold; the count covers them all. One query."""
    today = timezone.localdate()
    held_codes = (
        LeaseUnit.objects.filter(lease=OuterRef("pk"), blocking=True)
        .order_by("unit__code")
        .values("unit__code")
    )
    leases = list(
        Lease.objects.filter(tenant=request.tenant, status__in=Lease.LIVE)  # type: ignore[attr-defined]
        .select_related("building")
        .annotate(live_count=Window(Count("pk")), unit_codes=ArraySubquery(held_codes))
        .order_by("effective_end", "pk")[:LEASES_SHOWN]
    )
    for lease in leases:
        lease.days_left = (lease.effective_end - today).days  # type: ignore[attr-defined]
        lease.ending_soon = lease.days_left <= EXPIRY_WARNING_DAYS  # type: ignore[attr-defined]
    return {
        "leases": leases,
        "count": leases[0].live_count if leases else 0,
        "show_building": buildings_named(lease.building.name for lease in leases),
    }


def notices_context(request: HttpRequest) -> dict[str, Any] | None:
    """The building notices in force today that reached the tenant, urgent ones first; hidden when none."""
    today = timezone.localdate()
    letters = list(
        BuildingNotice.letters.through.objects.filter(
            notice__tenant=request.tenant,  # type: ignore[attr-defined]
            buildingnotice__valid_from__lte=today,
            buildingnotice__valid_until__gte=today,
        )
        .select_related("buildingnotice__building", "notice")
        .order_by("-buildingnotice__urgent", "-buildingnotice__created_at", "-pk")[:NOTICES_SHOWN]
    )
    if not letters:
        return None
    return {"letters": letters}


def renewals_waiting(tenant: Any) -> Any:
    """Renewal questions the management asked about a live lease, not yet answered."""
    return (
        RenewalCase.objects.filter(
            lease__tenant=tenant,
            lease__status__in=PORTAL_STATUSES,
            intent=RenewalCase.Intent.UNDECIDED,
            term_end=F("lease__effective_end"),
        )
        .annotate(
            w_kind=Value("renewal", output_field=CharField()),
            w_pk=F("lease_id"),
            w_ref=F("lease__number"),
            w_building=F("lease__building__name"),
        )
        .order_by("due_date", "pk")
        .values_list("w_kind", "w_pk", "w_ref", "w_building", "due_date")
    )


def _renewal_item(lease_pk: int, number: str, building: str, due: date | None) -> WaitingItem:
    url = reverse("portal:lease-detail", args=[lease_pk])
    return WaitingItem(_("Renew or leave?"), number, url, _("Give your answer"), building, due)


def register() -> None:
    PORTAL_HOME.register(
        HomeBlock("building-notices", 5, "leasing/portal/_home_notices.html", notices_context)
    )
    PORTAL_HOME.register(HomeBlock("leases", 50, "leasing/portal/_home_leases.html", leases_context))
    PORTAL_HOME.register_waiting(WaitingSource("renewal", renewals_waiting, _renewal_item, COMPANY_ACTORS))
