"""Issuing bills: the periodic billing run (preview, then issue, idempotent per lease and period), extra
bills for one-off charges, credit notes, and sending a bill's PDF to the tenant."""

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.api.webhooks import webhook_emit_many
from documents.errors import DomainError
from documents.models import WebhookEvent
from documents.services import document_number_next
from leasing.models import Lease
from tenancy.access import require_role
from tenancy.roles import Role

from ..models import (
    Account,
    Bill,
    BillLine,
    Charge,
    ChargeKind,
    CreditNote,
    JournalEntry,
    JournalLine,
    Payment,
)
from ..money import ZERO, money
from ..selectors import bill_outstanding
from ..wording import SystemText, stored_text, text_fields
from .charges import (
    DraftBill,
    DraftLine,
    any_of,
    bill_draft,
    earliest_due_date,
    lease_terms_attach,
    leases_to_bill,
    month_bounds,
    payment_days_of,
    pending_charges,
)
from .copying import copy_rows
from .ledger import Leg, credit, debit, entry_post, period_check_open
from .utilities import utility_lines

# Finance corrects an issued bill with a credit note (the bill itself is never edited).
CREDIT_NOTE_ISSUERS: tuple[str, ...] = (Role.FINANCE,)

INCOME_ACCOUNT: dict[str, str] = {
    ChargeKind.RENT: Account.RENT_INCOME,
    ChargeKind.FEE: Account.FEE_INCOME,
    ChargeKind.UTILITY: Account.UTILITY_INCOME,
}
CHUNK = 2000
Progress = Callable[[int, int], None]


def income_account(kind: str) -> str:
    return INCOME_ACCOUNT.get(kind, Account.OTHER_INCOME)


def bill_legs(draft: DraftBill) -> list[Leg]:
    """Receivable debited with the total; each income account credited with its lines."""
    by_account: dict[str, Decimal] = {}
    for line in draft.lines:
        account = income_account(line.kind)
        by_account[account] = by_account.get(account, ZERO) + line.amount
    legs = [debit(Account.RECEIVABLE, draft.total, draft.lease.tenant_id)]
    return legs + [credit(account, amount) for account, amount in sorted(by_account.items())]


def regular_number(draft: DraftBill) -> str:
    """A periodic bill's number names its period and lease: ``B202603-ZL-2026-0001``."""
    return f"B{draft.period_start:%Y%m}-{draft.lease.number}"[:40]


def _already_billed(month: date, lease_ids: Iterable[int]) -> set[int]:
    first, last = month_bounds(month)
    bills = Bill.objects.filter(kind=Bill.Kind.REGULAR, period_start__range=(first, last))
    return set(any_of(bills, "billing_bill.lease_id", list(lease_ids)).values_list("lease_id", flat=True))


def bills_draft(month: date, leases: list[Lease], today: date | None = None) -> list[DraftBill]:
    """The bills the run would issue today for these leases, leaving out those already issued."""
    today = today or timezone.localdate()
    billed = _already_billed(month, (lease.pk for lease in leases))
    open_leases = [lease for lease in leases if lease.pk not in billed]
    lease_terms_attach(open_leases)
    ids = [lease.pk for lease in open_leases]
    charges, utilities = pending_charges(ids), utility_lines(ids, month)
    days = payment_days_of({lease.building_id for lease in open_leases})
    drafts = (
        bill_draft(
            lease,
            month,
            charges.get(lease.pk),
            utilities.get(lease.pk),
            issued_on=today,
            payment_days=days[lease.building_id],
        )
        for lease in open_leases
    )
    return [draft for draft in drafts if draft is not None]


def bills_preview(*, month: date, today: date | None = None) -> list[DraftBill]:
    """What a billing run for the month would issue today (nothing is saved)."""
    return bills_draft(month, list(leases_to_bill(month).select_related("tenant")), today)


