"""Paid services: a quote the tenant accepts in the portal, and the charge recorded when the work is done."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.models.bills import ChargeKind
from billing.services.bills import charge_record
from billing.suspension import suspension_refuse
from documents.actors import User
from documents.errors import DomainError
from documents.money import money
from leasing.models import Lease
from tenancy.access import portal_role_check
from tenancy.portal_roles import OPERATIONS_ACTORS

from .. import notify
from ..models import Ticket, TicketEvent
from ..permissions import may_work_on
from ._base import event_add, lock


def _check_tenant_user(ticket: Ticket, by: User) -> None:
    membership = getattr(by, "tenant_membership", None)
    if by.is_staff or membership is None or membership.tenant_id != ticket.tenant_id:
        raise DomainError(_("Only the tenant who asked for the service can answer its quote."))


@transaction.atomic
def ticket_quote_offer(*, ticket: Ticket, by: User, amount: Decimal, text: str) -> Ticket:
    """Offer the tenant a price for a paid service (replacing an unanswered or declined quote)."""
    ticket = lock(ticket)
    if ticket.kind != Ticket.Kind.PAID_SERVICE:
        raise DomainError(_("Only a paid service has a quote."))
    if not may_work_on(ticket=ticket, user=by):
        raise PermissionDenied(_("You may not do this on this ticket."))
    if not ticket.is_open or ticket.quote_status == Ticket.QuoteStatus.ACCEPTED:
        raise DomainError(_("The quote can no longer be changed."))
    if ticket.urgency != Ticket.Urgency.URGENT:  # an urgent case concerns safety: never blocked for arrears
        suspension_refuse(tenant_id=ticket.tenant_id, action="paid_service")
    try:
        amount = money(amount)
    except (InvalidOperation, TypeError) as error:
        raise DomainError(_("Enter the amount in yuan, e.g. 350.00."), field="amount") from error
    if amount <= 0:
        raise DomainError(_("The amount must be more than zero."), field="amount")
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Say what the price covers."), field="text")
    Ticket.QUOTE_LIFECYCLE.move(ticket, Ticket.QuoteStatus.OFFERED)
    ticket.quote_amount, ticket.quote_text = amount, text
    ticket.save(update_fields=["quote_amount", "quote_text", "quote_status", "updated_at"])
    event_add(
        ticket, TicketEvent.Kind.QUOTE_OFFERED, by=by, public=True, text=text, data={"amount": str(amount)}
    )
    notify.ticket_quote_notice(ticket, by=by)
    return ticket


def _answer(ticket: Ticket, by: User, status: str, kind: str) -> Ticket:
    ticket = lock(ticket)
    _check_tenant_user(ticket, by)
    # A quote commits the tenant to pay: its administrators and operations people answer it, not read-only.
    portal_role_check(by, OPERATIONS_ACTORS)
    if ticket.quote_status != Ticket.QuoteStatus.OFFERED or not ticket.is_open:
        raise DomainError(_("There is no open quote on this ticket."))
    Ticket.QUOTE_LIFECYCLE.move(ticket, status)
    ticket.save(update_fields=["quote_status", "updated_at"])
    event_add(ticket, kind, by=by, public=True, data={"amount": str(ticket.quote_amount)})
    return ticket


@transaction.atomic
def ticket_quote_accept(*, ticket: Ticket, by: User) -> Ticket:
    """The tenant accepts the quote in the portal: the work may start."""
    return _answer(ticket, by, Ticket.QuoteStatus.ACCEPTED, TicketEvent.Kind.QUOTE_ACCEPTED)


@transaction.atomic
def ticket_quote_decline(*, ticket: Ticket, by: User) -> Ticket:
    """The tenant declines the quote; staff may offer another one."""
    return _answer(ticket, by, Ticket.QuoteStatus.DECLINED, TicketEvent.Kind.QUOTE_DECLINED)


@transaction.atomic
def paid_service_charge_pending(*, ticket: Ticket, by: User) -> Ticket:
    """Charge a completed paid service at its accepted quote, once.

    The charge goes to billing on the tenant's lease (the one holding the ticket's unit, else any live
    one) and reaches the next bill; the ticket is then "billed". A tenant without a live lease keeps the
    charge "to bill" on the ticket, for finance to settle by hand.
    """
    ticket = lock(ticket)
    if ticket.kind != Ticket.Kind.PAID_SERVICE or ticket.quote_status != Ticket.QuoteStatus.ACCEPTED:
        raise DomainError(_("Only a paid service with an accepted quote is charged."))
    if ticket.charge_status != Ticket.ChargeStatus.NONE:
        raise DomainError(_("This service has already been charged."))
    Ticket.CHARGE_LIFECYCLE.move(ticket, Ticket.ChargeStatus.TO_BILL)
    ticket.charge_amount = ticket.quote_amount
    lease = _lease_to_charge(ticket)
    if lease is not None:
        charge_record(
            lease=lease, kind=ChargeKind.REPAIR, description=ticket.quote_text or ticket.description[:200],
            amount=ticket.charge_amount, incurred_on=timezone.localdate(), by=by,
            source=f"servicedesk:ticket:{ticket.pk}",
        )  # fmt: skip
        Ticket.CHARGE_LIFECYCLE.move(ticket, Ticket.ChargeStatus.BILLED)
    ticket.save(update_fields=["charge_amount", "charge_status", "updated_at"])
    event_add(ticket, TicketEvent.Kind.CHARGE_RECORDED, by=by, data={"amount": str(ticket.charge_amount)})
    return ticket


def _lease_to_charge(ticket: Ticket) -> Lease | None:
    leases = Lease.objects.filter(tenant_id=ticket.tenant_id, status__in=Lease.LIVE)
    leases = leases.order_by("-start_date", "-pk")
    if ticket.unit_id:
        holding = leases.filter(lease_units__unit_id=ticket.unit_id).first()
        if holding is not None:
            return holding
    return leases.first()
