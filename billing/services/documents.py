"""Printed billing documents: the bill (缴费通知单) sent by notice, and the receipt (收款收据)."""

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.models import Document, Notice
from documents.money import yuan
from documents.services import document_render, notice_send
from documents.wording import in_tenant_language, message_later

from ..document_kinds import BILL, RECEIPT
from ..models import Bill, ChargeKind, Payment
from ..payee import payee_for_bill


def _bill_lines(bill: Bill) -> list[dict[str, Any]]:
    return [
        {
            "label": ChargeKind(line.kind).label,
            "description": line.description_shown,
            "period_start": line.period_start,
            "period_end": line.period_end,
            "amount": line.amount,
        }
        for line in bill.lines.all()
    ]


def _unit_codes(bill: Bill) -> list[str]:
    return list(bill.lease.units.order_by("code").values_list("code", flat=True))


@transaction.atomic
def bill_render(*, bill: Bill, by: User | None = None) -> Document:
    """The bill's PDF, rendered once and kept (the bill never changes), numbered as the bill: its header,
    title and verification line carry the number the tenant pays against, like every other form's."""
    bill = (
        Bill.objects.select_for_update(of=("self",))
        .select_related("tenant", "lease", "building")
        .get(pk=bill.pk)
    )
    if bill.document_id:
        return Document.objects.get(pk=bill.document_id)
    with in_tenant_language(bill.tenant):  # whoever issues it, the bill reads in the tenant's language
        document = document_render(
            template="documents/forms/billing_bill.html",
            context={
                "bill": bill,
                "lines": _bill_lines(bill),
                "units": _unit_codes(bill),
                "payee": payee_for_bill(bill),
            },
            kind=BILL,
            title=_("Bill %(number)s") % {"number": bill.number},
            tenant=bill.tenant,
            about=bill,
            by=by,
            number_prefix="BL",
            number=bill.number,
        )
    Bill.objects.filter(pk=bill.pk).update(document_id=document.pk)
    return document


@transaction.atomic
def bill_send(*, bill_id: int, by: User | None = None) -> None:
    """Render the bill and put it in the tenant's inbox (and e-mail), once; the e-mail's words are written in
    each reader's language (the tenant's, or the one a portal person chose)."""
    bill = Bill.objects.select_related("tenant").get(pk=bill_id)
    document = bill_render(bill=bill, by=by)
    if Notice.objects.filter(attachment=document).exists():
        return  # sent already: a repeated task sends nothing
    notice_send(
        tenant=bill.tenant,
        subject=message_later(gettext_noop("Bill %(number)s"), number=bill.number),
        body=message_later(
            gettext_noop("Your bill %(number)s for %(start)s – %(end)s: %(total)s, due on %(due)s."),
            number=bill.number,
            start=bill.period_start,
            end=bill.period_end,
            total=yuan(bill.total),
            due=bill.due_date,
        ),
        attachment=document,
        by=by,
        topic=Notice.Topic.BILLING,  # reaches the portal people who chose bills and reminders by e-mail
    )


# How far back the daily sweep looks for regular bills never sent: the current run's month and a little more,
# so an upgrade does not mail a tenant's whole history.
BILL_SEND_SWEEP_DAYS = 35


def bills_unsent(*, today: date) -> list[int]:
    """Regular bills issued in the last weeks with no notice recorded (left by an interrupted run)."""
    sent = Notice.objects.filter(attachment_id=OuterRef("document_id"))
    return list(
        Bill.objects.filter(
            kind=Bill.Kind.REGULAR,
            issue_date__gt=today - timedelta(days=BILL_SEND_SWEEP_DAYS),
            issue_date__lte=today,
        )
        .filter(Q(document_id__isnull=True) | ~Exists(sent))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def receipt_render(*, payment: Payment, by: User | None = None) -> Document:
    """The payment's receipt as PDF, rendered once."""
    payment = (
        Payment.objects.select_for_update(of=("self",))
        .select_related("tenant", "recorded_by")
        .get(pk=payment.pk)
    )
    if payment.document_id:
        return Document.objects.get(pk=payment.document_id)
    allocations = list(payment.allocations.select_related("bill"))
    with in_tenant_language(payment.tenant):  # the method's name and the title too, not the cashier's
        document = document_render(
            template="documents/forms/billing_receipt.html",
            context={
                "payment": payment,
                "method": payment.get_method_display(),
                "allocations": allocations,
                "credit_kept": payment.amount - sum(a.amount for a in allocations),
            },
            kind=RECEIPT,
            title=_("Receipt %(number)s") % {"number": payment.number},
            tenant=payment.tenant,
            about=payment,
            by=by,
            number_prefix="RCP",
        )
    Payment.objects.filter(pk=payment.pk).update(document_id=document.pk)
    return document
