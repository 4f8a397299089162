"""The quote of a paid service tells the tenant its amount as the one money rule writes it (¥1,280.50)."""

from decimal import Decimal

import pytest

from documents.models import Notice
from servicedesk.models import Ticket
from servicedesk.notify import ticket_quote_notice
from tests.factories import TenantFactory
from tests.servicedesk.factories import TicketFactory

pytestmark = pytest.mark.django_db


def test_a_paid_service_quote_tells_the_amount_as_money():
    # given: a quote of 1,280.50 offered on a tenant's request (the servicedesk notice)
    ticket = TicketFactory(tenant=TenantFactory(language="en"), kind=Ticket.Kind.PAID_SERVICE)
    ticket.quote_amount, ticket.quote_text = Decimal("1280.50"), "更换门锁"
    # when
    ticket_quote_notice(ticket, by=None)
    # then
    notice = Notice.objects.filter(tenant=ticket.tenant).latest("pk")
    assert notice.body.startswith("Amount: ¥1,280.50\n更换门锁")
