"""Demo stages of billing, after handover's: tariffs, the deposits the leases name, four months of bills and
their payments, and the dunning the daily clock would have sent.

- A tariff for every meter kind (without one a meter's use can be neither billed nor settled).
- Every running or signed lease's deposit received on its start (or signing) day: deposits held match leases.
- The monthly run for this month and the three before, each as the clock would have run it on the first.
- Most tenants paid each due bill two days before it was due. Four tenants did not pay one bill, chosen so
  that its age is at each dunning stage (reminder, second, final notice, recommendation to terminate), and
  one paid half of its latest due bill. Bills not due yet stay open.
- Today's clocks: the move-in charge notice of the lease about to start, late fees, the dunning run (each
  overdue bill its stage's letter) and the arrears files (opened for the tenants in arrears, a termination
  proposal for management where the last stage was reached).

Skipped once any demo payment exists, so running ``seed_demo`` again adds nothing.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from documents.actors import User
from leasing.demo.common import SeedReport
from leasing.demo.leases import NEW_LEASE
from leasing.demo.space import building_code
from leasing.models import Lease
from tenancy.models import TenantMembership

from .models import Bill, DepositAccount, Payment, Tariff
from .models.arrears import DEFAULT_STAGES
from .money import money
from .selectors import bills_with_balance
from .services.arrears import dunning_run, late_fees_accrue
from .services.bills import billing_run
from .services.collection_clock import collection_clock
from .services.deposits import deposit_receive
from .services.move_in import move_in_charges_issue_due
from .services.payments import PaymentInput, payment_record

__all__ = ["DEMO_STAGES"]

# Prices per kWh and m³: without a tariff a meter's use can be neither billed nor settled.
DEMO_TARIFFS = {"electricity": Decimal("1.2000"), "water": Decimal("5.0000"), "gas": Decimal("3.5000")}
MONTHS_BILLED = 4
PAYMENT_KEY = "demo"


def demo_seed_tariffs(report: SeedReport) -> None:
    """A tariff for every meter kind the demo's units have, in force from 2020."""
    for kind, price in DEMO_TARIFFS.items():
        _tariff, created = Tariff.objects.get_or_create(
            meter_kind=kind, effective_from=date(2020, 1, 1), defaults={"unit_price": price}
        )
        report.count("tariffs", int(created))


def demo_seed_deposits(report: SeedReport) -> None:
    """The deposit of every live lease without one, received when it started (or, not started yet, today)."""
    finance = get_user_model().objects.filter(username="finance").first()
    if finance is None:  # the demo's finance clerk records deposits; no clerk, no deposits
        return
    held = DepositAccount.objects.filter(purpose=DepositAccount.Purpose.LEASE).values("lease_id")
    leases = Lease.objects.filter(status__in=Lease.LIVE, deposit_amount__gt=0).exclude(pk__in=held)
    today = timezone.localdate()
    for lease in leases.order_by("pk"):
        on = min(lease.start_date, today)
        deposit_receive(
            lease=lease, amount=lease.deposit_amount, method=Payment.Method.TRANSFER, on=on, by=finance
        )
        report.count("deposits", 1)


def demo_seed_bills(report: SeedReport) -> None:
    """Four months of bills, paid, part-paid and unpaid at each dunning stage; then today's dunning."""
    finance = get_user_model().objects.filter(username="finance").first()
    if finance is None or Payment.objects.filter(idempotency_key__startswith=PAYMENT_KEY).exists():
        return
    today = timezone.localdate()
    month = today.replace(day=1)
    months = [month]
    for _step in range(MONTHS_BILLED - 1):
        months.insert(0, (months[0] - timedelta(days=1)).replace(day=1))
    for first in months:
        report.count("bills", len(billing_run(month=first, today=first)))
    unpaid, part_paid = _arrears_cast(today)
    # Every building's tenants pay what is due, except the cast of building 0 (the bench's extra buildings
    # would otherwise run four months of daily late fees and a dunning letter PDF for every bill).
    due = Bill.objects.filter(due_date__lte=today).order_by("due_date", "pk")
    for bill in bills_with_balance(due).select_related("tenant"):
        if bill.pk in unpaid or bill.outstanding <= 0:
            continue
        amount = money(bill.outstanding / 2) if bill.pk == part_paid else bill.outstanding
        on = min(bill.due_date - timedelta(days=2), today) if bill.pk != part_paid else today
        _pay(bill, amount, max(on, bill.issue_date), finance)
        report.count("payments", 1)
    # Then today's clocks, as the daily beat runs them.
    report.count("move-in charge notices", move_in_charges_issue_due(today=today))
    report.count("late fees", late_fees_accrue(today=today))
    report.count("dunning letters", dunning_run(today=today, by=finance))
    report.count("arrears files", collection_clock(today=today)["opened"])


def _arrears_cast(today: date) -> tuple[set[int], int | None]:
    """The bills left unpaid (one per dunning stage, each of another tenant) and the one paid by half.

    A bill at a stage is ``days`` overdue, at least the stage's days and less than the next stage's. Tenants
    with a portal login pay on time (their portal shows paid and open bills).
    """
    starts = sorted({days for schedule, _kind, days, _suspends in DEFAULT_STAGES if schedule == "standard"})
    windows = [(low, high) for low, high in zip(starts, [*starts[1:], 10_000], strict=True)]
    portal = TenantMembership.objects.values("tenant_id")
    candidates = list(
        Bill.objects.filter(lease__building__code=building_code(0), due_date__lt=today)
        .exclude(tenant_id__in=portal)
        .exclude(lease__status=Lease.Status.NOTICE_GIVEN)
        .exclude(lease__events__note=NEW_LEASE)  # the tenants moving in and fitting out pay on time
        .order_by("lease_id", "-due_date")
    )
    used: set[int] = set()
    unpaid: set[int] = set()
    for low, high in windows:
        for bill in candidates:
            if bill.lease_id not in used and low <= (today - bill.due_date).days < high:
                used.add(bill.lease_id)
                unpaid.add(bill.pk)
                break
    part_paid = next(
        (b.pk for b in candidates if b.lease_id not in used and (today - b.due_date).days < 30), None
    )
    return unpaid, part_paid


def _pay(bill: Bill, amount: Decimal, on: date, by: User) -> None:
    data = PaymentInput(
        tenant=bill.tenant,
        amount=amount,
        method=Payment.Method.TRANSFER,
        received_on=on,
        idempotency_key=f"{PAYMENT_KEY}-{bill.number}",
        reference=f"网银转账 {bill.number}",
        payer=bill.tenant.name,
    )
    payment_record(data=data, by=by, allocations={bill.pk: amount})


# Called by ``leasing.demo.demo_seed`` in its transaction, after handover's stages.
DEMO_STAGES = (demo_seed_tariffs, demo_seed_deposits, demo_seed_bills)
