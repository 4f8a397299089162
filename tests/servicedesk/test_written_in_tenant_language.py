"""Issue 22: what the service desk tells the tenant is written in the tenant's language (Chinese unless
set), not in the clerk's nor in the site's default language."""

import pytest

from servicedesk import services
from servicedesk.models import Ticket
from tests.factories import TenantFactory
from tests.language import clerk_reading_english

from .factories import TicketFactory

pytestmark = pytest.mark.django_db


def _acknowledged_and_resolved(front_desk, language: str) -> Ticket:
    tenant = TenantFactory(language=language)
    ticket = TicketFactory(owner=front_desk, received_by=front_desk, tenant=tenant)
    with clerk_reading_english():
        services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="Today 3 pm")
        services.ticket_resolve(ticket=ticket, by=front_desk, resolution="Fixed", cause=Ticket.Cause.SERVICE)
    return ticket


def test_a_chinese_tenant_hears_in_chinese_from_a_clerk_reading_english(front_desk):
    # given / when
    ticket = _acknowledged_and_resolved(front_desk, "zh-hans")
    # then
    subjects = list(ticket.tenant.notices.order_by("pk").values_list("subject", flat=True))
    assert subjects == [
        f"我们已收到您的服务请求 {ticket.reference}",
        f"您的服务请求 {ticket.reference} 已处理完毕",
    ]
    assert "Please tell us" not in ticket.tenant.notices.order_by("pk").last().body


def test_an_english_tenant_hears_in_english_whatever_the_site_language(front_desk):
    # given / when
    ticket = _acknowledged_and_resolved(front_desk, "en")
    # then
    subjects = list(ticket.tenant.notices.order_by("pk").values_list("subject", flat=True))
    assert subjects == [
        f"We have received your request {ticket.reference}",
        f"Your request {ticket.reference} is resolved",
    ]
    assert "Please tell us how satisfied you are" in ticket.tenant.notices.order_by("pk").last().body