def _next_ids(table: str, count: int) -> list[int]:
    """Reserve ``count`` ids of the table's identity sequence in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
        )
        return [row[0] for row in cursor.fetchall()]


# What the run fills in each table it writes with COPY; every other column takes its default (see
# ``copying``), and a model gaining a required field the run does not fill is refused before any row.
ENTRY_COLUMNS = frozenset(
    {"id", "date", "memo", "memo_key", "memo_params", "source", "tenant_id", "building_id", "created_at"}
)
ENTRY_LINE_COLUMNS = frozenset({"entry_id", "account", "tenant_id", "debit", "credit"})
BILL_COLUMNS = frozenset(
    {"id", "number", "kind", "tenant_id", "lease_id", "building_id", "period_start", "period_end",
     "issue_date", "due_date", "total", "entry_id", "created_at"}
)  # fmt: skip
BILL_LINE_COLUMNS = frozenset(
    {"bill_id", "kind", "description", "description_key", "description_params", "period_start",
     "period_end", "amount", "reading_from_id", "reading_to_id"}
)  # fmt: skip
COPIED = {
    JournalEntry: ENTRY_COLUMNS,
    JournalLine: ENTRY_LINE_COLUMNS,
    Bill: BILL_COLUMNS,
    BillLine: BILL_LINE_COLUMNS,
}

IssueRow = tuple[DraftBill, str, int, int]  # the draft, its number, its journal entry's id, its bill's id


def _entry_rows(rows: list[IssueRow], today: date, now: datetime) -> Iterator[dict[str, Any]]:
    memo_key = gettext_noop("Bill %(number)s")
    for draft, number, entry_id, _bill_id in rows:
        yield {
            "id": entry_id,
            "date": today,
            "memo": _(memo_key) % {"number": number},
            "memo_key": memo_key,
            "memo_params": json.dumps({"number": number}),
            "source": f"bill:{number}"[:40],
            "tenant_id": draft.lease.tenant_id,
            "building_id": draft.lease.building_id,
            "created_at": now,
        }


def _entry_line_rows(rows: list[IssueRow]) -> Iterator[dict[str, Any]]:
    for draft, _number, entry_id, _bill_id in rows:
        for leg in bill_legs(draft):
            if leg.amount != 0:
                yield {
                    "entry_id": entry_id,
                    "account": leg.account,
                    "tenant_id": leg.tenant_id,
                    "debit": max(leg.amount, ZERO),
                    "credit": max(-leg.amount, ZERO),
                }


def _bill_rows(rows: list[IssueRow], kind: str, today: date, now: datetime) -> Iterator[dict[str, Any]]:
    for draft, number, entry_id, bill_id in rows:
        yield {
            "id": bill_id,
            "number": number,
            "kind": kind,
            "tenant_id": draft.lease.tenant_id,
            "lease_id": draft.lease.pk,
            "building_id": draft.lease.building_id,
            "period_start": draft.period_start,
            "period_end": draft.period_end,
            "issue_date": today,
            "due_date": draft.due_date,
            "total": draft.total,
            "entry_id": entry_id,
            "created_at": now,
        }


def _bill_line_rows(rows: list[IssueRow]) -> Iterator[dict[str, Any]]:
    for draft, _number, _entry_id, bill_id in rows:
        for line in draft.lines:
            text, key, params = _text_columns(line.description)
            yield {
                "bill_id": bill_id,
                "kind": line.kind,
                "description": text,
                "description_key": key,
                "description_params": params,
                "period_start": line.period_start,
                "period_end": line.period_end,
                "amount": line.amount,
                "reading_from_id": line.reading_from_id,
                "reading_to_id": line.reading_to_id,
            }


def _issue(drafts: list[DraftBill], *, today: date, numbers: list[str], kind: str) -> list[int]:
    """Save drafts as issued bills with their postings: ids reserved, then four COPY streams."""
    if not drafts:
        return []
    now = timezone.now()
    entry_ids = _next_ids(JournalEntry._meta.db_table, len(drafts))
    bill_ids = _next_ids(Bill._meta.db_table, len(drafts))
    rows = list(zip(drafts, numbers, entry_ids, bill_ids, strict=True))
    copy_rows(JournalEntry, ENTRY_COLUMNS, _entry_rows(rows, today, now))
    copy_rows(JournalLine, ENTRY_LINE_COLUMNS, _entry_line_rows(rows))
    copy_rows(Bill, BILL_COLUMNS, _bill_rows(rows, kind, today, now))
    copy_rows(BillLine, BILL_LINE_COLUMNS, _bill_line_rows(rows))
    for draft, _number, _entry_id, bill_id in rows:
        if draft.charge_ids:
            Charge.objects.filter(pk__in=draft.charge_ids, bill__isnull=True).update(bill_id=bill_id)
    webhook_emit_many(
        WebhookEvent.BILL_ISSUED,
        [
            {"bill": bill_id, "number": number, "tenant": draft.lease.tenant_id, "lease": draft.lease.pk,
             "total": draft.total, "due_date": draft.due_date}
            for draft, number, _entry_id, bill_id in rows
        ],
    )  # fmt: skip
    return bill_ids


def _text_columns(description: "str | SystemText") -> tuple[str, str, str]:
    """A line's description as COPY writes it: the text, the system's message key and its values (JSON)."""
    text, key, params = text_fields(description)
    return text, key, json.dumps(params)


def credits_apply(*, tenant_ids: set[int], today: date) -> None:
    """Tenants who have paid more than they were billed get their new bills matched from that credit."""
    from tenancy.models import Tenant

    from .payments import credit_apply

    paying = Payment.objects.filter(tenant_id__in=tenant_ids).values_list("tenant_id", flat=True).distinct()
    for tenant in Tenant.objects.filter(pk__in=paying).order_by("pk"):  # locked in one order: no deadlock
        credit_apply(tenant=tenant, today=today)


def _run_lock() -> None:
    """One billing run at a time: a second waits, then finds the bills issued and adds nothing."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('billing.billing_run'))")


