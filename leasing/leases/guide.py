"""Where a draft lease's rent and management fee start from: the units' guide rent (CNY per m² per month,
kept on each unit) and the management fee the building's leases charge (a building has one fee rate)."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from documents.money import money

from ..models import Lease, RentBasis, Unit


def guide_rent(units: Iterable[Unit], basis: str) -> Decimal | None:
    """The units' guide rent in the lease's basis: per m² (weighted by area when the units differ), or the
    monthly amount (guide rent × gross area, summed); None when no unit has a guide rent."""
    units = list(units)
    if not any(unit.guide_rent for unit in units):
        return None
    monthly = sum((unit.guide_rent_monthly for unit in units), Decimal("0.00"))
    if basis == RentBasis.FIXED:
        return monthly
    return money(monthly / sum(unit.gross_area for unit in units))


def building_fee(units: Iterable[Unit], basis: str) -> Decimal | None:
    """The management fee per m² of the building's most recent lease charging per m², in the lease's basis
    (× the units' gross area for a fixed amount); None when no lease of the building states one."""
    units = list(units)
    if not units:
        return None
    rate = (
        Lease.objects.filter(building_id=units[0].building_id, fee_basis=RentBasis.PER_M2)
        .exclude(status=Lease.Status.CANCELLED)
        .order_by("-created_at", "-pk")
        .values_list("fee_rate", flat=True)
        .first()
    )
    if rate is None:
        return None
    return money(rate * sum(unit.gross_area for unit in units)) if basis == RentBasis.FIXED else rate


def guide_initial(units: Iterable[Unit]) -> dict[str, Any]:
    """Form values for a new draft over these units: rent and fee per m² from the guide, where known."""
    units = list(units)
    initial: dict[str, Any] = {"rent_basis": RentBasis.PER_M2, "fee_basis": RentBasis.PER_M2}
    rent, fee = guide_rent(units, RentBasis.PER_M2), building_fee(units, RentBasis.PER_M2)
    if rent is not None:
        initial["rent_rate"] = rent
    if fee is not None:
        initial["fee_rate"] = fee
    return initial
