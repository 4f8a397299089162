"""Payments: recorded once per idempotency key, matched to bills (oldest first or as chosen), the rest kept
as the tenant's credit; a receipt as PDF."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.api.webhooks import webhook_emit
from documents.errors import DomainError
from documents.models import WebhookEvent
from documents.money import yuan
from documents.services import document_number_next
from tenancy.access import portal_role_check, require_role
from tenancy.models import Tenant
from tenancy.portal_roles import BILLING_ACTORS
from tenancy.roles import Role

from ..models import Account, Allocation, Bill, FapiaoRequest, Payment
from ..money import ZERO, money
from ..selectors import bills_with_balance, tenant_credit
from ..wording import SystemText
from .bills import bill_settle_if_paid
from .ledger import credit, debit, entry_post, period_check_open

# Finance records what the bank or the cash desk received (an API key with payments:write acts as finance).
PAYMENT_RECORDERS: tuple[str, ...] = (Role.FINANCE,)

METHOD_ACCOUNT: dict[str, str] = {
    Payment.Method.CASH: Account.CASH,
    Payment.Method.TRANSFER: Account.BANK,
    Payment.Method.CARD: Account.BANK,
    # WeChat Pay and Alipay settle into the bank account (the merchant account's payouts); cheques are banked.
    Payment.Method.WECHAT: Account.BANK,
    Payment.Method.ALIPAY: Account.BANK,
    Payment.Method.CHEQUE: Account.BANK,
    Payment.Method.DEPOSIT: Account.DEPOSITS_HELD,
}


@dataclass(frozen=True)
class PaymentInput:
    tenant: Tenant
    amount: Decimal | None
    method: str
    received_on: date
    idempotency_key: str
    reference: str = ""
    payer: str = ""


def _validate(data: PaymentInput) -> Decimal:
    if data.amount is None:
        raise DomainError(_("Enter the amount received."), field="amount")
    amount = money(data.amount)
    if amount <= 0:
        raise DomainError(_("The amount must be above zero."), field="amount")
    if data.method not in Payment.Method.values:
        raise DomainError(_("Choose how the money was paid."), field="method")
    if data.received_on > timezone.localdate():
        raise DomainError(_("A payment cannot be received in the future."), field="received_on")
    if not data.idempotency_key:
        raise DomainError(_("The form has expired; open it again."))
    period_check_open(data.received_on, field="received_on")
    return amount


def payment_record(
    *, data: PaymentInput, by: User, allocations: dict[int, Decimal] | None = None
) -> tuple[Payment, bool]:
    """Record a payment and match it (to the chosen bills, else oldest first); returns (payment, created).

    The same idempotency key again, even twenty times at once, returns the first payment and posts nothing.
    Only finance records a payment.
    """
    require_role(by, PAYMENT_RECORDERS, _("Only finance records payments."))
    existing = Payment.objects.filter(idempotency_key=data.idempotency_key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return _payment_create(data, by, allocations)
    except IntegrityError:
        # A concurrent submission with the same key committed first: that one is the payment.
        existing = Payment.objects.filter(idempotency_key=data.idempotency_key).first()
        if existing is None:
            raise
        return existing, False


def _payment_create(
    data: PaymentInput, by: User, allocations: dict[int, Decimal] | None
) -> tuple[Payment, bool]:
    amount = _validate(data)
    # Payments of a tenant are recorded one at a time; a twin that waited here finds the first one.
    tenant = Tenant.objects.select_for_update(no_key=True).get(pk=data.tenant.pk)
    existing = Payment.objects.filter(idempotency_key=data.idempotency_key).first()
    if existing is not None:
        return existing, False
    payment = Payment(
        number=document_number_next(prefix="RC"),
        tenant=tenant,
        amount=amount,
        method=data.method,
        reference=data.reference.strip()[:80],
        payer=data.payer.strip()[:200],
        received_on=data.received_on,
        idempotency_key=data.idempotency_key,
        recorded_by=by,
    )
    account = METHOD_ACCOUNT[data.method]
    payment.entry = entry_post(
        on=data.received_on,
        memo=SystemText(gettext_noop("Payment %(number)s"), number=payment.number),
        source=f"payment:{payment.number}",
        legs=[
            debit(account, amount, tenant.pk if account == Account.DEPOSITS_HELD else None),
            credit(Account.RECEIVABLE, amount, tenant.pk),
        ],
        tenant=tenant,
    )
    payment.save()
    webhook_emit(
        WebhookEvent.PAYMENT_RECORDED,
        {"payment": payment.pk, "number": payment.number, "tenant": tenant.pk, "amount": amount,
         "method": payment.method, "received_on": payment.received_on},
    )  # fmt: skip
    if allocations:
        payment_allocate(payment=payment, allocations=allocations, today=data.received_on)
    else:
        credit_apply(tenant=tenant, today=data.received_on)
    return payment, True


def tenant_money_lock(tenant_id: int) -> None:
    """Matching money to a tenant's bills happens one transaction at a time per tenant (a payment being
    recorded, the billing run, a settlement); what was read before this lock is read again after it."""
    # NO KEY UPDATE: bills and entries being inserted for the tenant (foreign keys) do not wait for it.
    Tenant.objects.select_for_update(no_key=True).filter(pk=tenant_id).values_list("pk", flat=True).get()


@transaction.atomic
def payment_allocate(*, payment: Payment, allocations: dict[int, Decimal], today: date) -> list[Allocation]:
    """Match the payment to the chosen bills; refuse more than a bill asks for or than the payment holds."""
    tenant_money_lock(payment.tenant_id)
    bills = {
        bill.pk: bill
        for bill in bills_with_balance(
            Bill.objects.select_for_update(of=("self",)).filter(
                tenant_id=payment.tenant_id, pk__in=list(allocations)
            )
        )
    }
    made: list[Allocation] = []
    left = payment.amount - sum((a.amount for a in payment.allocations.all()), ZERO)
    for bill_id, raw in allocations.items():
        amount = money(raw or 0)
        if amount <= 0:
            continue
        bill = bills.get(bill_id)
        if bill is None:
            raise DomainError(_("That bill is not one of this tenant's."), field="allocations")
        if amount > bill.outstanding:
            raise DomainError(
                _("Bill %(number)s asks for %(due)s; it cannot take %(amount)s.")
                % {"number": bill.number, "due": yuan(bill.outstanding), "amount": yuan(amount)},
                field="allocations",
            )
        if amount > left:
            raise DomainError(_("The amounts matched exceed the payment."), field="allocations")
        left -= amount
        made.append(Allocation.objects.create(payment=payment, bill=bill, amount=amount))
        bill_settle_if_paid(bill, today)
    return made


@transaction.atomic
def credit_apply(*, tenant: Tenant, today: date) -> list[Allocation]:
    """Match the tenant's unmatched money to its open bills, oldest due first.

    The tenant is locked first, so a payment recorded meanwhile cannot match the same credit twice.
    """
    tenant_money_lock(tenant.pk)
    credit_left = tenant_credit(tenant.pk)
    if credit_left <= 0:
        return []
    payments = [
        (payment, payment.amount - payment.matched)
        for payment in _payments_with_matched(tenant.pk)
        if payment.amount > payment.matched
    ]
    bills = list(
        bills_with_balance(
            Bill.objects.select_for_update(of=("self",)).filter(tenant_id=tenant.pk, settled_on__isnull=True)
        )
        .filter(outstanding__gt=0)
        .order_by("due_date", "pk")
    )
    made: list[Allocation] = []
    for bill in bills:
        due = bill.outstanding
        while due > 0 and payments:
            payment, free = payments[0]
            amount = min(due, free)
            made.append(Allocation.objects.create(payment=payment, bill=bill, amount=amount))
            due -= amount
            payments[0] = (payment, free - amount)
            if payments[0][1] <= 0:
                payments.pop(0)
        bill_settle_if_paid(bill, today)
    return made


def _payments_with_matched(tenant_id: int) -> list[Payment]:
    from django.db.models import Sum
    from django.db.models.functions import Coalesce

    return list(
        Payment.objects.filter(tenant_id=tenant_id)
        .annotate(matched=Coalesce(Sum("allocations__amount"), ZERO))
        .order_by("received_on", "pk")
    )


def fapiao_request(*, payment: Payment, title: str, tax_number: str, by: User | None = None) -> FapiaoRequest:
    """The tenant asks for a VAT invoice (发票) for one payment, once; a portal user ``by`` only when their
    role at the tenant handles its bills (administrator or finance)."""
    portal_role_check(by, BILLING_ACTORS)
    if payment.method == Payment.Method.DEPOSIT:
        raise DomainError(_("A deposit applied to debts gets no fapiao."))
    if FapiaoRequest.objects.filter(payment=payment).exists():
        raise DomainError(_("A fapiao has already been requested for this payment."))
    return FapiaoRequest.objects.create(payment=payment, title=title.strip(), tax_number=tax_number.strip())


@transaction.atomic
def fapiao_issue(*, fapiao: FapiaoRequest, fapiao_number: str, issued_on: date) -> FapiaoRequest:
    """Finance records the fapiao issued for a request (once)."""
    fapiao = FapiaoRequest.objects.select_for_update().get(pk=fapiao.pk)
    if fapiao.fapiao_number:
        raise DomainError(_("This fapiao has been recorded already."))
    fapiao.fapiao_number, fapiao.issued_on = fapiao_number, issued_on
    fapiao.save(update_fields=["fapiao_number", "issued_on"])
    return fapiao
