"""Browser: the business department drafts, signs and activates a lease, amends it, and the tenant answers
the renewal question in the portal."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from documents.models import Signature
from leasing.leases.renewals import lease_expiry_sweep
from leasing.models import Lease, RenewalCase
from tests.factories import MembershipFactory, TenantFactory, UserFactory
from tests.leasing.lease_factories import building_with_units

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def documents_folder(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"


def _status(page, status: str) -> None:
    expect(page.locator(f"[data-testid=lease-status] [data-status={status}]")).to_be_visible()


def _draw(page: Page, testid: str) -> None:
    box = page.get_by_test_id(testid).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] * 0.7)
    page.mouse.down()
    for step in range(1, 10):
        page.mouse.move(box["x"] + 20 + step * 20, box["y"] + box["height"] * (0.3 if step % 2 else 0.7))
    page.mouse.up()


def _legal_approves(page: Page, live_server, login) -> None:
    """Legal opens the one draft in its queue and approves it; then business is back on the lease page."""
    back = page.url
    page.context.clear_cookies()
    login("legal")
    page.goto(f"{live_server.url}/space/legal-reviews/")
    page.get_by_test_id("legal-reviews").get_by_role("link").first.click()
    page.get_by_test_id("review-approve").click()
    expect(page.get_by_test_id("legal-reviews").get_by_role("link")).to_have_count(0)
    page.context.clear_cookies()
    login("business")
    page.goto(back)


def test_draft_sign_activate_amend_and_answer_the_renewal_in_the_portal(
    page, live_server, login, documents_folder
):
    # given
    tenant = TenantFactory(name="星河科技有限公司", legal_representative="陈星")
    MembershipFactory(tenant=tenant, user=UserFactory(username="tenant1"))
    UserFactory(username="business", roles=["business"], first_name="王")
    UserFactory(username="legal", roles=["legal"], first_name="李")
    units = building_with_units(2)
    today = timezone.localdate()
    # when: drafting
    login("business")
    page.goto(f"{live_server.url}/space/leases/new/")
    page.select_option("select[name=tenant]", str(tenant.pk))
    page.select_option("select[name=units]", [str(u.pk) for u in units])
    page.fill("input[name=start_date]", today.isoformat())
    page.fill("input[name=end_date]", (today + timedelta(days=50)).isoformat())
    page.fill("input[name=rent_rate]", "6.50")
    page.fill("input[name=fee_rate]", "1.20")
    page.get_by_role("button", name="保存草稿").click()
    _status(page, "draft")
    # legal approves the draft from its queue before it can be signed
    expect(page.get_by_test_id("legal-review")).to_have_attribute("data-status", "pending")
    _legal_approves(page, live_server, login)
    expect(page.get_by_test_id("legal-review")).to_have_attribute("data-status", "approved")
    # signing
    page.get_by_test_id("sign").click()
    expect(page.locator("input[name=tenant_signer]")).to_have_value("陈星")
    expect(page.get_by_test_id("canvas-staff")).to_be_hidden()  # wet ink: no canvas
    page.select_option("select[name=method]", "on_screen")
    page.get_by_test_id("action-submit").click()  # nothing drawn yet: refused at both canvases
    expect(page.get_by_test_id("error-tenant-signature")).to_be_visible()
    _draw(page, "canvas-staff")
    _draw(page, "canvas-tenant")
    page.get_by_test_id("action-submit").click()
    _status(page, "signed")
    expect(page.get_by_test_id("lease-documents")).to_contain_text("租赁合同摘要")
    assert Signature.objects.filter(method="on_screen", image__isnull=False).count() == 2
    # activating, after confirming
    page.get_by_test_id("activate").click()
    expect(page.get_by_test_id("activate-confirm")).to_be_visible()
    page.get_by_test_id("action-submit").click()
    _status(page, "active")
    expect(page.get_by_test_id("monthly-rent")).to_have_text(re.compile(r"¥1,?560\.00"))
    # amending the rent from today
    page.get_by_test_id("amend").click()
    page.fill("input[name=effective_date]", today.isoformat())
    page.fill("textarea[name=reason]", "市场调价")
    page.fill("input[name=rent_rate]", "7.00")
    page.get_by_role("button", name="保存变更协议草稿").click()
    _legal_approves(page, live_server, login)  # a change of rent goes before legal too
    page.get_by_test_id("amendments").get_by_role("link", name="签署").click()
    page.get_by_test_id("action-submit").click()
    expect(page.get_by_test_id("amendments")).to_contain_text("已签署")
    expect(page.get_by_test_id("monthly-rent")).to_have_text(re.compile(r"¥1,?680\.00"))
    # the daily sweep opens the renewal case; the tenant answers in the portal
    lease = Lease.objects.get()
    assert lease_expiry_sweep(today=today)
    page.context.clear_cookies()
    login("tenant1", portal=True)
    page.goto(f"{live_server.url}/portal/leases/")
    page.get_by_role("link", name=lease.number).click()
    page.get_by_label("续租").check()
    page.get_by_role("button", name="提交答复").click()
    # then
    expect(page.locator("main")).to_contain_text("您的答复已记录")
    case = RenewalCase.objects.get(lease=lease)
    assert case.intent == RenewalCase.Intent.RENEW
    assert case.next_lease.status == Lease.Status.DRAFT
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.ACTIVE
