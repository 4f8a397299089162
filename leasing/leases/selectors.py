"""Read side of leases: the contract ledger, a lease's page, the managers' reports.

Each page costs a constant number of queries."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from documents.actors import AnyUser
from documents.models import Document
from documents.money import TENTH, half_up
from documents.selectors import documents_about
from documents.wording import join_list
from tenancy.scope import scope, scoped_or_404

from ..models import Amendment, Building, Lease, LeaseUnit, RenewalCase, Unit
from .terms import LeaseTerms, lease_terms_on

SIGNED_AMENDMENTS = Prefetch(
    "amendments",
    queryset=Amendment.objects.filter(status=Amendment.Status.SIGNED)
    .prefetch_related("units")
    .order_by("version"),
    to_attr="signed_amendments",
)
HELD_UNITS = Prefetch(
    "lease_units",
    queryset=LeaseUnit.objects.filter(blocking=True).select_related("unit").order_by("unit__code"),
    to_attr="held_units",
)


def lease_list(user: AnyUser | None = None) -> QuerySet[Lease]:
    """The contract ledger: every lease of the user's buildings with its tenant, building and held units,
    newest start first."""
    return (
        scope(Lease.objects.all(), user, "building")
        .select_related("tenant", "building")
        .prefetch_related(HELD_UNITS)
        .order_by("-start_date", "-pk")
    )


def lease_get(pk: int, user: AnyUser | None = None) -> Lease:
    """The lease, if it is in one of the user's buildings (404 otherwise)."""
    leases = Lease.objects.select_related("tenant", "building", "previous", "created_by", "application")
    return scoped_or_404(leases, user, "building", pk=pk)


def lease_current_terms(lease: Lease, on: date | None = None) -> LeaseTerms:
    return lease_terms_on(lease, on or timezone.localdate())


def lease_documents(lease: Lease) -> list[Document]:
    """The lease's documents: the signed summary, the amendments', the expiry letters."""
    documents = list(documents_about(lease))
    amendment_ids = list(lease.amendments.values_list("signed_document_id", flat=True))
    case_ids = list(lease.renewal_cases.values_list("pk", flat=True))
    documents += list(Document.objects.filter(pk__in=[pk for pk in amendment_ids if pk]))
    documents += [d for case in lease.renewal_cases.all() for d in documents_about(case)] if case_ids else []
    return sorted(documents, key=lambda d: d.created_at, reverse=True)


def lease_units_in_force(lease: Lease, on: date) -> list[LeaseUnit]:
    return list(
        lease.lease_units.filter(blocking=True, start_date__lte=on, end_date__gte=on)
        .select_related("unit__floor")
        .order_by("unit__code")
    )


def renewal_case_list(user: AnyUser | None = None) -> QuerySet[RenewalCase]:
    """Renewal cases of the user's buildings, due first."""
    cases = scope(RenewalCase.objects.all(), user, "lease__building")
    return cases.select_related("lease__tenant", "lease__building", "owner").order_by("due_date", "pk")


def leases_ending(days: int, today: date | None = None, user: AnyUser | None = None) -> QuerySet[Lease]:
    """Live leases of the user's buildings whose current term ends within ``days`` days from today."""
    today = today or timezone.localdate()
    return (
        lease_list(user)
        .filter(
            status__in=Lease.LIVE, effective_end__gte=today, effective_end__lte=today + timedelta(days=days)
        )
        .order_by("effective_end", "pk")
    )


@dataclass(frozen=True)
class Occupancy:
    building: Building
    units: int
    occupied: int
    reserved: int
    vacant: int
    area: Decimal
    occupied_area: Decimal

    @property
    def rate(self) -> Decimal | None:
        if not self.area:
            return None
        return half_up(Decimal(100) * self.occupied_area / self.area, TENTH)


def occupancy_by_building(user: AnyUser | None = None) -> list[Occupancy]:
    """Units and gross area per building of the user's and status (one aggregate query)."""
    occupied, reserved = Q(units__status=Unit.Status.OCCUPIED), Q(units__status=Unit.Status.RESERVED)
    buildings = (
        scope(Building.objects.all(), user, "pk")
        .annotate(
            n=Count("units"),
            n_occupied=Count("units", filter=occupied),
            n_reserved=Count("units", filter=reserved),
            n_vacant=Count("units", filter=Q(units__status=Unit.Status.VACANT)),
            area=Sum("units__gross_area"),
            occupied_area=Sum("units__gross_area", filter=occupied),
        )
        .order_by("code")
    )
    return [
        Occupancy(
            b,
            b.n,
            b.n_occupied,
            b.n_reserved,
            b.n_vacant,
            b.area or Decimal(0),
            b.occupied_area or Decimal(0),
        )
        for b in buildings
    ]


@dataclass(frozen=True)
class RentRollRow:
    lease: Lease
    units: str
    terms: LeaseTerms


def rent_roll(
    today: date | None = None, building: Any = None, user: AnyUser | None = None
) -> QuerySet[Lease]:
    """Live leases of the user's buildings in force today with what the terms need (tenant, building, units,
    signed amendments)."""
    today = today or timezone.localdate()
    leases = (
        scope(Lease.objects.filter(status__in=Lease.RUNNING), user, "building")
        .select_related("tenant", "building")
        .prefetch_related(HELD_UNITS, SIGNED_AMENDMENTS)
        .order_by("building_id", "number")
    )
    return leases.filter(building=building) if building else leases


def rent_roll_rows(leases: Any, today: date | None = None) -> list[RentRollRow]:
    today = today or timezone.localdate()
    rows = []
    for lease in leases:
        # A lease holding over runs on the terms of its last day (the tenant is still in those units).
        on = min(today, lease.effective_end) if lease.status == Lease.Status.HOLDING_OVER else today
        terms = lease_terms_on(lease, on, amendments=lease.signed_amendments, lease_units=lease.held_units)
        in_force = {u.unit_id: u.unit.code for u in lease.held_units if u.start_date <= on <= u.end_date}
        rows.append(RentRollRow(lease, join_list(in_force.values()), terms))
    return rows
