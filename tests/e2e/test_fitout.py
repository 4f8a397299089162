"""Browser: a whole fit-out, from the tenant's application in the portal to the refund of the deposit. Bad
input on the way (a drawing that is not a PDF, a worker without an ID number, a fine larger than the deposit)
is refused at its field with nothing typed lost; both sides sign on the canvas; the PDFs are read back."""

import io
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from billing.models import Refund
from fitout.models import Application
from leasing.models import Lease, Unit
from tests.factories import MembershipFactory, UserFactory, make_resident_id
from tests.leasing.lease_factories import document_root_fixture, lease_in  # noqa: F401 -- a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


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


def _files(tmp_path: Path) -> dict[str, Path]:
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (30, 90, 160)).save(buffer, format="JPEG")
    paths = {
        "plan": tmp_path / "plan.pdf",
        "plan2": tmp_path / "plan-v2.pdf",
        "photo": tmp_path / "photo.jpg",
    }
    paths["plan"].write_bytes(pdf)
    paths["plan2"].write_bytes(pdf)
    paths["photo"].write_bytes(buffer.getvalue())
    return paths


def _pdf_text(page: Page, testid: str, tmp_path: Path) -> str:
    with page.expect_download() as download:
        page.get_by_test_id(testid).first.click()
    path = tmp_path / f"{testid}.pdf"
    download.value.save_as(path)
    return "".join(p.extract_text() for p in PdfReader(path).pages)


def _logout(page: Page) -> None:
    page.context.clear_cookies()


def _apply_in_portal(page: Page, url: str, lease: Lease, files: dict[str, Path]) -> None:
    page.goto(f"{url}/portal/fitout/apply/")
    page.select_option("[name=lease]", str(lease.pk))
    page.locator("[name=units]").first.check()
    page.fill("[name=contractor_company]", "上海华艺装饰工程有限公司")
    page.fill("[name=contractor_licence]", "D231012345")
    page.fill("[name=site_manager]", "赵强")
    page.fill("[name=site_manager_phone]", "13912345678")
    page.fill("[name=scope]", "隔墙、吊顶、地毯、照明")
    start = timezone.localdate() + timedelta(days=1)
    page.fill("[name=starts_on]", start.isoformat())
    page.fill("[name=ends_on]", (start + timedelta(days=40)).isoformat())
    # a photo given as a drawing is refused at the field, and nothing typed is lost
    page.set_input_files("[name=drawings]", str(files["photo"]))
    page.get_by_test_id("fitout-submit").click()
    expect(
        page.locator("#div_id_drawings .invalid-feedback, #div_id_drawings .text-danger").first
    ).to_contain_text("photo.jpg")
    expect(page.locator("[name=contractor_company]")).to_have_value("上海华艺装饰工程有限公司")
    page.set_input_files("[name=drawings]", str(files["plan"]))
    page.get_by_test_id("fitout-submit").click()
    # both sign on screen
    _draw(page, "canvas-tenant")
    _draw(page, "canvas-contractor")
    page.fill("[name=tenant_name]", "李华")
    page.fill("[name=contractor_name]", "赵强")
    page.get_by_test_id("sign").click()
    expect(page.get_by_test_id("agreement-pdf")).to_be_visible()


def _review(page: Page, url: str, application: Application, verdict: str) -> None:
    page.goto(f"{url}/fitout/{application.pk}/")
    page.locator(f"[name=review-verdict][value={verdict}]").check()
    page.fill("[name=review-opinion]", "消防通道被隔墙阻挡" if verdict == "changes" else "符合要求")
    if verdict == "changes":
        page.fill("[name=review-required_changes]", "移动隔墙，保留1.4米通道")
        page.locator("textarea[name^=review-comment_]").first.fill("隔墙位置需调整")
    page.get_by_test_id("review-submit").click()
    expect(
        page.get_by_test_id(f"review-{Application.objects.get(pk=application.pk).reviews.count()}")
    ).to_be_visible()


