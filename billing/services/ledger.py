"""Posting to the ledger: one balanced journal entry per event, in the event's own transaction."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from tenancy.access import require_role
from tenancy.roles import Role

from ..models import Account, ClosedPeriod, JournalEntry, JournalLine
from ..money import ZERO, money
from ..wording import SystemText, text_fields

PERIOD_CLOSERS: tuple[str, ...] = (Role.FINANCE,)


@dataclass(frozen=True)
class Leg:
    """One side of a posting: a debit (positive) or a credit (negative) to an account."""

    account: str
    amount: Decimal
    tenant_id: int | None = None


def debit(account: str, amount: Decimal, tenant_id: int | None = None) -> Leg:
    return Leg(account, money(amount), tenant_id)


def credit(account: str, amount: Decimal, tenant_id: int | None = None) -> Leg:
    return Leg(account, -money(amount), tenant_id)


def period_is_closed(on: date) -> bool:
    return ClosedPeriod.objects.filter(month=on.replace(day=1)).exists()


def period_check_open(on: date, *, field: str | None = None) -> None:
    """Refuse a date in a closed month with a message (the database refuses it too)."""
    if period_is_closed(on):
        raise DomainError(
            _("%(month)s is closed: nothing can be posted in it.") % {"month": on.strftime("%Y-%m")},
            field=field,
        )


def lines_for(entry: JournalEntry, legs: Sequence[Leg]) -> list[JournalLine]:
    """The journal lines of the legs, zero legs dropped."""
    return [
        JournalLine(
            entry=entry,
            account=leg.account,
            tenant_id=leg.tenant_id,
            debit=leg.amount if leg.amount > 0 else ZERO,
            credit=-leg.amount if leg.amount < 0 else ZERO,
        )
        for leg in legs
        if leg.amount != 0
    ]


@transaction.atomic
def entry_post(
    *,
    on: date,
    memo: "str | SystemText",
    source: str,
    legs: Sequence[Leg],
    tenant: Any = None,
    building: Any = None,
) -> JournalEntry:
    """Post one balanced entry; refuse an unbalanced one or a date in a closed month."""
    if sum((leg.amount for leg in legs), ZERO) != 0:
        raise DomainError(_("Debits and credits of a posting must be equal."))
    period_check_open(on)
    text, key, params = text_fields(memo)
    entry = JournalEntry.objects.create(
        date=on,
        memo=text,
        memo_key=key,
        memo_params=params,
        source=source,
        tenant=tenant,
        building=building,
    )
    JournalLine.objects.bulk_create(lines_for(entry, legs))
    return entry


@transaction.atomic
def period_close(*, month: date, by: User) -> ClosedPeriod:
    """Finance closes a month: from now on no entry may be dated in it. A month is closed once."""
    require_role(by, PERIOD_CLOSERS, _("Only finance closes a month."))
    month = month.replace(day=1)
    if month >= timezone.localdate().replace(day=1):
        raise DomainError(_("Only a past month can be closed."), field="month")
    period, created = ClosedPeriod.objects.get_or_create(month=month, defaults={"closed_by": by})
    if not created:
        raise DomainError(_("This month is already closed."), field="month")
    return period


def account_balance(account: str, *, tenant_id: int | None = None) -> Decimal:
    """Debits minus credits posted to the account (for one tenant when given)."""
    from django.db.models import Sum

    lines = JournalLine.objects.filter(account=account)
    if tenant_id is not None:
        lines = lines.filter(tenant_id=tenant_id)
    totals = lines.aggregate(d=Sum("debit"), c=Sum("credit"))
    return money((totals["d"] or ZERO) - (totals["c"] or ZERO))


def receivable_balance(tenant_id: int) -> Decimal:
    """What the tenant owes per the ledger (negative: the tenant is in credit)."""
    return account_balance(Account.RECEIVABLE, tenant_id=tenant_id)
