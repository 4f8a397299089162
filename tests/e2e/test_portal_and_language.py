"""Browser: a tenant sees only its own data and cannot open staff pages; the language switch works."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import ContactFactory, MembershipFactory, TenantFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_tenant_sees_only_its_own_data_and_no_staff_page(page, live_server, login):
    # given: two tenants, each with a portal user and a contact
    own, other = TenantFactory(name="星河科技有限公司"), TenantFactory(name="远山贸易有限公司")
    ContactFactory(tenant=own, name="陈自己")
    ContactFactory(tenant=other, name="赵别人")
    MembershipFactory(tenant=own, user=UserFactory(username="tenant1"))
    # when
    login("tenant1", portal=True)
    # then: the portal shows its own tenant and nothing of the other
    expect(page.get_by_test_id("portal-tenant-name")).to_have_text("星河科技有限公司")
    expect(page.locator("main")).to_contain_text("陈自己")
    expect(page.locator("main")).not_to_contain_text("远山贸易")
    expect(page.locator("main")).not_to_contain_text("赵别人")
    # and a staff URL is refused
    response = page.goto(f"{live_server.url}/dashboard/")
    assert response.status == 403
    expect(page.locator("main")).to_contain_text("此页面仅供大厦管理人员使用")


def test_language_switch_shows_english_then_chinese(page, live_server, login):
    # given
    UserFactory(username="frontdesk", roles=["front_desk"])
    login("frontdesk")
    expect(page.locator("h1")).to_have_text("工作台")
    # when
    page.get_by_role("button", name="English").click()
    # then
    expect(page.locator("h1")).to_have_text("Dashboard")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # when
    page.get_by_role("button", name="中文").click()
    # then
    expect(page.locator("h1")).to_have_text("工作台")
    expect(page).to_have_url(re.compile(r"/(dashboard/)?$"))
