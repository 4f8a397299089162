"""Arrears as of a past day show what was owed then; a future day is refused at its field."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from billing.selectors import bill_outstanding
from tests.billing.factories import active_lease, issued_bill, pay


def test_arrears_as_of_a_past_day_show_a_bill_paid_since(client, finance_manager, tenant):
    # given: March's bill, paid in full on 10 April
    lease = active_lease(tenant=tenant)
    bill = issued_bill(lease)
    owed = bill_outstanding(bill)
    pay(tenant, owed, by=finance_manager, on=date(2026, 4, 10))
    assert bill_outstanding(bill) == 0
    client.force_login(finance_manager)
    url = reverse("billing:arrears")
    # when
    now = client.get(url).content.decode()
    then = client.get(url, {"as_of": "2026-03-31"}).content.decode()
    before_issue = client.get(url, {"as_of": "2026-02-01"}).content.decode()
    # then
    assert tenant.name not in now.split('data-testid="ageing-table"')[1]
    assert tenant.name in then.split('data-testid="ageing-table"')[1] and f"¥{owed:,.2f}" in then
    assert "Owed at the end of 2026-03-31." in then
    assert tenant.name not in before_issue.split('data-testid="ageing-table"')[1]


def test_arrears_as_of_a_future_day_are_refused_at_the_field(client, finance_manager):
    client.force_login(finance_manager)
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = client.get(reverse("billing:arrears"), {"as_of": tomorrow.isoformat()}).content.decode()
    assert 'data-testid="error-as_of"' in page and "not a future one" in page
    assert f'value="{tomorrow.isoformat()}"' in page
