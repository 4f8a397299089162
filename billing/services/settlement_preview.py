"""What a move-out settlement will charge, computed before anything is saved: the rent still to bill up to
the lease's end date, each meter's closing utilities, damages and missing keys, the early-termination
penalty, the unpaid bills with their late fees, and the deposit applied. The settlement saves exactly this."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from leasing.leases.terms import add_months, lease_terms_on
from leasing.models import Lease, MoveOutNotice

from ..models import Bill, Charge, DepositAccount
from ..money import ZERO, money
from ..selectors import open_bills, tenant_credit
from ..wording import charge_text, handover_charge_text
from .bills import _already_billed
from .charges import DraftBill, DraftLine, bill_draft
from .utilities import Tariffs, closing_spans, closing_utility_lines


@dataclass(frozen=True)
class MeterRow:
    """One meter on the statement: both readings, the use, the tariff and the amount."""

    number: str
    kind: str
    from_reading: Decimal
    from_on: date
    to_reading: Decimal
    to_on: date
    price: Decimal | None

    @property
    def use(self) -> Decimal:
        return self.to_reading - self.from_reading

    @property
    def kind_label(self) -> str:
        return _kind_label(self.kind)

    @property
    def amount(self) -> Decimal | None:
        return None if self.price is None else money(self.use * self.price)


@dataclass
class SettlementPreview:
    """Everything the settlement will post, for the page, the statement and ``settlement_make``."""

    lease: Lease
    rent_bills: list[DraftBill] = field(default_factory=list)
    meters: list[MeterRow] = field(default_factory=list)
    utility_lines: list[DraftLine] = field(default_factory=list)
    # kind, description (a message read when written out: the PDF reads it in the tenant's language), amount
    charges: list[tuple[str, Any, Decimal]] = field(default_factory=list)
    penalty: Decimal = ZERO
    unpaid: list[Bill] = field(default_factory=list)
    credit: Decimal = ZERO
    deposit: Decimal = ZERO
    problems: list[str] = field(default_factory=list)

    @property
    def rent_total(self) -> Decimal:
        return money(sum((b.total for b in self.rent_bills), ZERO))

    @property
    def utilities_total(self) -> Decimal:
        return money(sum((line.amount for line in self.utility_lines), ZERO))

    @property
    def charges_total(self) -> Decimal:
        return money(sum((amount for _k, _d, amount in self.charges), ZERO))

    @property
    def unpaid_total(self) -> Decimal:
        return money(sum((b.outstanding for b in self.unpaid), ZERO))

    @property
    def late_fees_total(self) -> Decimal:
        return money(sum((b.late_fee_total for b in self.unpaid), ZERO))

    @property
    def owed(self) -> Decimal:
        new = self.rent_total + self.utilities_total + self.charges_total + self.penalty
        return money(max(self.unpaid_total + new - self.credit, ZERO))

    @property
    def applied(self) -> Decimal:
        return min(self.deposit, self.owed)

    @property
    def refund_due(self) -> Decimal:
        return self.deposit - self.applied

    @property
    def balance_due(self) -> Decimal:
        return self.owed - self.applied


def rent_bills_to_end(lease: Lease, today: date) -> list[DraftBill]:
    """The periodic bills not issued yet whose cycle starts from this month to the lease's end date."""
    drafts = []
    month = today.replace(day=1)
    while month <= lease.effective_end:
        if lease.pk not in _already_billed(month, [lease.pk]):
            draft = bill_draft(lease, month, issued_on=today)
            if draft is not None:
                drafts.append(draft)
        month = add_months(month, 1)
    return drafts


def meter_rows(lease: Lease) -> tuple[list[MeterRow], list[str]]:
    """Each meter's span from its last billed (else opening) reading to the closing one; a meter used with
    no tariff in force is a problem to fix before settling."""
    tariffs = Tariffs()
    rows, problems = [], []
    for span in closing_spans(lease):
        price = tariffs.on(span.kind, span.to_on, span.building_id)
        rows.append(
            MeterRow(
                span.number, span.kind, span.from_reading, span.from_on, span.to_reading, span.to_on, price
            )
        )
        if price is None:
            problems.append(
                _("No tariff for %(kind)s meters is in force on %(date)s: set one before settling.")
                % {"kind": _kind_label(span.kind), "date": span.to_on}
            )
    return rows, problems


def _kind_label(kind: str) -> str:
    from handover.models import Meter

    return str(Meter.Kind(kind).label) if kind in Meter.Kind.values else kind


def penalty_for(lease: Lease) -> Decimal:
    """The early-termination penalty (违约金) the lease sets, when its notice ends the term early: the fixed
    amount, else the months of rent in force on the notice's date."""
    notice = MoveOutNotice.objects.filter(lease=lease, early_termination=True).first()
    if notice is None:
        return ZERO
    if lease.break_penalty_amount > 0:
        return money(lease.break_penalty_amount)
    rent = lease_terms_on(lease, notice.move_out_date).monthly_rent
    return money(rent * lease.break_penalty_months)


def settlement_preview(*, lease: Lease, today: date) -> SettlementPreview:
    """What settling the lease today would charge and refund (nothing is saved)."""
    from handover.models import Visit
    from handover.selectors import damage_charges_for

    preview = SettlementPreview(lease=lease, rent_bills=rent_bills_to_end(lease, today))
    preview.meters, preview.problems = meter_rows(lease)
    preview.utility_lines = closing_utility_lines(lease)
    for visit in Visit.objects.filter(lease=lease, kind=Visit.Kind.MOVE_OUT):
        preview.charges += [(c.kind, handover_charge_text(c), c.amount) for c in damage_charges_for(visit)]
    pending = Charge.objects.filter(lease=lease, bill__isnull=True).exclude(source__startswith="handover:")
    preview.charges += [(c.kind, charge_text(c), c.amount) for c in pending]
    preview.penalty = penalty_for(lease)
    preview.unpaid = list(open_bills(lease.tenant_id))
    preview.credit = tenant_credit(lease.tenant_id)
    account = DepositAccount.objects.filter(lease=lease, purpose=DepositAccount.Purpose.LEASE).first()
    preview.deposit = account.held if account else ZERO
    return preview
