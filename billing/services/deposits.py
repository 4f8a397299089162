"""Deposits: received and held as a liability, applied to debts, refunded only when a second finance or
management user (never the requester) approves; never more than is held, and one approval form pays once.
A lease deposit is refunded only through its move-out settlement, a fit-out deposit through the completion."""

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
from leasing.models import Lease
from tenancy.access import require_role
from tenancy.roles import Role

from ..models import Account, DepositAccount, DepositMovement, Refund
from ..money import money
from ..wording import SystemText
from .ledger import credit, debit, entry_post, period_check_open
from .payments import METHOD_ACCOUNT

# Money out needs a second person: finance or management approves a refund somebody else asked for.
REFUND_APPROVERS = (Role.FINANCE, Role.MANAGEMENT)
# A refund is asked for by finance at a move-out settlement, or by engineering (management) accepting a
# fit-out's completion; nothing leaves before the approval.
REFUND_REQUESTERS: tuple[str, ...] = (Role.FINANCE, Role.ENGINEERING, Role.MANAGEMENT)
# Finance records a lease deposit received.
DEPOSIT_CLERKS: tuple[str, ...] = (Role.FINANCE,)


@dataclass(frozen=True)
class Payee:
    """Who the refund is paid to, and where."""

    name: str = ""
    bank: str = ""
    account: str = ""


def deposit_account_for(lease: Lease) -> DepositAccount:
    account, _created = DepositAccount.objects.get_or_create(
        lease=lease, purpose=DepositAccount.Purpose.LEASE, defaults={"tenant_id": lease.tenant_id}
    )
    return account


@transaction.atomic
def deposit_receive(
    *, lease: Lease, amount: Decimal | None, method: str, on: date, by: User
) -> DepositMovement:
    """The tenant pays the deposit: money in the bank (or cash), a liability to the tenant, not income.
    Finance records it."""
    require_role(by, DEPOSIT_CLERKS, _("Only finance records a deposit received."))
    if amount is None or money(amount) <= 0:
        raise DomainError(_("The amount must be above zero."), field="amount")
    if method not in (m for m in METHOD_ACCOUNT if m != "deposit"):
        raise DomainError(_("Choose how the money was paid."), field="method")
    period_check_open(on, field="on")
    amount = money(amount)
    account = deposit_account_for(lease)
    entry = entry_post(
        on=on,
        memo=SystemText(gettext_noop("Deposit received for lease %(lease)s"), lease=lease.number),
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
def refund_request(
    *, account: DepositAccount, amount: Decimal | None, by: User, payee: Payee | None = None
) -> Refund:
    """Ask to refund what a fit-out deposit holds; a lease deposit leaves only through its settlement."""
    account = DepositAccount.objects.select_related("lease", "tenant").get(pk=account.pk)
    if account.purpose == DepositAccount.Purpose.LEASE:
        raise DomainError(
            _("A lease deposit is refunded only through the lease's move-out settlement."), field="amount"
        )
    return refund_open(account=account, amount=amount, by=by, payee=payee)


def refund_open(
    *, account: DepositAccount, amount: Decimal | None, by: User, payee: Payee | None = None
) -> Refund:
    """Open a refund request (never paid here); for the settlement and the fit-out completion."""
    require_role(by, REFUND_REQUESTERS, _("Your role may not ask for a refund."))
    if amount is None or money(amount) <= 0:
        raise DomainError(_("The amount must be above zero."), field="amount")
    amount = money(amount)
    if amount > account.held:
        raise DomainError(
            _("The deposit holds %(held)s; a refund cannot exceed it.") % {"held": account.held},
            field="amount",
        )
    payee = payee or Payee(name=account.tenant.name)
    return Refund.objects.create(
        account=account,
        amount=amount,
        requested_by=by,
        payee_name=payee.name or account.tenant.name,
        payee_bank=payee.bank,
        payee_account=payee.account,
    )


@transaction.atomic
def refund_approve(*, refund: Refund, by: User, key: str = "", payee: Payee | None = None) -> Refund:
    """A second finance or management user approves and pays a refund, once, to a recorded account."""
    refund = Refund.objects.select_for_update().select_related("account__lease").get(pk=refund.pk)
    if key and refund.status == Refund.Status.PAID and refund.approval_key == key:
        return refund  # the same approval form posted again: paid already, nothing more
    _refund_check_decider(refund, by)
    if payee is not None:
        refund.payee_name = payee.name or refund.payee_name
        refund.payee_bank = payee.bank or refund.payee_bank
        refund.payee_account = payee.account or refund.payee_account
    if not (refund.payee_name and refund.payee_bank and refund.payee_account):
        raise DomainError(
            _("Record the payee, the bank and the account number before paying the refund."),
            field="payee_account",
        )
    refund.approved_by = by
    refund.approval_key = key[:64]
    _refund_pay(refund, by=by)
    return refund


def _refund_check_decider(refund: Refund, by: User) -> None:
    if refund.status != Refund.Status.REQUESTED:
        raise DomainError(_("This refund has already been decided."))
    require_role(by, REFUND_APPROVERS, _("Only finance or management approves a refund."))
    if refund.requested_by_id == getattr(by, "pk", None):
        raise DomainError(_("A refund is approved by someone other than who asked for it."))


@transaction.atomic
def refund_reject(*, refund: Refund, by: User) -> Refund:
    """A second finance or management user rejects a refund request; nothing leaves the deposit."""
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    _refund_check_decider(refund, by)
    Refund.LIFECYCLE.move(refund, Refund.Status.REJECTED)
    refund.save(update_fields=["status"])
    return refund


def _refund_pay(refund: Refund, *, by: User) -> None:
    account = refund.account
    today = timezone.localdate()
    period_check_open(today)
    deposit_take(account, refund.amount)
    lease = account.lease
    entry = entry_post(
        on=today,
        memo=SystemText(gettext_noop("Deposit refund for lease %(lease)s"), lease=lease.number),
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
    Refund.LIFECYCLE.move(refund, Refund.Status.PAID)
    refund.save(
        update_fields=["movement", "status", "approved_by", "approval_key", "payee_name", "payee_bank",
                       "payee_account"]
    )  # fmt: skip
