"""The arrears file (欠费档案): a collection case per tenant in arrears, with its contact log, promises to pay
and payment plans. The front desk and the business department (whom the manuals make chase payment) read the
case and log contacts and promises; finance and management decide: the owner and payment plans."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from documents.money import yuan
from tenancy.access import has_role, require_role
from tenancy.roles import Role

from ..models import (
    Bill,
    CaseEvent,
    CollectionCase,
    CollectionContact,
    Payment,
    PaymentPlan,
    PaymentPromise,
    PlanInstalment,
)
from ..money import ZERO, money
from ..selectors import bills_with_balance

# Read the file and log contacts and promises: the departments that chase payment, and those that decide.
CASE_READERS: tuple[str, ...] = (Role.FRONT_DESK, Role.BUSINESS, Role.FINANCE, Role.MANAGEMENT)
# Choose the owner and grant payment plans.
CASE_DECIDERS: tuple[str, ...] = (Role.FINANCE, Role.MANAGEMENT)
MAX_INSTALMENTS = 24


def overdue_total(tenant_id: int, today: date) -> Decimal:
    """What the tenant owes on bills past their due date."""
    total = (
        bills_with_balance(
            Bill.objects.filter(tenant_id=tenant_id, settled_on__isnull=True, due_date__lt=today)
        )
        .filter(outstanding__gt=0)
        .aggregate(total=Sum("outstanding"))["total"]
    )
    return money(total or ZERO)


def paid_between(tenant_id: int, start: date, end: date) -> Decimal:
    """Money the tenant paid in (not deposits applied) from ``start`` to ``end``, both included."""
    total = (
        Payment.objects.filter(tenant_id=tenant_id, received_on__range=(start, end))
        .exclude(method=Payment.Method.DEPOSIT)
        .aggregate(total=Sum("amount"))["total"]
    )
    return money(total or ZERO)


def case_event(case: CollectionCase, text: str, by: User | None = None) -> CaseEvent:
    return CaseEvent.objects.create(case=case, text=text, by=by)


def case_lock(case: CollectionCase) -> CollectionCase:
    """The case, locked; refused once it is closed."""
    case = CollectionCase.objects.select_for_update().select_related("tenant").get(pk=case.pk)
    if not case.is_open:
        raise DomainError(_("This arrears file is closed: the tenant owes nothing overdue."))
    return case


@transaction.atomic
def collection_case_open(*, tenant_id: int, today: date, by: User | None = None) -> CollectionCase:
    """The tenant's open case, opened now if it has none (one open case per tenant)."""
    case = (
        CollectionCase.objects.filter(tenant_id=tenant_id)
        .exclude(status=CollectionCase.Status.CLOSED)
        .first()
    )
    if case is not None:
        return case
    case = CollectionCase.objects.create(tenant_id=tenant_id, opened_on=today)
    case_event(case, _("Opened: %(amount)s overdue.") % {"amount": yuan(overdue_total(tenant_id, today))}, by)
    return case


def case_raise(case: CollectionCase, reason: str, today: date, by: User | None = None) -> None:
    """Raise the case (a broken promise or plan): it shows first, marked, until it is closed."""
    if case.status == CollectionCase.Status.OPEN:
        CollectionCase.LIFECYCLE.move(case, CollectionCase.Status.RAISED)
        case.raised_on, case.raised_reason = today, reason
        case.save(update_fields=["status", "raised_on", "raised_reason"])
    elif case.status == CollectionCase.Status.RAISED:
        case.raised_reason = f"{case.raised_reason}\n{reason}".strip()
        case.save(update_fields=["raised_reason"])
    case_event(case, _("Raised: %(reason)s") % {"reason": reason}, by)


@transaction.atomic
def collection_case_assign(*, case: CollectionCase, owner: Any, by: User) -> CollectionCase:
    """Finance or management gives the case an owner from the departments that chase payment."""
    require_role(by, CASE_DECIDERS)
    case = case_lock(case)
    if owner is None or not has_role(owner, CASE_READERS):
        raise DomainError(_("Choose a member of staff who may follow arrears."), field="owner")
    case.owner = owner
    case.save(update_fields=["owner"])
    case_event(case, _("Owner: %(name)s") % {"name": owner.get_full_name() or owner.get_username()}, by)
    return case


