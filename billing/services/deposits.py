"""Deposits: received and held as a liability, applied to debts, refunded (above a threshold only with a
second approver who is not the requester); never more than is held, even when asked twenty times at once."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.errors import DomainError
from leasing.models import Lease

from ..models import Account, DepositAccount, DepositMovement, Refund
from ..money import money
from .ledger import credit, debit, entry_post, period_check_open
from .payments import METHOD_ACCOUNT


def refund_approval_threshold() -> Decimal:
    return money(getattr(settings, "BILLING_REFUND_APPROVAL_ABOVE", 10000))


def deposit_account_for(lease: Lease) -> DepositAccount:
    account, _created = DepositAccount.objects.get_or_create(
        lease=lease, purpose=DepositAccount.Purpose.LEASE, defaults={"tenant_id": lease.tenant_id}
    )
    return account


@transaction.atomic
def deposit_receive(
    *, lease: Lease, amount: Decimal | None, method: str, on: date, by: Any
) -> DepositMovement:
    """The tenant pays the deposit: money in the bank (or cash), a liability to the tenant, not income."""
    if amount is None or money(amount) <= 0:
        raise DomainError(_("The amount must be above zero."), field="amount")
    if method not in (m for m in METHOD_ACCOUNT if m != "deposit"):
        raise DomainError(_("Choose how the money was paid."), field="method")
    period_check_open(on, field="on")
    amount = money(amount)
    account = deposit_account_for(lease)
    entry = entry_post(
        on=on,
        memo=_("Deposit received for lease %(lease)s") % {"lease": lease.number},
        source=f"deposit:{lease.pk}",
        legs=[debit(METHOD_ACCOUNT[method], amount), credit(Account.DEPOSITS_HELD, amount, lease.tenant_id)],
        tenant=lease.tenant,
        building=lease.building,
    )
    DepositAccount.objects.filter(pk=account.pk).update(held=F("held") + amount)
    return DepositMovement.objects.create(
        account=account, kind=DepositMovement.Kind.RECEIVED, amount=amount, on=on, entry=entry, by=by
    )


def deposit_take(account: DepositAccount, amount: Decimal) -> None:
    """Take money out of the deposit, compare-and-set: refused when it holds less (whoever asked first)."""
    if not DepositAccount.objects.filter(pk=account.pk, held__gte=amount).update(held=F("held") - amount):
        raise DomainError(_("The deposit holds less than that."), field="amount")


@transaction.atomic
def refund_request(*, account: DepositAccount, amount: Decimal | None, by: Any) -> Refund:
    """Ask to refund part or all of a deposit; at or below the threshold it is paid at once."""
    if amount is None or money(amount) <= 0:
        raise DomainError(_("The amount must be above zero."), field="amount")
    amount = money(amount)
    account = DepositAccount.objects.select_related("lease").get(pk=account.pk)
    if amount > account.held:
        raise DomainError(
            _("The deposit holds %(held)s; a refund cannot exceed it.") % {"held": account.held},
            field="amount",
        )
    refund = Refund.objects.create(account=account, amount=amount, requested_by=by)
    if amount <= refund_approval_threshold():
        _refund_pay(refund, by=by)
    return refund


@transaction.atomic
def refund_approve(*, refund: Refund, by: Any) -> Refund:
    """A second person approves a refund above the threshold; it is paid then."""
    refund = Refund.objects.select_for_update().select_related("account__lease").get(pk=refund.pk)
    if refund.status != Refund.Status.REQUESTED:
        raise DomainError(_("This refund has already been decided."))
    if refund.requested_by_id == getattr(by, "pk", None):
        raise DomainError(_("A refund is approved by someone other than who asked for it."))
    refund.approved_by = by
    _refund_pay(refund, by=by)
    return refund


@transaction.atomic
def refund_reject(*, refund: Refund, by: Any) -> Refund:
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    if refund.status != Refund.Status.REQUESTED:
        raise DomainError(_("This refund has already been decided."))
    Refund.objects.filter(pk=refund.pk).update(status=Refund.Status.REJECTED)
    refund.status = Refund.Status.REJECTED
    return refund


def _refund_pay(refund: Refund, *, by: Any) -> None:
    account = refund.account
    today = timezone.localdate()
    period_check_open(today)
    deposit_take(account, refund.amount)
    lease = account.lease
    entry = entry_post(
        on=today,
        memo=_("Deposit refund for lease %(lease)s") % {"lease": lease.number},
        source=f"refund:{refund.pk}",
        legs=[
            debit(Account.DEPOSITS_HELD, refund.amount, account.tenant_id),
            credit(Account.BANK, refund.amount),
        ],
        tenant=account.tenant,
        building=lease.building,
    )
    refund.movement = DepositMovement.objects.create(
        account=account,
        kind=DepositMovement.Kind.REFUNDED,
        amount=refund.amount,
        on=today,
        entry=entry,
        by=by,
    )
    refund.status = Refund.Status.PAID
    refund.save(update_fields=["movement", "status", "approved_by"])
