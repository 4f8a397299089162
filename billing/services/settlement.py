"""Move-out settlement: damages and missing keys from the handover, closing utilities, the final bill, the
deposit applied to what is owed, and the refund or the balance due, on a settlement statement PDF."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.errors import DomainError
from documents.models import Document
from documents.money import yuan
from documents.services import document_render, notice_send
from documents.wording import in_tenant_language
from leasing.models import Lease
from tenancy.access import require_role
from tenancy.roles import Role

from ..document_kinds import SETTLEMENT_STATEMENT
from ..models import Bill, ChargeKind, DepositAccount, DepositMovement, Refund, Settlement, Tariff
from ..money import ZERO, money
from ..selectors import open_bills, tenant_credit
from ..wording import SystemText, handover_charge_text
from .bills import _issue, bill_issue_extra, charge_record, regular_number
from .deposits import Payee, deposit_account_for, deposit_take, refund_open
from .payments import PaymentInput, payment_record
from .settlement_gate import settlement_refusals
from .settlement_preview import SettlementPreview, settlement_preview


def handover_charges_record(*, lease: Lease, today: date, by: User) -> int:
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
                description=handover_charge_text(charge),
                amount=charge.amount,
                incurred_on=today,
                source=f"handover:{visit.pk}:{index}",
                by=by,
            )
            count += 1
    return count


def tariff_on(meter_kind: str, on: date, building_id: int | None = None) -> Decimal | None:
    """The price per unit of the meter kind in force on the date in the building (its own tariff, else the
    general one), or None when none is set."""
    in_force = Tariff.objects.filter(meter_kind=meter_kind, effective_from__lte=on).order_by(
        "-effective_from"
    )
    own = in_force.filter(building_id=building_id).first() if building_id is not None else None
    tariff = own or in_force.filter(building__isnull=True).first()
    return tariff.unit_price if tariff else None


# Who settles a lease at move-out (the page is finance's; tasks and other callers are held to it too).
SETTLERS: tuple[str, ...] = (Role.FINANCE,)


@transaction.atomic
def settlement_make(
    *, lease: Lease, by: User, today: date | None = None, payee: Payee | None = None
) -> Settlement:
    """Settle a lease at move-out as its preview shows: rent to the end date, closing utilities, damages,
    keys and the early-termination penalty billed; the deposit applied to the debts; the refund requested
    (a second person approves it); the statement and the refund notice sent to the tenant's inbox."""
    require_role(by, SETTLERS, _("Only finance settles a lease."))
    today = today or timezone.localdate()
    lease = Lease.objects.select_for_update().select_related("tenant", "building").get(pk=lease.pk)
    if hasattr(lease, "settlement"):
        raise DomainError(_("This lease has been settled already."))
    if lease.status not in (Lease.Status.NOTICE_GIVEN, Lease.Status.ENDED):
        raise DomainError(_("Only a lease with a move-out notice, or ended, is settled."))
    refusals = settlement_refusals(lease)  # the signed move-out confirmation, or management's reason
    if refusals:
        raise DomainError(" ".join(refusals))
    preview = settlement_preview(lease=lease, today=today)
    if preview.problems:
        raise DomainError(" ".join(preview.problems))
    _issue(
        preview.rent_bills,
        today=today,
        numbers=[regular_number(d) for d in preview.rent_bills],
        kind=Bill.Kind.REGULAR,
    )
    handover_charges_record(lease=lease, today=today, by=by)
    if preview.penalty > 0:
        charge_record(
            lease=lease,
            kind=ChargeKind.OTHER,
            description=SystemText(gettext_noop("Early termination penalty")),
            amount=preview.penalty,
            incurred_on=today,
            source=f"penalty:{lease.pk}",
            by=by,
        )
    bill_issue_extra(lease=lease, today=today, lines=preview.utility_lines)
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
    document = _render(settlement, preview, by)
    settlement.document_id = document.pk
    settlement.save(update_fields=["document_id"])
    refund = (
        refund_open(account=account, amount=settlement.refund_due, by=by, payee=payee)
        if (settlement.refund_due > 0)
        else None
    )
    _notify(settlement, document, refund, by)
    return settlement


def _notify(settlement: Settlement, document: Document, refund: Refund | None, by: User) -> None:
    """The tenant's inbox gets the statement, and the refund notice when a refund is due."""
    lease = settlement.lease
    with in_tenant_language(lease.tenant):  # in the tenant's language, not the settling clerk's
        _notify_in_language(settlement, document, refund, by)


def _notify_in_language(settlement: Settlement, document: Document, refund: Refund | None, by: User) -> None:
    lease = settlement.lease
    notice_send(
        tenant=lease.tenant,
        subject=_("Move-out settlement %(lease)s") % {"lease": lease.number},
        body=_("Your move-out settlement of lease %(lease)s: owed %(owed)s, deposit applied %(applied)s, "
               "balance due %(balance)s.")
        % {"lease": lease.number, "owed": settlement.owed, "applied": settlement.applied,
           "balance": settlement.balance_due},
        attachment=document,
        by=by,
    )  # fmt: skip
    if refund is not None:
        notice_send(
            tenant=lease.tenant,
            subject=_("Deposit refund %(lease)s") % {"lease": lease.number},
            body=_("%(amount)s of your deposit for lease %(lease)s will be refunded to %(payee)s, "
                   "%(bank)s, account %(account)s, once finance has approved the payment.")
            % {"amount": yuan(refund.amount), "lease": lease.number, "payee": refund.payee_name,
               "bank": refund.payee_bank or "—", "account": refund.payee_account or "—"},
            by=by,
        )  # fmt: skip


def _deposit_apply(
    *, lease: Lease, account: DepositAccount, amount: Decimal, today: date, by: User, key: str = ""
) -> None:
    """Apply the deposit to the tenant's open bills (``key`` tells a supplementary settlement's apart)."""
    deposit_take(account, amount)
    payment, _created = payment_record(
        data=PaymentInput(
            tenant=lease.tenant,
            amount=amount,
            method="deposit",
            received_on=today,
            idempotency_key=f"settlement:{lease.pk}" + (f":{key}" if key else ""),
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


def _render(settlement: Settlement, preview: SettlementPreview, by: User) -> Document:
    lease = settlement.lease
    context = {
        "settlement": settlement,
        "lease": lease,
        "preview": preview,
        "bills": list(lease.bills.order_by("due_date", "pk")),
    }
    with in_tenant_language(lease.tenant):
        return document_render(
            template="documents/forms/billing_settlement.html",
            context=context,
            kind=SETTLEMENT_STATEMENT,
            title=_("Move-out settlement %(lease)s") % {"lease": lease.number},
            tenant=lease.tenant,
            about=lease,
            by=by,
            number_prefix="ST",
        )