def billing_run(
    *,
    month: date,
    today: date | None = None,
    progress: Progress | None = None,
    chunk_committed: Callable[[list[int]], None] | None = None,
) -> list[int]:
    """Issue the month's bills: one per lease whose cycle starts in the month, a line per charge.

    Runs in chunks of leases, each in its own transaction; running it again (or after a crash) issues only
    what is missing. ``chunk_committed`` gets each chunk's bill ids once that chunk committed, so a run
    that fails later has still handed on (for sending) every bill it issued. Returns the issued bills' ids.
    """
    today = today or timezone.localdate()
    period_check_open(today)
    lease_ids = list(leases_to_bill(month).values_list("pk", flat=True))
    issued: list[int] = []
    for offset in range(0, len(lease_ids), CHUNK):
        with transaction.atomic():
            _run_lock()
            chunk = lease_ids[offset : offset + CHUNK]  # by id range: the ids are in order
            leases = list(leases_to_bill(month).filter(pk__gte=chunk[0], pk__lte=chunk[-1]))
            drafts = bills_draft(month, leases, today)
            numbers = [regular_number(d) for d in drafts]
            chunk_issued = _issue(drafts, today=today, numbers=numbers, kind=Bill.Kind.REGULAR)
            credits_apply(tenant_ids={d.lease.tenant_id for d in drafts}, today=today)
            if chunk_committed is not None and chunk_issued:
                transaction.on_commit(partial(chunk_committed, chunk_issued))
            issued.extend(chunk_issued)
        if progress is not None:
            progress(min(offset + CHUNK, len(lease_ids)), len(lease_ids))
    return issued


@transaction.atomic
def charge_record(
    *,
    lease: Lease,
    kind: str,
    description: "str | SystemText",
    amount: Decimal,
    incurred_on: date,
    source: str,
    by: User | None = None,
) -> Charge:
    """Record a one-off charge for the lease's next bill; the same ``source`` twice records it once.

    For other apps: the service desk (paid repairs), handover (damages, keys, cleaning), fit-out (fines).
    """
    if amount is None or money(amount) <= 0:
        raise DomainError(_("A charge needs an amount above zero."), field="amount")
    if kind not in ChargeKind.values or kind in (ChargeKind.RENT, ChargeKind.FEE):  # utilities come by meter
        raise DomainError(_("Choose the kind of one-off charge."), field="kind")
    text, key, params = text_fields(description)
    if not text:  # the kind's name, as its untranslated message
        with translation.override(None):
            text, key, params = text_fields(SystemText(str(ChargeKind(kind).label)))
    charge, _created = Charge.objects.get_or_create(
        source=source,
        defaults={
            "tenant_id": lease.tenant_id,
            "lease": lease,
            "kind": kind,
            "description": text,
            "description_key": key,
            "description_params": params,
            "amount": money(amount),
            "incurred_on": incurred_on,
            "created_by": by,
        },
    )
    return charge


