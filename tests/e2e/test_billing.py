"""Browser: finance runs the month's billing, the tenant sees the bill in the portal, finance records the
payment and prints the receipt, and the tenant's arrears are cleared."""

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from billing.models import Bill, Payment
from config.celery import app
from documents.money import yuan
from leasing.models import PaymentCycle
from tests.billing.factories import active_lease
from tests.factories import UserFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_billing_run_to_bill_in_the_portal_to_payment_receipt_and_arrears_cleared(
    page, live_server, login, tenant_user, document_root, monkeypatch
):
    # given: an active monthly lease of the portal user's tenant, running since January
    monkeypatch.setitem(app.conf, "task_always_eager", True)
    tenant = tenant_user.tenant_membership.tenant
    today = timezone.localdate()
    lease = active_lease(
        tenant=tenant,
        payment_cycle=PaymentCycle.MONTHLY,
        start_date=today.replace(month=1, day=1),
        end_date=today.replace(year=today.year + 1),
        due_day=1,
    )
    UserFactory(username="finance", roles=["finance"])
    login("finance")
    # when: finance previews and issues this month's bills
    page.goto(f"{live_server.url}/billing/run/?month={today:%Y-%m}")
    expect(page.get_by_test_id("run-preview-table")).to_contain_text(lease.number)
    page.get_by_test_id("run-issue").click()
    expect(page.get_by_test_id("run-finished")).to_be_visible()
    bill = Bill.objects.get(lease=lease)
    # and the tenant owes it: listed in the ageing (due a week after issue, or on the 1st if that is later)
    page.goto(f"{live_server.url}/billing/arrears/")
    expect(page.get_by_test_id("ageing-table")).to_contain_text(tenant.name)
    # then: the tenant sees the bill in the portal
    page.context.clear_cookies()
    login(tenant_user.username, portal=True)
    page.goto(f"{live_server.url}/portal/billing/")
    expect(page.get_by_test_id("portal-bills")).to_contain_text(bill.number)
    expect(page.get_by_test_id("portal-balance")).to_have_text(yuan(bill.total))
    # when: finance records the payment
    page.context.clear_cookies()
    login("finance")
    page.goto(f"{live_server.url}/billing/payments/new/")
    page.get_by_label("租户").select_option(label=tenant.name)
    page.get_by_label("金额", exact=True).fill(str(bill.total))
    page.get_by_label("参考号").fill("TRF-001")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("payment-amount")).to_have_text(yuan(bill.total))
    # and prints the receipt
    page.get_by_test_id("receipt-pdf").click()
    with page.expect_download() as download:
        page.get_by_test_id("print-pdf").click()
    assert download.value.suggested_filename.endswith(".pdf")
    # then: no arrears remain, and the tenant's balance is zero
    page.goto(f"{live_server.url}/billing/arrears/")
    expect(page.get_by_test_id("ageing-table")).not_to_contain_text(tenant.name)
    assert Payment.objects.get().amount == bill.total
    assert Bill.objects.get(pk=bill.pk).settled_on == today
    page.context.clear_cookies()
    login(tenant_user.username, portal=True)
    page.goto(f"{live_server.url}/portal/billing/")
    expect(page.get_by_test_id("portal-balance")).to_have_text(yuan(Decimal("0.00")))
