"""Arrears: late fees accrued daily per bill, and dunning letters by stage (stricter for grade C tenants)."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.models import Notice
from documents.money import yuan
from documents.services import document_render, notice_send
from documents.wording import in_tenant_language
from tenancy.models import CreditAssessment

from ..document_kinds import DUNNING_LETTER
from ..models import Account, Bill, DunningLetter, DunningStage, LateFee
from ..models.arrears import DEFAULT_STAGES
from ..money import ZERO, money
from ..payee import payee_for_bill
from ..selectors import bills_with_balance
from ..wording import SystemText
from .ledger import credit, debit, entry_post, period_is_closed

STRICT_GRADE = "C"


def late_fee_cap(bill: Bill) -> Decimal:
    """Late fees on a bill stop at this share of its total (``BILLING_LATE_FEE_CAP_PERCENT``)."""
    return money(bill.total * Decimal(getattr(settings, "BILLING_LATE_FEE_CAP_PERCENT", 30)) / 100)


def late_fees_accrue(*, today: date | None = None) -> int:
    """Daily: for each overdue bill past its grace days, one late fee per day not yet charged, up to the cap.

    Missed days are caught up; a day already charged is never charged again (unique per bill and day).
    """
    today = today or timezone.localdate()
    overdue = bills_with_balance(
        Bill.objects.filter(settled_on__isnull=True, due_date__lt=today).select_related("lease")
    ).filter(outstanding__gt=0)
    made = 0
    for bill_id in overdue.values_list("pk", flat=True):
        made += _bill_late_fees(bill_id, today)
    return made


@transaction.atomic
def _bill_late_fees(bill_id: int, today: date) -> int:
    bill = bills_with_balance(
        Bill.objects.select_for_update(of=("self",)).select_related("lease", "tenant", "building")
    ).get(pk=bill_id)
    lease = bill.lease
    base = bill.total - bill.paid_total - bill.credited_total
    daily = money(base * lease.late_fee_rate / 100)
    if base <= 0 or daily <= 0:
        return 0
    charged = set(bill.late_fees.values_list("day", flat=True))
    room = late_fee_cap(bill) - (bill.late_fees.aggregate(t=Sum("amount"))["t"] or ZERO)
    day, made = bill.due_date + timedelta(days=lease.grace_days + 1), 0
    while day <= today and room > 0:
        if day not in charged and not period_is_closed(day):
            amount = min(daily, room)
            entry = entry_post(
                on=day,
                memo=SystemText(
                    gettext_noop("Late fee on bill %(number)s for %(day)s"), number=bill.number, day=day
                ),
                source=f"latefee:{bill.pk}",
                legs=[
                    debit(Account.RECEIVABLE, amount, bill.tenant_id),
                    credit(Account.LATE_FEE_INCOME, amount),
                ],
                tenant=bill.tenant,
                building=bill.building,
            )
            LateFee.objects.create(bill=bill, day=day, amount=amount, entry=entry)
            room -= amount
            made += 1
        day += timedelta(days=1)
    return made


def schedule_for(tenant_id: int) -> str:
    """Grade C tenants (latest credit assessment) get the strict schedule."""
    latest = CreditAssessment.objects.filter(tenant_id=tenant_id).order_by("-assessed_at", "-pk").first()
    strict = latest is not None and latest.grade == STRICT_GRADE
    return DunningStage.Schedule.STRICT if strict else DunningStage.Schedule.STANDARD


def stages_of(schedule: str, building_id: int | None = None) -> list[tuple[str, int, bool]]:
    """(kind, days overdue, suspends) of a schedule in a building, latest first: the building's own stages
    when it has any for the schedule, else the company's, else the built-in defaults."""
    found = DunningStage.objects.filter(schedule=schedule, building__isnull=True)
    if building_id is not None:
        own = DunningStage.objects.filter(schedule=schedule, building_id=building_id)
        found = own if own.exists() else found
    rows = list(found.values_list("kind", "days_overdue", "suspends_service"))
    if not rows:
        rows = [(kind, days, suspends) for sched, kind, days, suspends in DEFAULT_STAGES if sched == schedule]
    return sorted(rows, key=lambda row: -row[1])


def dunning_run(*, today: date | None = None, by: User | None = None) -> int:
    """Daily: each overdue bill gets the latest stage it reached in its building's schedule, once (earlier
    ones skipped)."""
    today = today or timezone.localdate()
    overdue = bills_with_balance(Bill.objects.filter(settled_on__isnull=True, due_date__lt=today)).filter(
        outstanding__gt=0
    )
    sent = 0
    schedules: dict[tuple[str, int | None], list[tuple[str, int, bool]]] = {}
    for bill in overdue.select_related("tenant", "lease"):
        days = (today - bill.due_date).days
        key = (schedule_for(bill.tenant_id), bill.building_id)
        if key not in schedules:
            schedules[key] = stages_of(*key)
        reached = [row for row in schedules[key] if row[1] <= days]
        if not reached:
            continue
        # A skipped final notice still suspends: the latest letter carries every consequence reached. The
        # recommendation to terminate is for management, so the tenant still gets the stage before it.
        suspends = any(row[2] for row in reached)
        stages = reached[:2] if reached[0][0] == DunningStage.Kind.TERMINATION else reached[:1]
        for kind, _days, _suspends in reversed(stages):
            if dunning_letter_send(bill=bill, kind=kind, suspends=suspends, today=today, by=by):
                sent += 1
    return sent


@transaction.atomic
def dunning_letter_send(
    *, bill: Bill, kind: str, suspends: bool, today: date, by: User | None = None
) -> DunningLetter | None:
    """Send one stage's letter about a bill (PDF by notice); None when this stage was already sent."""
    letter, created = DunningLetter.objects.get_or_create(
        bill=bill, kind=kind, defaults={"sent_on": today, "suspends_service": suspends}
    )
    if not created:
        return None
    bill = bills_with_balance(Bill.objects.select_related("tenant", "lease", "building")).get(pk=bill.pk)
    label = DunningStage.Kind(kind).label
    with in_tenant_language(bill.tenant):  # the letter's title and text, whoever runs the dunning
        document = document_render(
            template="documents/forms/billing_dunning_letter.html",
            context={
                "bill": bill,
                "kind": kind,
                "label": label,
                "suspends": suspends,
                "today": today,
                "payee": payee_for_bill(bill),
            },
            kind=DUNNING_LETTER,
            title=f"{label} · {bill.number}",
            tenant=bill.tenant,
            about=bill,
            by=by,
            number_prefix="DN",
            # The recommendation to terminate is addressed to management, never to the tenant.
            visible_to_tenant=kind != DunningStage.Kind.TERMINATION,
        )
        letter.document_id = document.pk
        if kind != DunningStage.Kind.TERMINATION:
            notice = notice_send(
                tenant=bill.tenant,
                subject=f"{label} · {bill.number}",
                body=_("Bill %(number)s is overdue: %(amount)s is still due. Please pay at once.")
                % {"number": bill.number, "amount": yuan(bill.outstanding)},
                attachment=document,
                by=by,
                topic=Notice.Topic.BILLING,
            )
            letter.notice_id = notice.pk
    letter.save(update_fields=["document_id", "notice_id"])
    return letter
