"""Fit-out charges (《装修收费表》), for fit-out, which asks; billing never imports fit-out.

The building's fit-out fee standards in force on the day apply:
- the management fee (装修管理费) and the rubbish removal (垃圾清运费) are charged once per permit,
  per m² of the gross area (建筑面积) of the units under fit-out, on one bill issued when the permit is
  issued. Once, not per month: an extension of the works adds no fee. The permit's idempotency key makes
  a retry find that bill;
- the worker pass fee (出入证工本费) is charged per pass as security issues it, as a one-off charge on
  the tenant's next periodic bill (a pass a day would otherwise mean a bill a day).
A building without a standard bills nothing (the permit page says so). Every bill posts the receivable against
other income, balanced, as any extra bill does.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.services import document_number_next
from leasing.models import Lease

from ..models import Bill, Charge, ChargeKind, FitoutChargeBilling, FitoutFee, FitoutFeeStandard
from ..models.standards import AREA_FEES
from ..money import ZERO, money
from ..wording import SystemText
from .bills import _issue, charge_record
from .charges import DraftBill, DraftLine, earliest_due_date
from .ledger import period_check_open

FITOUT_FEES_BILL_PREFIX = "BZ"
CHARGE_KIND = {
    FitoutFee.MANAGEMENT: ChargeKind.FITOUT_MANAGEMENT,
    FitoutFee.RUBBISH: ChargeKind.FITOUT_RUBBISH,
    FitoutFee.WORKER_PASS: ChargeKind.WORKER_PASS,
}
LINE_TEXT = {
    FitoutFee.MANAGEMENT: gettext_noop("Fit-out management fee %(ref)s: %(area)s m² × %(rate)s"),
    FitoutFee.RUBBISH: gettext_noop("Rubbish removal %(ref)s: %(area)s m² × %(rate)s"),
}
PASS_TEXT = gettext_noop("Worker pass fee %(ref)s: pass %(number)s")


def fee_standards_on(building_id: int, day: date) -> dict[str, FitoutFeeStandard]:
    """The building's fit-out fees in force on ``day``, by fee (the latest approved from then or before)."""
    rows = (
        FitoutFeeStandard.objects.filter(building_id=building_id, effective_from__lte=day)
        .order_by("kind", "-effective_from")
        .distinct("kind")
    )
    return {row.kind: row for row in rows}


def _key_lock(key: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"billing.fitout_charges:{key}"])


def _area_lines(standards: dict[str, FitoutFeeStandard], area: Decimal, reference: str) -> list[DraftLine]:
    lines = []
    for fee in AREA_FEES:
        standard = standards.get(fee)
        amount = money(standard.rate * area) if standard else ZERO
        if standard and amount > 0:
            text = SystemText(LINE_TEXT[fee], ref=reference, area=area, rate=standard.rate)
            lines.append(DraftLine(CHARGE_KIND[fee], amount, text))
    return lines


@transaction.atomic
def fitout_charges_bill(
    *,
    key: str,
    reference: str,
    lease: Lease,
    area: Decimal,
    by: User | None = None,
    today: date | None = None,
) -> FitoutChargeBilling:
    """Bill the permit's fit-out fees once per ``key``: a line per area fee the building sets (rate × the
    units' gross area); the same key again returns what was billed the first time and bills nothing."""
    _key_lock(key)
    found = FitoutChargeBilling.objects.select_related("bill").filter(key=key).first()
    if found is not None:
        return found
    today = today or timezone.localdate()
    lease = Lease.objects.select_related("tenant", "building").get(pk=lease.pk)
    area = money(area)
    lines = _area_lines(fee_standards_on(lease.building_id, today), area, reference)
    bill = None
    if lines:
        period_check_open(today)
        draft = DraftBill(lease, today, today, earliest_due_date(today, lease.building.bill_payment_days))
        draft.lines = lines
        number = document_number_next(prefix=FITOUT_FEES_BILL_PREFIX)
        (bill_id,) = _issue([draft], today=today, numbers=[number], kind=Bill.Kind.EXTRA)
        bill = Bill.objects.get(pk=bill_id)
    return FitoutChargeBilling.objects.create(
        key=key,
        reference=reference,
        tenant_id=lease.tenant_id,
        lease=lease,
        building_id=lease.building_id,
        area=area,
        billed_on=today,
        bill=bill,
    )


def pass_charge_source(reference: str, pass_number: str) -> str:
    return f"fitout:{reference}:pass:{pass_number}"[:80]


def fitout_pass_charge(
    *, reference: str, lease: Lease, pass_number: str, by: User | None = None, today: date | None = None
) -> Charge | None:
    """Charge the building's worker pass fee for one pass on the tenant's next bill (once per pass); None
    when the building sets no pass fee (or a fee of zero)."""
    today = today or timezone.localdate()
    standard = fee_standards_on(lease.building_id, today).get(FitoutFee.WORKER_PASS)
    if standard is None or money(standard.rate) <= 0:
        return None
    return charge_record(
        lease=lease,
        kind=ChargeKind.WORKER_PASS,
        description=SystemText(PASS_TEXT, ref=reference, number=pass_number),
        amount=money(standard.rate),
        incurred_on=today,
        source=pass_charge_source(reference, pass_number),
        by=by,
    )


@dataclass(frozen=True)
class PassFee:
    """A worker pass fee charged: on which bill (None: waiting for the next one), and whether it is paid."""

    number: str
    amount: Decimal
    incurred_on: date
    bill: Bill | None

    @property
    def paid(self) -> bool:
        return bool(self.bill and self.bill.settled_on)


@dataclass
class FitoutCharges:
    """What a fit-out was charged, for its pages and its charge sheet."""

    billing: FitoutChargeBilling | None  # None: the permit is not issued yet
    standards: list[FitoutFeeStandard]  # in force today in the building
    lines: list[Any] = field(default_factory=list)  # the permit bill's lines
    passes: list[PassFee] = field(default_factory=list)

    @property
    def bill(self) -> Bill | None:
        return self.billing.bill if self.billing else None

    @property
    def paid(self) -> bool:
        return bool(self.bill and self.bill.settled_on)

    @property
    def total(self) -> Decimal:
        return (self.bill.total if self.bill else ZERO) + sum((p.amount for p in self.passes), ZERO)

    @property
    def nothing_set(self) -> bool:
        """The building had no fee standard: nothing billed, nothing to pay."""
        return self.billing is not None and self.bill is None and not self.passes


def fitout_charges_of(*, reference: str, building_id: int, today: date | None = None) -> FitoutCharges:
    """The permit's fee bill (its lines and whether it is paid), the pass fees charged so far (billed on
    which bill, paid or not) and the building's fee standards in force today: a constant number of queries."""
    today = today or timezone.localdate()
    billing = (
        FitoutChargeBilling.objects.select_related("bill").filter(reference=reference).order_by("pk").first()
    )
    standards = sorted(
        fee_standards_on(building_id, today).values(), key=lambda s: list(FitoutFee).index(s.kind)
    )
    lines = list(billing.bill.lines.all()) if billing and billing.bill else []
    prefix = pass_charge_source(reference, "")
    passes = [
        PassFee(charge.source.removeprefix(prefix), charge.amount, charge.incurred_on, charge.bill)
        for charge in Charge.objects.select_related("bill")
        .filter(source__startswith=prefix)
        .order_by("incurred_on", "pk")
    ]
    return FitoutCharges(billing=billing, standards=standards, lines=lines, passes=passes)