def _amount(raw: Any, field: str) -> Decimal:
    try:
        amount = money(raw)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Enter the amount in yuan, e.g. 5000.00."), field=field) from None
    if amount <= 0:
        raise DomainError(_("The amount must be more than zero."), field=field)
    return amount


def _promise_date(promised_on: date | None, today: date) -> date:
    if promised_on is None:
        raise DomainError(_("Enter the date the tenant promised to pay by."), field="promised_on")
    if promised_on < today:
        raise DomainError(
            _("The promised date %(date)s is in the past: enter today or a later date.")
            % {"date": promised_on.isoformat()},
            field="promised_on",
        )
    return promised_on


@dataclass(frozen=True)
class ContactInput:
    kind: str
    contacted_on: date
    outcome: str
    person: str = ""
    note: str = ""
    promised_on: date | None = None
    promise_amount: Decimal | None = None


@transaction.atomic
def collection_contact_log(
    *, case: CollectionCase, data: ContactInput, by: User, today: date | None = None
) -> CollectionContact:
    """Log a call, visit or letter with its outcome; a promise to pay (date and amount) comes with it."""
    require_role(by, CASE_READERS)
    today = today or timezone.localdate()
    case = case_lock(case)
    if data.kind not in CollectionContact.Kind.values:
        raise DomainError(_("Choose how the tenant was contacted."), field="kind")
    if data.contacted_on is None or data.contacted_on > today:
        raise DomainError(_("The contact cannot be dated in the future."), field="contacted_on")
    if data.outcome not in CollectionContact.Outcome.values:
        raise DomainError(_("Choose the outcome."), field="outcome")
    promised = data.outcome == CollectionContact.Outcome.PROMISED
    if promised or data.promised_on or data.promise_amount:
        if not promised:
            raise DomainError(_("A promise to pay goes with the outcome “Promised to pay”."), field="outcome")
        promised_on = _promise_date(data.promised_on, today)
        amount = _amount(data.promise_amount, "promise_amount")
    contact = CollectionContact.objects.create(
        case=case,
        kind=data.kind,
        contacted_on=data.contacted_on,
        outcome=data.outcome,
        person=data.person.strip()[:100],
        note=data.note.strip(),
        by=by,
    )
    if promised:
        PaymentPromise.objects.create(
            case=case, contact=contact, made_on=today, promised_on=promised_on, amount=amount, by=by
        )
    return contact


def _instalments(total: Decimal, count: int, first_due: date) -> list[tuple[date, Decimal]]:
    """Equal monthly instalments to the fen; the last takes the remainder."""
    each = money(total / count)
    rows = [(first_due + relativedelta(months=i), each) for i in range(count - 1)]
    rows.append((first_due + relativedelta(months=count - 1), total - each * (count - 1)))
    return rows


@transaction.atomic
def payment_plan_grant(
    *,
    case: CollectionCase,
    total: Any,
    count: int | None,
    first_due: date | None,
    by: User,
    note: str = "",
    today: date | None = None,
) -> PaymentPlan:
    """Finance or management splits the arrears into monthly instalments (one plan in force per case)."""
    require_role(by, CASE_DECIDERS)
    today = today or timezone.localdate()
    case = case_lock(case)
    if case.plans.filter(status=PaymentPlan.Status.ACTIVE).exists():
        raise DomainError(_("A payment plan is already in force for this file."))
    total = _amount(total, "total")
    if not count or not 1 <= count <= MAX_INSTALMENTS:
        raise DomainError(
            _("Choose between 1 and %(n)s instalments.") % {"n": MAX_INSTALMENTS}, field="count"
        )
    if first_due is None or first_due < today:
        raise DomainError(_("The first instalment cannot fall in the past."), field="first_due")
    plan = PaymentPlan.objects.create(
        case=case, granted_on=today, total=total, note=note.strip(), granted_by=by
    )
    PlanInstalment.objects.bulk_create(
        PlanInstalment(plan=plan, due_on=due_on, amount=amount)
        for due_on, amount in _instalments(total, count, first_due)
    )
    case_event(
        case,
        _("Payment plan granted: %(total)s in %(count)s monthly instalments from %(first)s.")
        % {"total": yuan(total), "count": count, "first": first_due.isoformat()},
        by,
    )
    return plan
