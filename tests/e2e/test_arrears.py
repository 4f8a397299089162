"""Browser: dunning reaches suspension; the front desk sees the banner on the tenant's page, opens the arrears
file and logs a call with a promise (a promise dated in the past is refused at its field, nothing typed is
lost); the tenant pays, the suspension lifts and the banner goes, at the front desk and in the portal."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from billing.models import CollectionCase, PaymentPromise
from billing.selectors import bill_outstanding
from billing.services.arrears import dunning_run
from billing.services.collection_clock import collection_clock
from tests.billing.factories import ISSUED_AHEAD, active_lease, issued_bill, pay
from tests.factories import UserFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_suspension_banner_call_with_promise_then_payment_lifts_it(
    page, live_server, login, tenant_user, document_root
):
    # given: the tenant's March bill went unpaid to the final notice (30 days overdue): service suspended
    tenant = tenant_user.tenant_membership.tenant
    bill = issued_bill(active_lease(tenant=tenant), today=ISSUED_AHEAD)
    dunning_run(today=bill.due_date + timedelta(days=30))
    today = timezone.localdate()
    collection_clock(today=today)
    case = CollectionCase.objects.get(tenant=tenant)
    UserFactory(username="desk", roles=["front_desk"])
    finance = UserFactory(username="cashier", roles=["finance"])
    # when: the front desk opens the tenant's page
    login("desk")
    page.goto(f"{live_server.url}/tenants/{tenant.pk}/")
    # then: the banner says the service is suspended
    expect(page.get_by_test_id("suspension-banner")).to_contain_text("暂停服务")
    # when: it opens the arrears file from the menu's list and logs a call with a promise dated yesterday
    page.goto(f"{live_server.url}/billing/collection/")
    page.get_by_test_id("collection-table").get_by_role("link", name=tenant.name).click()
    expect(page.get_by_test_id("case-bills")).to_contain_text(bill.number)
    form = page.get_by_test_id("contact-form")
    form.locator("select[name=kind]").select_option("call")
    form.locator("input[name=person]").fill("王会计")
    form.locator("select[name=outcome]").select_option("promised")
    form.locator("input[name=promised_on]").fill(f"{today - timedelta(days=1):%Y-%m-%d}")
    form.locator("input[name=promise_amount]").fill(str(bill_outstanding(bill)))
    form.locator("textarea[name=note]").fill("答应本周内付清")
    form.get_by_role("button").click()
    # then: refused at the field, in Chinese, with everything typed still there
    form = page.get_by_test_id("contact-form")
    expect(form.locator("#div_id_promised_on")).to_contain_text("已过")
    expect(form.locator("input[name=person]")).to_have_value("王会计")
    expect(form.locator("textarea[name=note]")).to_have_value("答应本周内付清")
    # when: the date is corrected
    form.locator("input[name=promised_on]").fill(f"{today + timedelta(days=3):%Y-%m-%d}")
    form.get_by_role("button").click()
    # then: the call and its promise are in the log
    expect(page.get_by_test_id("contact-log")).to_contain_text("王会计")
    expect(page.get_by_test_id("promises")).to_contain_text(str(bill_outstanding(bill)))
    assert PaymentPromise.objects.get(case=case).promised_on == today + timedelta(days=3)
    # and the tenant sees the banner in its portal
    page.context.clear_cookies()
    login(tenant_user.username, portal=True)
    expect(page.get_by_test_id("suspension-banner")).to_be_visible()
    # when: the tenant pays (finance records it)
    pay(tenant, bill_outstanding(bill), by=finance, on=today)
    # then: the suspension has lifted: no banner in the portal, nor on the tenant's page at the front desk
    page.reload()
    expect(page.get_by_test_id("suspension-banner")).to_have_count(0)
    page.context.clear_cookies()
    login("desk")
    page.goto(f"{live_server.url}/tenants/{tenant.pk}/")
    expect(page.get_by_role("heading", name=tenant.name).first).to_be_visible()
    expect(page.get_by_test_id("suspension-banner")).to_have_count(0)
