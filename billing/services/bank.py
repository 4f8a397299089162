"""Bank statement import: parse the CSV (all rows or none), suggest a bill per row by its number in the
reference or by amount, and record the rows finance confirms (each row once, however often imported)."""

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from documents.errors import DomainError

from ..models import Bill
from ..money import money
from ..selectors import bills_with_balance
from .payments import PaymentInput, payment_record

MAX_ROWS = 5000
BILL_NUMBER = re.compile(r"\b(B\d{6}-[\w-]+|BX-\d{4}-\d{6})\b")


@dataclass(frozen=True)
class StatementRow:
    line: int
    on: date
    amount: Decimal
    reference: str
    payer: str

    @property
    def key(self) -> str:
        raw = f"{self.on}|{self.amount}|{self.reference}|{self.payer}"
        return "bank:" + hashlib.sha256(raw.encode()).hexdigest()[:40]


def statement_parse(content: bytes) -> list[StatementRow]:
    """Rows of date, amount, reference, payer after a header; refuse the file naming every broken row."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(_("The file is not UTF-8 text."), field="file") from None
    reader = csv.reader(io.StringIO(text))
    next(reader, None)
    rows, broken = [], []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        try:
            on = date.fromisoformat(cells[0].strip())
            amount = money(Decimal(cells[1].strip().replace(",", "")))
            if amount <= 0:
                raise ValueError
            rows.append(StatementRow(number, on, amount, cells[2].strip()[:80], cells[3].strip()[:200]))
        except (IndexError, ValueError, InvalidOperation):
            broken.append(str(number))
    if broken:
        raise DomainError(
            _("Rows %(rows)s lack a date, a positive amount, a reference or a payer; nothing was imported.")
            % {"rows": ", ".join(broken[:20])},
            field="file",
        )
    if not rows:
        raise DomainError(_("The file has no payments."), field="file")
    if len(rows) > MAX_ROWS:
        raise DomainError(_("At most %(n)s rows at a time.") % {"n": MAX_ROWS}, field="file")
    return rows


def suggestions_for(rows: list[StatementRow]) -> list[dict[str, Any]]:
    """Each row with a suggested open bill: its number in the reference, else one open bill of that amount."""
    open_bills = list(
        bills_with_balance(Bill.objects.filter(settled_on__isnull=True).select_related("tenant")).filter(
            outstanding__gt=0
        )
    )
    by_number = {bill.number: bill for bill in open_bills}
    by_amount: dict[Decimal, list[Bill]] = {}
    for bill in open_bills:
        by_amount.setdefault(money(bill.outstanding), []).append(bill)
    result = []
    for row in rows:
        match = BILL_NUMBER.search(row.reference)
        bill, reason = None, ""
        if match and match.group(1) in by_number:
            bill, reason = by_number[match.group(1)], "number"
        elif len(by_amount.get(row.amount, [])) == 1:
            bill, reason = by_amount[row.amount][0], "amount"
        result.append({"row": row, "bill": bill, "reason": reason})
    return result


def statement_row_record(*, row: StatementRow, bill: Bill, by: Any) -> bool:
    """Record a confirmed row as the bill's tenant's payment; False when this row was recorded before."""
    data = PaymentInput(
        tenant=bill.tenant,
        amount=row.amount,
        method="transfer",
        received_on=row.on,
        idempotency_key=row.key,
        reference=row.reference,
    )
    outstanding = bills_with_balance(Bill.objects.filter(pk=bill.pk)).get().outstanding
    allocations = {bill.pk: min(row.amount, outstanding)} if outstanding > 0 else None
    _payment, created = payment_record(data=data, by=by, allocations=allocations)
    return created
