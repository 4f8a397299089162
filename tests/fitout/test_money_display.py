"""What fit-out tells the tenant and records carries amounts as the one money rule writes them (¥5,000.00),
never a bare Decimal (5000.00)."""

import pytest

from documents.models import Notice
from documents.money import yuan
from tests.factories import TenantFactory

from .factories import permitted

pytestmark = pytest.mark.django_db


def test_the_deposit_notice_and_event_print_the_amount_as_money():
    # given / when: a permit whose deposit was billed and paid
    tenant = TenantFactory(language="en")
    application = permitted(tenant)
    deposit = Notice.objects.filter(tenant=tenant, subject__startswith="Fit-out deposit").get()
    total = application.deposit_account.bill.total
    # then: ¥ and thousands separators in the tenant's notice and in the application's timeline
    assert f"fit-out deposit of {yuan(total)} by" in deposit.body
    assert f"of {total} by" not in deposit.body
    events = [event.shown for event in application.events.all()]
    assert any(yuan(total) in text for text in events), events