def _review_until_approved(
    page: Page, url: str, login: Any, application: Application, files: dict[str, Path], tmp_path: Path
) -> None:
    """Engineering asks for changes; the tenant resubmits; engineering approves."""
    login("eng")
    _review(page, url, application, "changes")
    assert "图纸审核意见书" in _pdf_text(page, "review-pdf", tmp_path)
    _logout(page)
    login("tenantfit", portal=True)
    page.goto(f"{url}/portal/fitout/{application.pk}/")
    expect(page.get_by_test_id("review-1")).to_contain_text("移动隔墙")
    page.set_input_files("[name=drawings]", str(files["plan2"]))
    page.get_by_test_id("portal-resubmit").click()
    _logout(page)
    login("eng")
    _review(page, url, application, "approved")
    _logout(page)


def _permit_after_the_deposit(
    page: Page, url: str, login: Any, application: Application, lease: Lease, tmp_path: Path
) -> None:
    """The permit is refused while the deposit is unpaid; finance records the payment; then it is issued."""
    login("fin")
    page.goto(f"{url}/fitout/{application.pk}/")
    page.fill("[name=deposit-amount]", "20000")
    page.get_by_test_id("deposit-submit").click()
    page.fill("[name=power-reference]", "YD-2026-018")
    page.get_by_test_id("power-submit").click()
    expect(page.get_by_test_id("deposit-state")).to_contain_text("¥20,000.00")
    _logout(page)
    login("eng")
    page.goto(f"{url}/fitout/{application.pk}/")
    page.get_by_test_id("permit-issue").click()
    expect(page.get_by_test_id("permit-error")).to_be_visible()
    _logout(page)
    login("fin")
    page.goto(f"{url}/billing/payments/new/")
    page.select_option("[name=tenant]", str(lease.tenant_id))
    page.fill("[name=amount]", "20000")
    page.select_option("[name=method]", "transfer")
    page.locator("form button[type=submit]").last.click()
    _logout(page)
    login("eng")
    page.goto(f"{url}/fitout/{application.pk}/")
    page.get_by_test_id("permit-issue").click()
    expect(page.get_by_test_id("permit-number")).to_be_visible()
    permit_text = _pdf_text(page, "permit-pdf", tmp_path)
    assert "装修施工许可证" in permit_text and application.starts_on.isoformat() in permit_text
    assert set(lease.units.values_list("status", flat=True)) == {Unit.Status.FIT_OUT}
    _logout(page)


def _worker_registered_and_checked(
    page: Page, url: str, login: Any, application: Application, files: dict[str, Path], tmp_path: Path
) -> None:
    """Security registers a worker (without an ID number refused at the field, the name kept); the gate checks
    the pass by its number."""
    login("guard")
    page.goto(f"{url}/fitout/{application.pk}/")
    page.fill("[name=worker-name]", "王师傅")
    page.fill("[name=worker-trade]", "木工")
    page.set_input_files("[name=worker-photo]", str(files["photo"]))
    page.get_by_test_id("worker-submit").click()
    expect(page.locator("#div_id_worker-id_number")).to_contain_text("身份证")
    expect(page.locator("[name=worker-name]")).to_have_value("王师傅")
    page.fill("[name=worker-id_number]", make_resident_id(3))
    page.set_input_files("[name=worker-photo]", str(files["photo"]))
    page.get_by_test_id("worker-submit").click()
    worker = application.workers.get()
    assert "施工人员出入证" in _pdf_text(page, "pass-pdf", tmp_path)
    page.goto(f"{url}/fitout/passes/check/")
    page.fill("[name=number]", worker.pass_number)
    page.get_by_test_id("pass-check-submit").click()
    expect(page.get_by_test_id("pass-verdict")).to_have_attribute(
        "data-verdict", "valid" if worker.valid_from <= timezone.localdate() else "not_yet"
    )
    _logout(page)


