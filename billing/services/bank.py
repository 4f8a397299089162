"""Bank statement import: read the CSV or XLSX (``bank_files``: all rows or none), suggest a bill per row
by its number in the reference or by amount, and record the rows finance confirms.

Each row is keyed on the bank's serial number when the file has one, otherwise on the file's hash and the
row's line: the same file imported twice records nothing new, while a second identical transfer (another
line, another file) is a payment of its own. A row that looks like a payment already recorded (same date,
amount, reference and payer) is shown to finance as a suspected duplicate, to record or to dismiss."""

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from documents.actors import User
from tenancy.access import require_role
from tenancy.roles import Role
from tenancy.scope import scope

from ..models import BankRowDismissal, Bill, Payment, StatementLayout
from ..money import money
from ..selectors import bills_with_balance
from .bank_files import StatementRow, statement_rows
from .payments import PaymentInput, payment_record

BILL_NUMBER = re.compile(r"\b(B\d{6}-[\w-]+|BX-\d{4}-\d{6})\b")
BANK_CLERKS = (Role.FINANCE,)


def statement_parse(content: bytes, layout: StatementLayout | None = None) -> list[StatementRow]:
    """The file's incoming payments, read by the bank account's layout (or the standard layout: date,
    amount, reference, payer and the bank's serial number, after a header row); all rows or none."""
    return statement_rows(content, layout)


def suggestions_for(rows: list[StatementRow], user: Any = None) -> list[dict[str, Any]]:
    """Each row with a suggested open bill of the user's buildings (its number in the reference, else one
    open bill of that amount) and its state: new, recorded or dismissed before, or a suspected duplicate of a
    payment or row."""
    unsettled = scope(Bill.objects.filter(settled_on__isnull=True), user, "building")
    open_bills = list(bills_with_balance(unsettled.select_related("tenant")).filter(outstanding__gt=0))
    by_number = {bill.number: bill for bill in open_bills}
    by_amount: dict[Decimal, list[Bill]] = {}
    for bill in open_bills:
        by_amount.setdefault(money(bill.outstanding), []).append(bill)
    states = _states(rows)
    result = []
    for row in rows:
        match = BILL_NUMBER.search(row.reference)
        bill, reason = None, ""
        if match and match.group(1) in by_number:
            bill, reason = by_number[match.group(1)], "number"
        elif len(by_amount.get(row.amount, [])) == 1:
            bill, reason = by_amount[row.amount][0], "amount"
        result.append({"row": row, "bill": bill, "reason": reason, **states[row.line]})
    return result


def _states(rows: list[StatementRow]) -> dict[int, dict[str, Any]]:
    """Per line: ``state`` (new, recorded, dismissed, duplicate) and what it duplicates."""
    keys = [row.key for row in rows]
    recorded = set(Payment.objects.filter(idempotency_key__in=keys).values_list("idempotency_key", flat=True))
    dismissed = set(BankRowDismissal.objects.filter(key__in=keys).values_list("key", flat=True))
    existing = _payments_alike(rows)
    seen: dict[tuple[date, Decimal, str, str], int] = {}
    states: dict[int, dict[str, Any]] = {}
    for row in rows:
        state: dict[str, Any] = {"state": "new", "payment": None, "twin_line": None}
        if row.key in recorded:
            state["state"] = "recorded"
        elif row.key in dismissed:
            state["state"] = "dismissed"
        elif row.looks_like in existing or row.looks_like in seen:
            state.update(
                state="duplicate", payment=existing.get(row.looks_like), twin_line=seen.get(row.looks_like)
            )
        seen.setdefault(row.looks_like, row.line)
        states[row.line] = state
    return states


def _payments_alike(rows: list[StatementRow]) -> dict[tuple[date, Decimal, str, str], Payment]:
    """Transfers already recorded with the date, amount, reference and payer of one of the rows (a payment
    recorded before payers were kept matches any payer)."""
    if not rows:
        return {}
    payments = Payment.objects.filter(
        received_on__in={row.on for row in rows}, method=Payment.Method.TRANSFER
    ).select_related("tenant")
    found: dict[tuple[date, Decimal, str, str], Payment] = {}
    without_payer: dict[tuple[date, Decimal, str], Payment] = {}
    for payment in payments:
        found.setdefault((payment.received_on, payment.amount, payment.reference, payment.payer), payment)
        if not payment.payer:
            without_payer.setdefault((payment.received_on, payment.amount, payment.reference), payment)
    for row in rows:
        if row.looks_like not in found and row.looks_like[:3] in without_payer:
            found[row.looks_like] = without_payer[row.looks_like[:3]]
    return found


def statement_row_record(*, row: StatementRow, bill: Bill, by: User) -> bool:
    """Record a confirmed row as the bill's tenant's payment; False when this row was recorded before."""
    _check_clerk(by)
    data = PaymentInput(
        tenant=bill.tenant,
        amount=row.amount,
        method="transfer",
        received_on=row.on,
        idempotency_key=row.key,
        reference=row.reference,
        payer=row.payer,
    )
    outstanding = bills_with_balance(Bill.objects.filter(pk=bill.pk)).get().outstanding
    allocations = {bill.pk: min(row.amount, outstanding)} if outstanding > 0 else None
    _payment, created = payment_record(data=data, by=by, allocations=allocations)
    return created


def statement_row_dismiss(*, row: StatementRow, by: User) -> bool:
    """Finance decides a suspected duplicate is the payment already recorded: the row is kept as dismissed
    (a later import shows it so); False when it was dismissed or recorded before."""
    _check_clerk(by)
    if Payment.objects.filter(idempotency_key=row.key).exists():
        return False
    try:
        with transaction.atomic():
            BankRowDismissal.objects.create(
                key=row.key,
                on=row.on,
                amount=row.amount,
                reference=row.reference,
                payer=row.payer,
                serial=row.serial,
                dismissed_by=by,
            )
    except IntegrityError:
        return False
    return True


def _check_clerk(by: User) -> None:
    require_role(by, BANK_CLERKS, _("Only finance records bank statements."))