@transaction.atomic
def bill_issue_extra(
    *, lease: Lease, today: date | None = None, lines: Iterable[DraftLine] = ()
) -> Bill | None:
    """Bill the lease's pending one-off charges (and the given lines, e.g. closing utilities) now, due after
    the building's days to pay; None when there is nothing to bill."""
    today = today or timezone.localdate()
    period_check_open(today)
    charges = list(Charge.objects.select_for_update().filter(lease=lease, bill__isnull=True).order_by("pk"))
    lines = list(lines)
    if not charges and not lines:
        return None
    lease = Lease.objects.select_related("tenant", "building").get(pk=lease.pk)
    draft = DraftBill(lease, today, today, earliest_due_date(today, lease.building.bill_payment_days))
    draft.lines = lines + [
        DraftLine(c.kind, c.amount, stored_text(c.description, c.description_key, c.description_params))
        for c in charges
    ]
    draft.charge_ids = [c.pk for c in charges]
    (bill_id,) = _issue(
        [draft], today=today, numbers=[document_number_next(prefix="BX")], kind=Bill.Kind.EXTRA
    )
    return Bill.objects.get(pk=bill_id)


@transaction.atomic
def credit_note_issue(
    *, bill: Bill, amount: Decimal | None, reason: str, by: User, today: date | None = None
) -> CreditNote:
    """Finance corrects an issued bill: the credit note reduces what it asks for; the bill stays as issued."""
    require_role(by, CREDIT_NOTE_ISSUERS, _("Only finance issues credit notes."))
    today = today or timezone.localdate()
    bill = Bill.objects.select_for_update().get(pk=bill.pk)
    if amount is None or money(amount) <= 0:
        raise DomainError(_("Enter an amount above zero."), field="amount")
    if not reason.strip():
        raise DomainError(_("Say why the bill is corrected."), field="reason")
    if bill.lines.filter(kind=ChargeKind.FITOUT_DEPOSIT).exists():
        # Its lines are a liability, not income, and the deposit holds the bill's total once it is paid.
        raise DomainError(
            _("A fit-out deposit bill cannot be credited; the deposit is reduced through its fit-out permit.")
        )
    amount = money(amount)
    if amount > bill_outstanding(bill):
        raise DomainError(_("A credit note cannot exceed what the bill still asks for."), field="amount")
    period_check_open(today, field="amount")
    legs = _credit_legs(bill, amount)
    entry = entry_post(
        on=today,
        memo=SystemText(gettext_noop("Credit note for bill %(number)s"), number=bill.number),
        source=f"credit:{bill.number}"[:40],
        legs=legs,
        tenant=bill.tenant,
        building=bill.building,
    )
    note = CreditNote.objects.create(
        number=document_number_next(prefix="CN"),
        bill=bill,
        amount=amount,
        reason=reason.strip()[:200],
        issue_date=today,
        entry=entry,
        created_by=by,
    )
    bill_settle_if_paid(bill, today)
    return note


def _credit_legs(bill: Bill, amount: Decimal) -> list[Leg]:
    """Reverse income in proportion to the bill's lines, the rounding rest on the largest one."""
    totals = dict(bill.lines.values_list("kind").annotate(total=Sum("amount")).values_list("kind", "total"))
    by_account: dict[str, Decimal] = {}
    for kind, total in totals.items():
        account = income_account(kind)
        by_account[account] = by_account.get(account, ZERO) + money(amount * total / bill.total)
    largest = max(by_account, key=lambda account: by_account[account])
    by_account[largest] += amount - sum(by_account.values(), ZERO)
    legs = [debit(account, value) for account, value in sorted(by_account.items())]
    return legs + [credit(Account.RECEIVABLE, amount, bill.tenant_id)]


def bill_settle_if_paid(bill: Bill, today: date) -> None:
    """Note the day a bill is fully paid (and forget it if a late fee reopened it)."""
    outstanding = bill_outstanding(bill)
    settled = today if outstanding <= 0 else None
    if (bill.settled_on is None) != (settled is None):
        Bill.objects.filter(pk=bill.pk).update(settled_on=settled)
        bill.settled_on = settled