def _fined_and_answered(page: Page, url: str, login: Any, application: Application, tmp_path: Path) -> None:
    """A fine larger than the deposit is refused at the field; a smaller one comes off the deposit; the tenant
    answers the notice in the portal."""
    login("eng")
    page.goto(f"{url}/fitout/{application.pk}/")
    page.select_option("[name=notice-kind]", "violation")
    page.fill("[name=notice-text]", "夜间施工噪音扰民")
    page.fill("[name=notice-fine]", "25000")
    page.get_by_test_id("notice-submit").click()
    expect(page.locator("#div_id_notice-fine")).to_contain_text("20000.00")
    expect(page.locator("[name=notice-text]")).to_have_value("夜间施工噪音扰民")
    page.fill("[name=notice-fine]", "1500")
    page.get_by_test_id("notice-submit").click()
    notice = application.notices.get()
    assert "装修违章通知单" in _pdf_text(page, "notice-pdf", tmp_path)
    _logout(page)
    login("tenantfit", portal=True)
    page.goto(f"{url}/portal/fitout/{application.pk}/")
    page.get_by_test_id(f"answer-{notice.pk}").fill("已停止夜间施工")
    page.get_by_test_id(f"answer-send-{notice.pk}").click()
    expect(page.get_by_test_id(f"notice-{notice.pk}")).to_contain_text("已停止夜间施工")
    _logout(page)


def _completed_and_refunded(page: Page, url: str, login: Any, application: Application) -> None:
    """Completion with 500.00 of damages; the second person of finance approves the refund and pays it to the
    contractor's bank account, which the approval records."""
    login("eng")
    page.goto(f"{url}/fitout/{application.pk}/")
    page.fill("[name=completion-findings]", "竣工验收合格")
    page.fill("[name=completion-damages]", "500")
    page.get_by_test_id("completion-submit").click()
    expect(page.get_by_test_id("refund-state")).to_contain_text("¥18,000.00")
    _logout(page)
    login("fin2")
    page.goto(f"{url}/billing/deposits/")
    page.locator("input[name=payee_bank]").first.fill("招商银行上海分行")
    page.locator("input[name=payee_account]").first.fill("6225880212345678")
    page.locator("button[name=decision][value=approve]").first.click()
    expect(page.locator(".alert-success")).to_be_visible()


def test_a_whole_fit_out_from_application_to_refund(page, live_server, login, document_root, tmp_path):
    # given: a tenant with a live lease and a portal account; the staff who take part
    url = live_server.url
    lease = lease_in(Lease.Status.ACTIVE)
    MembershipFactory(tenant=lease.tenant, user=UserFactory(username="tenantfit"))
    for username, role in (
        ("eng", "engineering"),
        ("fin", "finance"),
        ("fin2", "finance"),
        ("guard", "security"),
    ):
        UserFactory(username=username, roles=[role])
    files = _files(tmp_path)
    # when: the tenant applies in the portal and both sides sign the agreement
    login("tenantfit", portal=True)
    _apply_in_portal(page, url, lease, files)
    application = Application.objects.get(lease=lease)
    assert "装修期管理协议" in _pdf_text(page, "agreement-pdf", tmp_path)
    _logout(page)
    # and the works run their course, step by step
    _review_until_approved(page, url, login, application, files, tmp_path)
    _permit_after_the_deposit(page, url, login, application, lease, tmp_path)
    _worker_registered_and_checked(page, url, login, application, files, tmp_path)
    _fined_and_answered(page, url, login, application, tmp_path)
    _completed_and_refunded(page, url, login, application)
    # then
    application = Application.objects.get(pk=application.pk)
    refund = Refund.objects.get(pk=application.refund_id)
    assert application.status == Application.Status.COMPLETED
    assert refund.status == Refund.Status.PAID
    assert refund.amount == Decimal("20000.00") - Decimal("1500.00") - Decimal("500.00")
    assert set(lease.units.values_list("status", flat=True)) == {Unit.Status.OCCUPIED}
