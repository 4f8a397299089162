"""Fit-out deposits (装修押金): billed to the tenant, held as a liability once that bill is paid, fines and
damages deducted from it (the part it cannot cover becomes a charge on the next bill), the rest refunded
through the deposit refund approval. For fit-out, which asks; billing never imports fit-out."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.errors import DomainError
from documents.services import document_number_next
from leasing.models import Lease

from ..models import Account, Bill, BillLine, ChargeKind, DepositAccount, DepositMovement, Refund
from ..money import ZERO, money
from ..wording import SystemText, text_fields
from .bills import charge_record
from .charges import earliest_due_date
from .deposits import deposit_take, refund_request
from .ledger import credit, debit, entry_post, period_check_open

FITOUT_BILL_PREFIX = "BD"


@dataclass(frozen=True)
class Deduction:
    """What a fine or a damage took from the deposit, and what was left to bill."""

    deducted: Decimal
    billed: Decimal


@transaction.atomic
def fitout_deposit_bill(
    *,
    lease: Lease,
    amount: Decimal | None,
    reference: str,
    due_date: date,
    by: User,
    today: date | None = None,
) -> DepositAccount:
    """Bill the fit-out deposit: a receivable and a liability to the tenant (deposits are never income)."""
    today = today or timezone.localdate()
    if amount is None or money(amount) <= 0:
        raise DomainError(_("The amount must be above zero."), field="amount")
    lease = Lease.objects.select_related("tenant", "building").get(pk=lease.pk)
    earliest = earliest_due_date(today, lease.building.bill_payment_days)
    if due_date < earliest:
        raise DomainError(
            _("A bill of this building falls due on %(date)s at the earliest.") % {"date": earliest},
            field="due_date",
        )
    if DepositAccount.objects.filter(purpose=DepositAccount.Purpose.FITOUT, reference=reference).exists():
        raise DomainError(_("The fit-out deposit of %(ref)s has been billed already.") % {"ref": reference})
    period_check_open(today)
    amount = money(amount)
    number = document_number_next(prefix=FITOUT_BILL_PREFIX)
    description = SystemText(gettext_noop("Fit-out deposit %(ref)s"), ref=reference)
    entry = entry_post(
        on=today,
        memo=SystemText(gettext_noop("Bill %(number)s"), number=number),
        source=f"bill:{number}",
        legs=[
            debit(Account.RECEIVABLE, amount, lease.tenant_id),
            credit(Account.DEPOSITS_HELD, amount, lease.tenant_id),
        ],
        tenant=lease.tenant,
        building=lease.building,
    )
    bill = Bill.objects.create(
        number=number,
        kind=Bill.Kind.EXTRA,
        tenant=lease.tenant,
        lease=lease,
        building=lease.building,
        period_start=today,
        period_end=today,
        issue_date=today,
        due_date=due_date,
        total=amount,
        entry=entry,
    )
    text, key, params = text_fields(description)
    BillLine.objects.create(
        bill=bill,
        kind=ChargeKind.FITOUT_DEPOSIT,
        description=text,
        description_key=key,
        description_params=params,
        amount=amount,
    )
    return DepositAccount.objects.create(
        lease=lease,
        tenant=lease.tenant,
        purpose=DepositAccount.Purpose.FITOUT,
        reference=reference,
        bill=bill,
    )


def fitout_deposit_is_paid(account: DepositAccount) -> bool:
    return bool(
        account.bill_id and Bill.objects.filter(pk=account.bill_id, settled_on__isnull=False).exists()
    )


@transaction.atomic
def fitout_deposit_collect(*, account: DepositAccount, by: User | None) -> bool:
    """Once its bill is paid, the deposit holds the amount (once: the movement is the bill's posting)."""
    account = DepositAccount.objects.select_for_update(of=("self",)).select_related("bill").get(pk=account.pk)
    if account.purpose != DepositAccount.Purpose.FITOUT or account.bill is None:
        raise DomainError(_("This is not a fit-out deposit."))
    if account.bill.settled_on is None:
        return False
    if DepositMovement.objects.filter(entry_id=account.bill.entry_id).exists():
        return True
    DepositAccount.objects.filter(pk=account.pk).update(held=F("held") + account.bill.total)
    DepositMovement.objects.create(
        account=account,
        kind=DepositMovement.Kind.RECEIVED,
        amount=account.bill.total,
        on=account.bill.settled_on,
        entry_id=account.bill.entry_id,
        by=by,
    )
    return True


def fitout_deposit_remaining(account: DepositAccount) -> Decimal:
    return DepositAccount.objects.values_list("held", flat=True).get(pk=account.pk)


@transaction.atomic
def fitout_deposit_deduct(
    *,
    account: DepositAccount,
    amount: Decimal | None,
    kind: str,
    description: "str | SystemText",
    source: str,
    bill_excess: bool,
    by: User,
    today: date | None = None,
) -> Deduction:
    """Deduct a fine or damages from the deposit; what it cannot cover is charged on the next bill.

    Refused (at ``amount``) when the deposit holds less and ``bill_excess`` was not confirmed.
    """
    today = today or timezone.localdate()
    if amount is None or money(amount) <= 0:
        raise DomainError(_("The amount must be above zero."), field="amount")
    if kind not in (ChargeKind.FITOUT_FINE, ChargeKind.DAMAGE):
        raise ValueError(f"A fit-out deduction is a fine or damage, not {kind!r}.")
    amount = money(amount)
    account = DepositAccount.objects.select_for_update().select_related("lease").get(pk=account.pk)
    held = account.held
    deducted = min(amount, held)
    excess = amount - deducted
    if excess > 0 and not bill_excess:
        raise DomainError(
            _(
                "The deposit has only %(held)s left. Tick “bill the excess” to deduct %(held)s from the "
                "deposit and bill the other %(excess)s to the tenant."
            )
            % {"held": held, "excess": excess},
            field="amount",
        )
    if deducted > 0:
        _deposit_apply(account, deducted, description=description, source=source, today=today, by=by)
    if excess > 0:
        charge_record(
            lease=account.lease,
            kind=kind,
            description=description,
            amount=excess,
            incurred_on=today,
            source=f"{source}:excess"[:80],
            by=by,
        )
    return Deduction(deducted=deducted, billed=excess)


def _deposit_apply(
    account: DepositAccount,
    amount: Decimal,
    *,
    description: "str | SystemText",
    source: str,
    today: date,
    by: User,
) -> None:
    period_check_open(today)
    deposit_take(account, amount)
    entry = entry_post(
        on=today,
        memo=description,
        source=source[:40],
        legs=[debit(Account.DEPOSITS_HELD, amount, account.tenant_id), credit(Account.OTHER_INCOME, amount)],
        tenant=account.tenant,
        building=account.lease.building,
    )
    DepositMovement.objects.create(
        account=account, kind=DepositMovement.Kind.APPLIED, amount=amount, on=today, entry=entry, by=by
    )


def fitout_deposit_refund(*, account: DepositAccount, by: User) -> Refund | None:
    """Refund what the deposit still holds through the refund approval; None when nothing is left."""
    held = fitout_deposit_remaining(account)
    if held <= ZERO:
        return None
    return refund_request(account=account, amount=held, by=by)
