"""Browser: management gives a new office a building and a clerk; the clerk then sees that building's units
only, and a clerk of an office running no building is told why the pages are empty."""

import os

import pytest
from playwright.sync_api import expect

from tenancy.models import ManagementOffice
from tests.factories import OfficeFactory, UserFactory
from tests.leasing.factories import BuildingFactory, UnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Set to a folder to keep screenshots of the pages (for reviewing them by eye).
SHOTS = os.environ.get("OFFICE_SHOTS", "")


def _shot(page, name: str) -> None:
    """The page in both languages (switched to English with the language buttons, then back)."""
    if not SHOTS:
        return
    switcher = page.get_by_test_id("language-switcher")
    page.screenshot(path=f"{SHOTS}/{name}-zh.png", full_page=True)
    switcher.get_by_role("button", name="English").click()
    page.screenshot(path=f"{SHOTS}/{name}-en.png", full_page=True)
    switcher.get_by_role("button", name="中文").click()


def test_management_gives_an_office_a_building_and_a_clerk_who_then_sees_only_it(page, live_server, login):
    # given
    pudong_office = OfficeFactory(name="浦东管理处", code="PD")
    pudong = BuildingFactory(name="浦东商务中心", code="PD1", office=pudong_office)
    UnitFactory(building=pudong, code="PD-0101")
    xuhui = BuildingFactory(name="徐汇商务中心", code="XH1")
    UnitFactory(building=xuhui, code="XH-0101")
    UserFactory(username="manager", roles=["management"], last_name="李", first_name="总")
    UserFactory(username="clerk", roles=["front_desk"], offices=[], last_name="张", first_name="三")
    login("manager")
    # when: management opens the offices page and makes a new office with the building and the clerk
    page.goto(f"{live_server.url}/space/offices/")
    expect(page.get_by_test_id("buildings-without-office")).to_contain_text("XH1")
    _shot(page, "offices-list")
    page.get_by_test_id("office-new").click()
    _shot(page, "office-form")
    page.get_by_label("管理处名称").fill("徐汇管理处")
    page.get_by_label("代码").fill("xh")
    page.get_by_label("出具单位名称").fill("徐汇物业管理处")
    page.get_by_label("XH1 · 徐汇商务中心 (无管理处)").check()
    page.get_by_label("员工").select_option(label="张三 (clerk)")
    page.get_by_role("button", name="保存").click()
    # then: the office runs the building and has the clerk
    expect(page.get_by_test_id("offices")).to_contain_text("徐汇物业管理处")
    office = ManagementOffice.objects.get(code="XH")
    assert list(office.buildings.values_list("code", flat=True)) == ["XH1"]
    assert list(office.members.values_list("user__username", flat=True)) == ["clerk"]
    # and the clerk sees that building's units, not the other office's
    page.context.clear_cookies()
    login("clerk")
    page.goto(f"{live_server.url}/space/units/")
    expect(page.locator("main")).to_contain_text("XH-0101")
    expect(page.locator("main")).not_to_contain_text("PD-0101")


def test_a_clerk_of_an_office_running_no_building_is_told_why_nothing_shows(page, live_server, login):
    # given
    UnitFactory(building=BuildingFactory(code="PD1", office=OfficeFactory(code="PD")), code="PD-0101")
    UserFactory(username="clerk", roles=["front_desk"], offices=[OfficeFactory(name="静安管理处", code="JA")])
    login("clerk")
    # when
    page.goto(f"{live_server.url}/space/units/")
    # then
    expect(page.get_by_test_id("office-scope-notice")).to_contain_text("尚未管理任何楼宇")
    expect(page.locator("main")).not_to_contain_text("PD-0101")
    _shot(page, "no-building")
