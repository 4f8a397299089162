"""Suspension has effect: a suspended tenant is refused paid services, fit-out permits, worker passes and
relocation bookings with the reason, never a safety repair; its staff pages and portal show a banner until
the arrears are paid."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from billing.selectors import bill_outstanding
from billing.services.arrears import dunning_run
from billing.suspension import tenant_suspension
from documents.errors import DomainError
from fitout import services as fitout_services
from fitout.models import Application
from handover import services as handover_services
from handover.models import RelocationBooking
from servicedesk import services as servicedesk_services
from servicedesk.models import Ticket
from tests.billing.factories import active_lease, issued_bill, pay
from tests.fitout import factories as fitout_factories
from tests.handover.factories import move_in_visit
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture
from tests.servicedesk.factories import TicketFactory

pytestmark = pytest.mark.django_db


def suspend(tenant):
    """A rent bill of the tenant 30 days overdue: the final notice suspends its service."""
    bill = issued_bill(active_lease(tenant=tenant))
    dunning_run(today=bill.due_date + timedelta(days=30))
    assert tenant_suspension(tenant.pk) is not None
    return bill


def pay_off(tenant, finance_manager):
    for bill in tenant.bills.filter(settled_on__isnull=True):
        outstanding = bill_outstanding(bill)
        if outstanding > 0:
            pay(tenant, outstanding, by=finance_manager, on=bill.due_date + timedelta(days=31))


def test_a_suspended_tenant_is_refused_a_paid_service_quote_but_not_a_safety_one(
    document_root, tenant, front_desk
):
    # given
    suspend(tenant)
    paid = TicketFactory(owner=front_desk, tenant=tenant, kind=Ticket.Kind.PAID_SERVICE)
    urgent = TicketFactory(
        owner=front_desk, tenant=tenant, kind=Ticket.Kind.PAID_SERVICE, urgency=Ticket.Urgency.URGENT
    )
    # when / then: the quote is refused with the reason
    with pytest.raises(DomainError) as error:
        servicedesk_services.ticket_quote_offer(ticket=paid, by=front_desk, amount=Decimal("80"), text="开锁")
    assert "suspended for arrears" in error.value.message and "a paid service" in error.value.message
    paid.refresh_from_db()
    assert paid.quote_status == Ticket.QuoteStatus.NONE
    # an urgent one concerns safety: offered
    servicedesk_services.ticket_quote_offer(ticket=urgent, by=front_desk, amount=Decimal("80"), text="燃气")
    urgent.refresh_from_db()
    assert urgent.quote_status == Ticket.QuoteStatus.OFFERED


def test_a_suspended_tenant_still_gets_its_safety_repair(document_root, tenant, front_desk):
    # given
    suspend(tenant)
    repair = TicketFactory(owner=front_desk, tenant=tenant, kind=Ticket.Kind.REPAIR, urgency="urgent")
    # when: the repair goes its whole way
    servicedesk_services.ticket_acknowledge(ticket=repair, by=front_desk, reply="马上到")
    servicedesk_services.ticket_start(ticket=repair, by=front_desk)
    servicedesk_services.ticket_resolve(
        ticket=repair, by=front_desk, resolution="已修好漏电开关", cause=Ticket.Cause.WEAR
    )
    # then
    repair.refresh_from_db()
    assert repair.status == Ticket.Status.RESOLVED


def test_a_suspended_tenant_is_refused_its_fit_out_permit_until_it_pays(
    document_root, tenant, finance_manager
):
    # given: everything the permit needs, then the tenant falls into suspension
    application = fitout_factories.ready(tenant)
    suspend(tenant)
    # when / then
    with pytest.raises(DomainError) as error:
        fitout_services.permit_issue(application=application, by=fitout_factories.staff("engineering"))
    assert "a fit-out permit" in error.value.message
    assert Application.objects.get(pk=application.pk).permit_number == ""
    # when paid, the permit is issued
    pay_off(tenant, finance_manager)
    fitout_services.permit_issue(application=application, by=fitout_factories.staff("engineering"))
    assert Application.objects.get(pk=application.pk).status == Application.Status.WORKS


def test_a_suspended_tenant_gets_no_worker_pass(document_root, tenant):
    # given
    application = fitout_factories.permitted(tenant)
    suspend(tenant)
    # when / then
    with pytest.raises(DomainError) as error:
        fitout_factories.worker(application)
    assert "a worker pass" in error.value.message
    assert not application.workers.exists()


def test_a_suspended_tenant_books_no_freight_lift_until_it_pays(document_root, tenant, finance_manager):
    # given
    visit = move_in_visit(tenant=tenant)
    suspend(tenant)
    by = fitout_factories.staff("front_desk")
    day = visit.visit_date + timedelta(days=1)
    # when / then
    with pytest.raises(DomainError) as error:
        handover_services.relocation_book(visit=visit, moving_date=day, slot="08-10", by=by, today=day)
    assert "a relocation booking" in error.value.message
    assert not RelocationBooking.objects.exists()
    # when paid: booked
    pay_off(tenant, finance_manager)
    assert tenant_suspension(tenant.pk) is None
    handover_services.relocation_book(visit=visit, moving_date=day, slot="08-10", by=by, today=day)
    assert RelocationBooking.objects.count() == 1


def test_the_staff_pages_and_the_portal_show_the_banner_until_the_tenant_pays(
    client, document_root, tenant, tenant_user, general_manager, finance_manager
):
    # given
    bill = suspend(tenant)
    ticket = TicketFactory(tenant=tenant, kind=Ticket.Kind.REPAIR)
    visit = move_in_visit(tenant=tenant)
    application = fitout_factories.applied(tenant)
    pages = [
        reverse("tenancy:tenant-detail", args=[tenant.pk]),
        reverse("leasing:lease-detail", args=[bill.lease_id]),
        reverse("servicedesk:ticket-detail", args=[ticket.pk]),
        reverse("handover:visit-detail", args=[visit.pk]),
        reverse("fitout:application-detail", args=[application.pk]),
    ]
    # when / then
    client.force_login(general_manager)
    for url in pages:
        assert 'data-testid="suspension-banner"' in client.get(url).content.decode(), url
    assert (
        'data-testid="suspension-banner"' not in client.get(reverse("tenancy:tenant-list")).content.decode()
    )
    client.force_login(tenant_user)
    portal = client.get(reverse("portal:home")).content.decode()
    assert 'data-testid="suspension-banner"' in portal and "suspended for arrears" in portal
    # when the tenant pays, the banners go
    pay_off(tenant, finance_manager)
    assert 'data-testid="suspension-banner"' not in client.get(reverse("portal:home")).content.decode()
    client.force_login(general_manager)
    for url in pages:
        assert 'data-testid="suspension-banner"' not in client.get(url).content.decode(), url


def test_another_tenants_pages_show_no_banner(client, document_root, tenant, other_tenant, other_tenant_user):
    # given
    suspend(tenant)
    # when / then
    client.force_login(other_tenant_user)
    assert 'data-testid="suspension-banner"' not in client.get(reverse("portal:home")).content.decode()
