"""Browser: the front desk finds a tenant from the search box in the top bar by part of its Chinese name,
opens it, finds its lease by number, and sees it in the tenant directory filtered by building, in Chinese
and in English; the directory exports to CSV."""

import pytest
from playwright.sync_api import expect

from tests.factories import ContactFactory, TenantFactory, UserFactory
from tests.leasing.factories import UnitFactory
from tests.leasing.lease_factories import lease_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_top_bar_search_to_tenant_and_lease_and_the_directory_in_both_languages(page, live_server, login):
    # given: a tenant with a live lease on one unit, and another unit left vacant
    tenant = TenantFactory(name="上海华科信息技术有限公司")
    ContactFactory(tenant=tenant, name="王经理", mobile="13800000000", is_primary=True)
    unit = UnitFactory(code="E-0801")
    lease = lease_in("active", units=[unit], tenant=tenant)
    UnitFactory(building=unit.building, code="E-0802")
    UserFactory(username="frontdesk", roles=["front_desk"])
    login("frontdesk")
    # when: a substring of the name goes into the top bar's box
    page.goto(f"{live_server.url}/")
    box = page.get_by_test_id("topbar-search").locator("input[name=q]")
    box.fill("华科信息")
    box.press("Enter")
    # then: the tenant is found and opens
    tenants = page.get_by_test_id("results-tenants")
    expect(tenants).to_contain_text("上海华科信息技术有限公司")
    expect(page.locator("h1")).to_contain_text("搜索")
    tenants.get_by_role("link", name="上海华科信息技术有限公司").click()
    expect(page).to_have_url(f"{live_server.url}/tenants/{tenant.pk}/")
    # when / then: the lease by its number
    box = page.get_by_test_id("topbar-search").locator("input[name=q]")
    box.fill(lease.number)
    box.press("Enter")
    page.get_by_test_id("results-leases").get_by_role("link", name=lease.number).click()
    expect(page).to_have_url(f"{live_server.url}/space/leases/{lease.pk}/")
    # when / then: bad input gets a message, not an error page
    page.goto(f"{live_server.url}/search/")
    form_box = page.get_by_test_id("search-form").locator("input[name=q]")
    form_box.fill("x" * 10_000)
    form_box.press("Enter")
    expect(page.get_by_test_id("search-error")).to_contain_text("100")
    # when: the directory, filtered by the unit's building
    page.goto(f"{live_server.url}/space/directory/")
    page.select_option("#id_building", str(unit.building_id))
    page.get_by_test_id("directory-filter").get_by_role("button").click()
    # then: the tenant at its unit, the other unit vacant
    expect(page.locator("h1")).to_contain_text("用户情况一览表")
    row = page.locator("[data-testid=directory-row][data-unit='E-0801']")
    expect(row).to_contain_text("上海华科信息技术有限公司")
    expect(row).to_contain_text("王经理")
    expect(row).to_contain_text("13800000000")
    expect(page.locator("[data-testid=directory-row][data-unit='E-0802']")).to_contain_text("空置")
    with page.expect_download() as download:
        page.get_by_test_id("directory-csv").click()
    assert "上海华科信息技术有限公司" in download.value.path().read_text(encoding="utf-8-sig")
    # when / then: in English
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_contain_text("Tenant directory")
    expect(page.locator("[data-testid=directory-row][data-unit='E-0802']")).to_contain_text("Vacant")
