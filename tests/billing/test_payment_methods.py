"""Payment methods as Chinese tenants pay, and finance's reconciliation per method and period."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from billing.models import Payment
from billing.reconciliation import payments_by_method

from .factories import active_lease, pay

pytestmark = pytest.mark.django_db


@pytest.fixture
def payments(finance_manager):
    tenant = active_lease().tenant
    pay(tenant, "100.00", by=finance_manager, method="wechat", on=date(2026, 3, 2))
    pay(tenant, "250.50", by=finance_manager, method="wechat", on=date(2026, 3, 9))
    pay(tenant, "80.00", by=finance_manager, method="alipay", on=date(2026, 3, 3))
    pay(tenant, "1000.00", by=finance_manager, method="cheque", on=date(2026, 3, 4))
    pay(tenant, "20.00", by=finance_manager, method="cash", on=date(2026, 3, 5))
    pay(tenant, "999.00", by=finance_manager, method="wechat", on=date(2026, 4, 1))  # outside March
    return tenant


def test_each_way_tenants_pay_is_a_method():
    assert {"transfer", "wechat", "alipay", "card", "cash", "cheque", "deposit"} == set(Payment.Method.values)


def test_payments_by_method_counts_and_totals_every_method(payments):
    rows = {r.method: r for r in payments_by_method(start=date(2026, 3, 1), end=date(2026, 3, 31))}
    assert (rows["wechat"].count, rows["wechat"].total) == (2, Decimal("350.50"))
    assert (rows["alipay"].count, rows["cheque"].total, rows["cash"].total) == (1, Decimal("1000.00"), 20)
    assert rows["card"].count == 0 and rows["card"].total == Decimal("0.00")
    assert list(rows) == list(Payment.Method.values)


def test_the_report_lists_one_methods_payments(client, finance_manager, payments):
    client.force_login(finance_manager)
    page = client.get(
        reverse("billing:payment-methods"), {"start": "2026-03-01", "end": "2026-03-31", "method": "wechat"}
    )
    html = page.content.decode()
    assert page.status_code == 200
    rows = page.context["payments"].paginated_rows
    assert [row.record.amount for row in rows] == [Decimal("100.00"), Decimal("250.50")]
    assert "¥350.50" in html and "¥1,450.50" in html  # WeChat Pay, and all of March
    assert "¥999.00" not in html


def test_a_period_ending_before_it_starts_is_refused_at_the_field(client, finance_manager):
    client.force_login(finance_manager)
    page = client.get(reverse("billing:payment-methods"), {"start": "2026-03-31", "end": "2026-03-01"})
    assert page.context["form"].errors["end"] and page.context["rows"] == []


def test_the_payment_form_offers_the_new_methods(client, finance_manager):
    client.force_login(finance_manager)
    html = client.get(reverse("billing:payment-create")).content.decode()
    for method in ("wechat", "alipay", "cheque", "card"):
        assert f'value="{method}"' in html
    assert 'value="deposit"' not in html


@pytest.mark.parametrize("role", ["general_manager", "front_desk", "engineer"])
def test_other_roles_may_not_open_the_report(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("billing:payment-methods")).status_code == 403
