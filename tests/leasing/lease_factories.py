"""Leases for tests: drafted through the service (as the business department would), or created directly in a
later status (skipping the PDF rendering of signing) with the units they hold."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from leasing.leases.reviews import review_approve
from leasing.leases.services import DraftTerms, lease_create
from leasing.models import Lease, LeaseUnit, LegalReview, Unit
from leasing.occupancy import lease_units_refresh
from tests.factories import TenantFactory, UserFactory
from tests.leasing.factories import BuildingFactory, UnitFactory

START = date(2026, 1, 1)
END = date(2027, 12, 31)


def terms(**overrides: Any) -> DraftTerms:
    values: dict[str, Any] = {
        "start_date": START,
        "end_date": END,
        "rent_rate": Decimal("6.50"),
        "fee_rate": Decimal("1.20"),
    }
    return DraftTerms(**{**values, **overrides})


def business_user() -> Any:
    return UserFactory(roles=["business"])


def draft_lease(
    *,
    units: list[Unit] | None = None,
    tenant: Any = None,
    by: Any = None,
    approved: bool = True,
    **overrides: Any,
) -> Lease:
    """A draft lease over the units (one new unit by default) for the tenant (a new one by default), approved
    by legal unless ``approved=False`` (then its review is waiting)."""
    lease = lease_create(
        tenant=tenant or TenantFactory(),
        units=units or [UnitFactory()],
        terms=terms(**overrides),
        by=by or business_user(),
    )
    if approved:
        legal_approve(lease)
    return lease


def legal_approve(lease: Lease, amendment: Any = None) -> Any:
    """Legal approves the pending review of the draft (or amendment), if one waits, so it may be signed."""
    review = LegalReview.objects.filter(
        lease=lease, amendment=amendment, status=LegalReview.Status.PENDING
    ).first()
    return review and review_approve(review=review, by=UserFactory(roles=["legal"]))


def lease_in(status: str, *, units: list[Unit] | None = None, tenant: Any = None, **overrides: Any) -> Lease:
    """A lease already in ``status`` (signed, active...), with its units held and their status derived from
    it (by the one writer, as the services do)."""
    lease = draft_lease(units=units, tenant=tenant, **overrides)
    Lease.objects.filter(pk=lease.pk).update(status=status)
    lease_units_refresh([lease.pk])
    lease.refresh_from_db()
    return lease


def building_with_units(count: int = 2) -> list[Unit]:
    building = BuildingFactory()
    return [UnitFactory(building=building) for _ in range(count)]


__all__ = [
    "END",
    "START",
    "LeaseUnit",
    "building_with_units",
    "business_user",
    "document_root_fixture",
    "draft_lease",
    "lease_in",
    "legal_approve",
    "terms",
]


@pytest.fixture(name="document_root")
def document_root_fixture(settings, tmp_path):
    """Rendered and uploaded documents go to a fresh folder (import into a test module)."""
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return settings.DOCUMENT_ROOT
