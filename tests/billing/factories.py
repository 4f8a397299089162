"""Billing test data: active leases (through leasing's factories), issued bills, payments."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from billing.models import Bill
from billing.services.bills import billing_run
from billing.services.payments import PaymentInput, payment_record
from leasing.models import Lease, PaymentCycle
from tests.documents.factories import DocumentFactory
from tests.leasing.lease_factories import lease_in

MARCH = date(2026, 3, 1)
# A run issued a week before March: the lease's due day (5th) is later than the building's 7 days to pay.
ISSUED_AHEAD = date(2026, 2, 22)


def active_lease(**overrides: Any) -> Lease:
    """An active monthly lease from 1 Jan 2026: 6.50/m² rent and 1.20/m² fee on one unit."""
    values: dict[str, Any] = {"payment_cycle": PaymentCycle.MONTHLY, "due_day": 5}
    return lease_in(Lease.Status.ACTIVE, **{**values, **overrides})


def issued_bill(lease: Lease | None = None, month: date = MARCH, today: date | None = None) -> Bill:
    lease = lease or active_lease()
    billing_run(month=month, today=today or month)
    return Bill.objects.get(lease=lease, period_start__month=month.month, period_start__year=month.year)


def pay(
    tenant: Any, amount: str | Decimal, *, by: Any, on: date = MARCH, key: str | None = None, **extra: Any
):
    data = PaymentInput(
        tenant=tenant,
        amount=Decimal(amount),
        method=extra.pop("method", "transfer"),
        received_on=on,
        idempotency_key=key or uuid.uuid4().hex,
        reference=extra.pop("reference", ""),
    )
    return payment_record(data=data, by=by, **extra)[0]


def move_out_confirmed(lease: Lease, *, signed: bool = True, signed_at: Any = None) -> Any:
    """A move-out visit of the lease's unit with its move-out confirmation (《退租交接确认书》) signed (or a
    draft), as the settlement requires."""
    from django.utils import timezone

    from handover.models import Sheet, Visit

    visit = Visit.objects.create(
        kind=Visit.Kind.MOVE_OUT,
        lease=lease,
        unit=lease.units.order_by("code").first(),
        tenant=lease.tenant,
        visit_date=date(2026, 3, 31),
    )
    return Sheet.objects.create(
        visit=visit,
        kind=Sheet.Kind.MOVE_OUT,
        status=Sheet.Status.SIGNED if signed else Sheet.Status.DRAFT,
        signed_at=(signed_at or timezone.now()) if signed else None,
        content_sha256="0" * 64 if signed else "",
        document=DocumentFactory() if signed else None,
    )
