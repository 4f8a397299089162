"""Browser: the front desk finds a unit, edits it, and sees the change in its history."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from leasing.models import Unit
from tests.factories import UserFactory
from tests.leasing.factories import BuildingFactory, UnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_front_desk_finds_a_unit_edits_it_and_sees_the_change_in_history(page, live_server, login):
    # given
    building = BuildingFactory(name="浦江国际商务中心", code="PJ")
    UnitFactory(building=building, code="A-0801", guide_rent=Decimal("150.00"))
    UnitFactory(building=building, code="A-0802")
    UserFactory(username="frontdesk", roles=["front_desk"], last_name="王", first_name="小明")
    login("frontdesk")
    # when: the clerk opens the unit list from the space menu and searches it for the code
    page.get_by_test_id("staff-menu").get_by_role("button", name="空间与合同").click()
    page.get_by_test_id("staff-menu").get_by_role("link", name="单元").click()
    page.get_by_placeholder("单元编号或楼宇名称").fill("A-0801")
    page.get_by_role("button", name="筛选").click()
    expect(page.get_by_role("link", name="A-0802")).to_have_count(0)
    page.get_by_role("link", name="A-0801").click()
    # and edits its guide rent
    page.get_by_role("link", name="编辑").click()
    page.get_by_label("指导租金").fill("168.50")
    page.get_by_role("button", name="保存").click()
    # then: the new value shows, and the history names who changed it from what to what
    expect(page.locator("main")).to_contain_text("168.50")
    page.get_by_test_id("history-tab").click()
    history = page.get_by_test_id("history")
    expect(history).to_contain_text("王小明")
    expect(history).to_contain_text("150.00")
    expect(history).to_contain_text("168.50")
    assert Unit.objects.get(code="A-0801").guide_rent == Decimal("168.50")
