"""Move-out settlement: damages and missing keys from the handover, closing utilities, the final bill, the
deposit applied to what is owed, and the refund or the balance due, on a settlement statement PDF."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.errors import DomainError
from documents.models import Document
from documents.services import document_render
from leasing.models import Lease

from ..models import ChargeKind, DepositAccount, DepositMovement, Settlement, Tariff
from ..money import ZERO, money
from ..selectors import open_bills, tenant_credit
from .bills import bill_issue_extra, charge_record
from .deposits import deposit_account_for, deposit_take
from .payments import PaymentInput, payment_record
from .utilities import closing_utility_lines


def handover_charges_record(*, lease: Lease, today: date, by: Any) -> int:
    """Record as one-off charges what the signed move-out sheets charge (once each)."""
    from handover.models import Visit
    from handover.selectors import damage_charges_for

    count = 0
    for visit in Visit.objects.filter(lease=lease, kind=Visit.Kind.MOVE_OUT):
        for index, charge in enumerate(damage_charges_for(visit)):
            kind = ChargeKind.MISSING_KEY if charge.kind == "missing_key" else ChargeKind.DAMAGE
            charge_record(
                lease=lease,
                kind=kind,
                description=charge.description,
                amount=charge.amount,
                incurred_on=today,
                source=f"handover:{visit.pk}:{index}",
                by=by,
            )
            count += 1
    return count


def tariff_on(meter_kind: str, on: date) -> Decimal | None:
    """The price per unit of the meter kind in force on the date, or None when none is set."""
    tariff = (
        Tariff.objects.filter(meter_kind=meter_kind, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    return tariff.unit_price if tariff else None


@transaction.atomic
def settlement_make(*, lease: Lease, by: Any, today: date | None = None) -> Settlement:
    """Settle a lease at move-out: final bill, deposit applied to the debts, refund or balance due."""
    today = today or timezone.localdate()
    lease = Lease.objects.select_for_update().select_related("tenant", "building").get(pk=lease.pk)
    if hasattr(lease, "settlement"):
        raise DomainError(_("This lease has been settled already."))
    if lease.status not in (Lease.Status.NOTICE_GIVEN, Lease.Status.ENDED):
        raise DomainError(_("Only a lease with a move-out notice, or ended, is settled."))
    handover_charges_record(lease=lease, today=today, by=by)
    # Utilities from each meter's last billed reading (a monthly round's, else the opening one) to the
    # closing reading, on the final bill.
    bill_issue_extra(lease=lease, today=today, lines=closing_utility_lines(lease))
    account = deposit_account_for(lease)
    account = DepositAccount.objects.select_for_update().get(pk=account.pk)
    owed = money(
        sum((b.outstanding for b in open_bills(lease.tenant_id)), ZERO) - tenant_credit(lease.tenant_id)
    )
    held = account.held
    applied = max(min(held, owed), ZERO)
    if applied > 0:
        _deposit_apply(lease=lease, account=account, amount=applied, today=today, by=by)
    settlement = Settlement.objects.create(
        lease=lease,
        owed=max(owed, ZERO),
        deposit=held,
        applied=applied,
        refund_due=held - applied,
        balance_due=max(owed - applied, ZERO),
        by=by,
    )
    settlement.document_id = _render(settlement, by).pk
    settlement.save(update_fields=["document_id"])
    return settlement


def _deposit_apply(*, lease: Lease, account: DepositAccount, amount: Decimal, today: date, by: Any) -> None:
    deposit_take(account, amount)
    payment, _created = payment_record(
        data=PaymentInput(
            tenant=lease.tenant,
            amount=amount,
            method="deposit",
            received_on=today,
            idempotency_key=f"settlement:{lease.pk}",
            reference=lease.number,
        ),
        by=by,
    )
    DepositMovement.objects.create(
        account=account,
        kind=DepositMovement.Kind.APPLIED,
        amount=amount,
        on=today,
        entry=payment.entry,
        by=by,
    )


def _render(settlement: Settlement, by: Any) -> Document:
    lease = settlement.lease
    return document_render(
        template="documents/forms/billing_settlement.html",
        context={"settlement": settlement, "lease": lease, "bills": list(lease.bills.order_by("due_date"))},
        kind=Document.Kind.SETTLEMENT_STATEMENT,
        title=_("Move-out settlement %(lease)s") % {"lease": lease.number},
        tenant=lease.tenant,
        about=lease,
        by=by,
        number_prefix="ST",
    )
