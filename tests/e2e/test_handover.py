"""Browser: a full move-in on a tablet-sized screen. Three sheets filled and signed by drawing on the canvas,
the receipt and the two agreements signed, a defect raised and fixed, the pre-inspection findings recorded,
and the three sheets' PDFs downloaded and read back."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from handover.models import RectificationItem, Visit
from tests.factories import UserFactory
from tests.handover.factories import move_in_visit
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 -- a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1024, "height": 768}, "has_touch": True}


def _draw(page: Page, testid: str) -> None:
    canvas = page.get_by_test_id(testid)
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    x, y = box["x"], box["y"]
    page.mouse.move(x + 20, y + box["height"] * 0.7)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(x + 20 + step * 18, y + box["height"] * (0.3 if step % 2 else 0.7), steps=3)
    page.mouse.up()


def _sign(page: Page, tenant_name: str = "李华") -> None:
    _draw(page, "canvas-staff")
    _draw(page, "canvas-tenant")
    page.get_by_label("客户代表姓名").fill(tenant_name)
    page.get_by_test_id("sign").click()
    expect(page.get_by_test_id("sheet-status")).to_have_text("已签署")


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_a_full_move_in_signed_on_screen(page, live_server, login, document_root, tmp_path):
    # given: a signed lease with a unit and its electricity meter; a manager runs the handover
    visit = move_in_visit()
    meter = visit.unit.meters.get()
    UserFactory(username="manager", roles=["management"], last_name="王", first_name="小明")
    login("manager")
    page.goto(f"{live_server.url}/handover/{visit.pk}/")
    # when: the key sheet
    page.get_by_test_id("step-keys").click()
    page.locator("[name=keys-0-number]").fill("A-01")
    page.locator("[name=keys-0-quantity]").fill("3")
    page.locator("[name=keys-0-issued_to]").fill("李华")
    page.locator("[name=keys-0-spare_kept]").fill("1")
    # a signature left empty is refused, and nothing typed is lost
    page.get_by_label("客户代表姓名").fill("李华")
    page.get_by_test_id("sign").click()
    expect(page.locator("main")).to_contain_text("签名为空")
    expect(page.locator("[name=keys-0-number]")).to_have_value("A-01")
    _sign(page)
    # the meter sheet: a reading that is not a number is refused at the field
    page.get_by_test_id("step-meters").click()
    page.locator("[name=meters-0-reading]").fill("abc")
    page.get_by_test_id("save").click()
    expect(page.locator("main")).to_contain_text("输入一个数字")
    page.locator("[name=meters-0-reading]").fill("1250.50")
    _sign(page)
    # the acceptance sheet: the door lock is loose
    page.get_by_test_id("step-acceptance").click()
    page.locator("[name=acceptance-0-condition]").select_option("defect")
    page.locator("[name=acceptance-0-note]").fill("门锁松动")
    page.locator("[name=acceptance-0-due_date]").fill("2026-12-31")
    _sign(page)
    # the receipt for the handbook and guides
    page.get_by_test_id("step-receipt").click()
    page.get_by_label("客户手册").check()
    page.get_by_label("装修指南").check()
    _sign(page)
    # the two agreements, read on screen in the tenant's language and signed by both sides
    for kind in ("management", "fire_safety"):
        page.get_by_test_id(f"step-{kind}").click()
        expect(page.get_by_test_id("agreement-text")).to_be_visible()
        _sign(page)
    # the defect is fixed by engineering (management may too)
    page.get_by_role("link", name="概览").click()
    item = RectificationItem.objects.get(visit=visit)
    page.get_by_test_id(f"rectification-{item.pk}").locator("xpath=..").get_by_role("textbox").fill(
        "更换门锁"
    )
    page.get_by_test_id(f"fix-{item.pk}").click()
    expect(page.locator("main")).to_contain_text("已整改，待客户确认")
    # the move-in waits for engineering's and security's findings; the manager may record both
    expect(page.get_by_test_id("move-in-due")).to_contain_text("预验")
    for department in ("engineering", "security"):
        task = page.get_by_test_id(f"pre-inspection-{department}")
        task.get_by_role("textbox").fill("正常")
        task.get_by_role("button").click()
    expect(page.get_by_test_id("move-in-due")).to_have_count(0)
    page.get_by_test_id("visit-complete").click()
    expect(page.get_by_test_id("visit-status")).to_have_text("已完成")
    # then: the three sheets download as PDFs with their Chinese titles and the reading
    texts = {}
    for kind in ("keys", "meters", "acceptance"):
        with page.expect_download() as download:
            page.get_by_test_id(f"pdf-{kind}").click()
        path = tmp_path / f"{kind}.pdf"
        download.value.save_as(path)
        texts[kind] = _pdf_text(path)
    assert "单元钥匙交接单" in texts["keys"] and "A-01" in texts["keys"]
    assert (
        "电表读数确认单" in texts["meters"]
        and "1250.50" in texts["meters"]
        and meter.number in texts["meters"]
    )
    assert "单元验收整改单" in texts["acceptance"] and "门锁松动" in texts["acceptance"]
    assert Visit.objects.get(pk=visit.pk).status == Visit.Status.COMPLETED
    assert RectificationItem.objects.get(pk=item.pk).status == RectificationItem.Status.FIXED


def _canvas_is_drawn(page: Page, testid: str) -> bool:
    """Some pixel of the canvas is not transparent."""
    return page.get_by_test_id(testid).evaluate(
        "c => c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v)"
    )


def test_a_line_in_error_keeps_both_drawn_signatures_also_after_a_resize(page, live_server, login):
    # given: both sides have drawn on the key sheet, but a quantity is zero
    visit = move_in_visit()
    UserFactory(username="manager", roles=["management"])
    login("manager")
    page.goto(f"{live_server.url}/handover/{visit.pk}/sheets/keys/")
    page.locator("[name=keys-0-number]").fill("A-01")
    page.locator("[name=keys-0-quantity]").fill("0")
    page.locator("[name=keys-0-issued_to]").fill("李华")
    page.get_by_label("客户代表姓名").fill("李华")
    _draw(page, "canvas-staff")
    _draw(page, "canvas-tenant")
    # when
    page.get_by_test_id("sign").click()
    page.wait_for_load_state()
    # then: the error is shown and both canvases are redrawn from what was posted, even after a resize
    expect(page.locator("[name=keys-0-quantity]")).to_have_attribute("aria-invalid", "true")
    page.wait_for_function("document.querySelectorAll('canvas[data-signature]').length === 2")
    page.wait_for_timeout(300)  # the pictures load asynchronously
    assert _canvas_is_drawn(page, "canvas-staff") and _canvas_is_drawn(page, "canvas-tenant")
    page.set_viewport_size({"width": 900, "height": 700})
    page.wait_for_timeout(300)
    assert _canvas_is_drawn(page, "canvas-staff") and _canvas_is_drawn(page, "canvas-tenant")
    # and when the number is corrected, signing needs no new drawing
    page.locator("[name=keys-0-quantity]").fill("3")
    page.get_by_test_id("sign").click()
    expect(page.get_by_test_id("sheet-status")).to_have_text("已签署")
