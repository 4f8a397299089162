"""Paid services: a quote the tenant accepts; when done, the charge goes on the tenant's next bill."""

from decimal import Decimal

import pytest

from documents.errors import DomainError
from servicedesk import services
from servicedesk.models import Ticket, TicketEvent

from .factories import TicketFactory


@pytest.fixture
def paid(front_desk, tenant):
    ticket = TicketFactory(owner=front_desk, tenant=tenant, kind=Ticket.Kind.PAID_SERVICE)
    services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="我们会报价")
    return ticket


def test_a_paid_service_is_charged_to_bill_on_completion_after_the_tenant_accepts(
    paid, front_desk, tenant_user
):
    # given
    services.ticket_quote_offer(ticket=paid, by=front_desk, amount=Decimal("350.005"), text="更换灯管 10 支")
    # when
    services.ticket_quote_accept(ticket=paid, by=tenant_user)
    services.ticket_start(ticket=paid, by=front_desk)
    services.ticket_resolve(ticket=paid, by=front_desk, resolution="已更换", cause=Ticket.Cause.WEAR)
    # then
    paid.refresh_from_db()
    assert paid.quote_amount == Decimal("350.01")  # half up
    assert (paid.charge_amount, paid.charge_status) == (Decimal("350.01"), Ticket.ChargeStatus.TO_BILL)
    assert paid.events.filter(kind=TicketEvent.Kind.CHARGE_RECORDED, public=False).count() == 1


def test_work_on_a_paid_service_waits_for_the_accepted_quote(paid, front_desk, tenant_user):
    with pytest.raises(DomainError):
        services.ticket_start(ticket=paid, by=front_desk)
    services.ticket_quote_offer(ticket=paid, by=front_desk, amount=Decimal("80"), text="开锁")
    services.ticket_quote_decline(ticket=paid, by=tenant_user)
    with pytest.raises(DomainError):
        services.ticket_resolve(ticket=paid, by=front_desk, resolution="x", cause=Ticket.Cause.OTHER)
    paid.refresh_from_db()
    assert paid.charge_status == Ticket.ChargeStatus.NONE


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5")])
def test_a_quote_must_be_more_than_zero(paid, front_desk, amount):
    with pytest.raises(DomainError) as refused:
        services.ticket_quote_offer(ticket=paid, by=front_desk, amount=amount, text="x")
    assert refused.value.field == "amount"


def test_only_a_paid_service_has_a_quote(front_desk):
    ticket = TicketFactory(owner=front_desk, kind=Ticket.Kind.REPAIR)
    with pytest.raises(DomainError):
        services.ticket_quote_offer(ticket=ticket, by=front_desk, amount=Decimal("10"), text="x")


def test_only_the_tenant_answers_the_quote(paid, front_desk, other_tenant_user):
    services.ticket_quote_offer(ticket=paid, by=front_desk, amount=Decimal("10"), text="x")
    for user in (front_desk, other_tenant_user):
        with pytest.raises(DomainError):
            services.ticket_quote_accept(ticket=paid, by=user)
    paid.refresh_from_db()
    assert paid.quote_status == Ticket.QuoteStatus.OFFERED


def test_a_service_is_charged_once(paid, front_desk, tenant_user):
    services.ticket_quote_offer(ticket=paid, by=front_desk, amount=Decimal("10"), text="x")
    services.ticket_quote_accept(ticket=paid, by=tenant_user)
    services.ticket_resolve(ticket=paid, by=front_desk, resolution="好了", cause=Ticket.Cause.WEAR)
    with pytest.raises(DomainError):
        services.paid_service_charge_pending(ticket=paid, by=front_desk)
    services.ticket_reopen(ticket=paid, by=front_desk, reason="没弄好")
    services.ticket_resolve(ticket=paid, by=front_desk, resolution="这次好了", cause=Ticket.Cause.WEAR)
    assert paid.events.filter(kind=TicketEvent.Kind.CHARGE_RECORDED).count() == 1


def test_a_tenant_with_a_lease_gets_the_charge_on_its_next_bill(paid, front_desk, tenant_user, tenant):
    # given: the tenant holds a live lease
    from billing.models import Charge
    from leasing.models import Lease
    from tests.leasing.lease_factories import lease_in

    lease = lease_in(Lease.Status.ACTIVE, tenant=tenant)
    services.ticket_quote_offer(ticket=paid, by=front_desk, amount=Decimal("120"), text="疏通下水管")
    services.ticket_quote_accept(ticket=paid, by=tenant_user)
    # when
    services.ticket_resolve(ticket=paid, by=front_desk, resolution="已疏通", cause=Ticket.Cause.WEAR)
    # then: billing holds one repair charge on that lease, and the ticket says it is billed
    paid.refresh_from_db()
    charge = Charge.objects.get(source=f"servicedesk:ticket:{paid.pk}")
    assert (charge.lease, charge.kind, charge.amount) == (lease, "repair", Decimal("120.00"))
    assert paid.charge_status == Ticket.ChargeStatus.BILLED
