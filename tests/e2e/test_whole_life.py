"""Browser (issue 13): one tenant's whole life through the real pages, step by step.

Public application → review chain → admission → lease drafted, reviewed by legal, signed → move-in charge
notice → keys refused while unpaid → payment → move-in with the management and fire-safety agreements →
monthly bill → renewal answered "leave" → move-out → settlement → deposit refund by a second person →
archived dossier.

Only what has no page is done in code: the building, its unit and meter, the electricity tariff, the staff
logins, the tenant's portal login, and the daily clocks (the renewal sweep, the lease ending the day after its
term).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from billing.models import Bill, Refund, Settlement, Tariff
from config.celery import app
from documents.models import Document, DossierArchive
from documents.money import yuan
from handover.models import Visit
from leasing.models import Lease, RenewalCase, Unit
from leasing.tasks import lease_expiry_reminders_send
from tenancy.models import Application, Tenant
from tests.e2e.test_handover import _sign as sign_sheet
from tests.e2e.test_intake import _decide, _fill_application
from tests.e2e.test_leases import _draw, _legal_approves
from tests.factories import MembershipFactory, UserFactory
from tests.handover.factories import MeterFactory
from tests.leasing.lease_factories import (
    building_with_units,
    document_root_fixture,  # noqa: F401 -- a fixture
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME = "上海澄明咨询有限公司"
STAFF = {
    "frontdesk": "front_desk",
    "business": "business",
    "legal": "legal",
    "finance": "finance",
    "finance2": "finance",
    "manager": "management",
    "engineer": "engineering",
    "security": "security",
}


@dataclass
class Life:
    page: Page
    server: object  # the live server (the intake helpers take it)
    url: str
    login: object
    unit: Unit
    today: date
    end: date
    tenant: Tenant | None = None
    lease: Lease | None = None

    def go(self, path: str) -> None:
        self.page.goto(f"{self.url}{path}")

    def as_(self, username: str, *, portal: bool = False) -> None:
        self.page.context.clear_cookies()
        self.login(username, portal=portal)  # type: ignore[operator]


@pytest.fixture
def life(page, live_server, login, document_root, monkeypatch) -> Life:
    """A building with one unit and its electricity meter, and one login per department; background jobs
    (the billing run) run at once."""
    monkeypatch.setitem(app.conf, "task_always_eager", True)
    (unit,) = building_with_units(1)
    MeterFactory(unit=unit)
    Tariff.objects.create(
        meter_kind="electricity", unit_price=Decimal("1.2000"), effective_from=date(2026, 1, 1)
    )
    for username, role in STAFF.items():
        UserFactory(username=username, roles=[role], last_name=username[:2], first_name="职员")
    today = timezone.localdate()
    # The term ends within two months, so the renewal question comes up while the tenant is in.
    end = (today.replace(day=1) + timedelta(days=62)).replace(day=1) - timedelta(days=1)
    return Life(
        page=page, server=live_server, url=live_server.url, login=login, unit=unit, today=today, end=end
    )


def step_public_application(life: Life) -> Application:
    life.page.context.clear_cookies()
    life.go("/intake/apply/")
    _fill_application(life.page, NAME, 13)
    life.page.fill("input[name=building]", life.unit.building.name)
    life.page.fill("input[name=unit_codes]", life.unit.code)
    life.page.fill("input[name=start_date]", life.today.isoformat())
    life.page.fill("input[name=end_date]", life.end.isoformat())
    life.page.get_by_test_id("submit-application").click()
    expect(life.page.get_by_test_id("application-status")).to_have_text("审核中")
    return Application.objects.get(applicant_name=NAME)


def step_review_chain_to_admission(life: Life, application: Application) -> None:
    for username, department in [
        ("business", "business"),
        ("legal", "legal"),
        ("finance", "finance"),
        ("manager", "management"),
    ]:
        life.as_(username)
        _decide(life.page, life.server, application, department, "approve")
    expect(life.page.get_by_test_id("application-status")).to_have_text("已批准")
    expect(life.page.get_by_test_id("admission-notice")).to_be_visible()
    life.tenant = Application.objects.get(pk=application.pk).tenant


def step_lease_drafted_reviewed_and_signed(life: Life, application: Application) -> None:
    page = life.page
    life.as_("business")
    life.go("/space/leases/")
    page.get_by_role("link", name="起草租约").first.click()
    expect(page.get_by_test_id("from-application")).to_be_visible()
    page.select_option("select[name=units]", [str(life.unit.pk)])
    page.fill("input[name=start_date]", life.today.isoformat())
    page.fill("input[name=end_date]", life.end.isoformat())
    page.fill("input[name=rent_rate]", "6.50")
    page.fill("input[name=fee_rate]", "1.20")
    page.select_option("select[name=payment_cycle]", "monthly")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator("[data-testid=lease-status] [data-status=draft]")).to_be_visible()
    _legal_approves(page, life.server, life.login)
    page.get_by_test_id("sign").click()
    page.select_option("select[name=method]", "on_screen")
    _draw(page, "canvas-staff")
    _draw(page, "canvas-tenant")
    page.get_by_test_id("action-submit").click()
    expect(page.locator("[data-testid=lease-status] [data-status=signed]")).to_be_visible()
    life.lease = Lease.objects.get(tenant=life.tenant)


def step_move_in_charge_notice(life: Life) -> Bill:
    life.as_("finance")
    life.go("/billing/move-in/")
    row = life.page.get_by_test_id("move-in-waiting").locator("tr", has_text=life.lease.number)
    row.get_by_role("button").click()
    expect(life.page.get_by_test_id("move-in-issued")).to_contain_text(life.lease.number)
    assert Document.objects.filter(tenant=life.tenant, title__contains="客户缴费通知书").exists()
    return Bill.objects.get(lease=life.lease)


def step_move_in_opened_keys_refused_while_unpaid(life: Life) -> Visit:
    page = life.page
    life.as_("frontdesk")
    life.go("/handover/open/move-in/")
    page.select_option("select[name=lease]", str(life.lease.pk))
    page.fill("input[name=visit_date]", life.today.isoformat())
    page.get_by_test_id("open-visit").click()
    visit = Visit.objects.get(lease=life.lease, kind=Visit.Kind.MOVE_IN)
    identity = page.get_by_test_id("identity-form")
    identity.locator("input[name=name]").fill("陈澄")
    identity.locator("input[name=method][value=id_document]").check()
    identity.locator("select[name=document_type]").select_option("resident_id")
    identity.locator("input[name=document_number]").fill("310101198506150012")
    identity.get_by_role("button").click()
    expect(page.get_by_test_id("identity")).to_contain_text("陈澄")
    expect(page.get_by_test_id("keys-due")).to_contain_text("押金")
    page.get_by_test_id("step-keys").click()
    page.locator("[name=keys-0-number]").fill("C-01")
    page.locator("[name=keys-0-quantity]").fill("2")
    page.locator("[name=keys-0-issued_to]").fill("陈澄")
    _sign_canvases(page)
    expect(page.locator("main")).to_contain_text("押金")
    expect(page.get_by_test_id("sheet-status")).to_have_text("草稿")
    return visit


def _sign_canvases(page: Page) -> None:
    _draw(page, "canvas-staff")
    _draw(page, "canvas-tenant")
    page.get_by_label("客户代表姓名").fill("陈澄")
    page.get_by_test_id("sign").click()


def step_payment(life: Life, bill: Bill) -> None:
    page = life.page
    life.as_("finance")
    life.go("/billing/deposits/")
    page.get_by_label("租赁合同").select_option(str(life.lease.pk))
    page.get_by_label("金额", exact=True).fill(str(life.lease.deposit_amount))
    page.get_by_role("button", name="保存").click()
    life.go("/billing/payments/new/")
    page.get_by_label("租户").select_option(label=NAME)
    page.get_by_label("金额", exact=True).fill(str(bill.total))
    page.locator("input[name=reference]").fill("TRF-MOVE-IN")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("payment-amount")).to_have_text(yuan(bill.total))
    assert Bill.objects.get(pk=bill.pk).settled_on is not None


def step_move_in_with_the_two_agreements(life: Life, visit: Visit) -> None:
    page = life.page
    life.as_("frontdesk")
    life.go(f"/handover/{visit.pk}/")
    expect(page.get_by_test_id("keys-due")).to_contain_text("可以签署")
    page.get_by_test_id("step-keys").click()
    sign_sheet(page, "陈澄")
    page.get_by_test_id("step-meters").click()
    page.locator("[name=meters-0-reading]").fill("100.00")
    sign_sheet(page, "陈澄")
    page.get_by_test_id("step-acceptance").click()
    sign_sheet(page, "陈澄")
    page.get_by_test_id("step-receipt").click()
    page.get_by_label("客户手册").check()
    sign_sheet(page, "陈澄")
    for kind in ("management", "fire_safety"):
        page.get_by_test_id(f"step-{kind}").click()
        expect(page.get_by_test_id("agreement-text")).to_contain_text(NAME)
        sign_sheet(page, "陈澄")
    for username in ("engineer", "security"):
        life.as_(username)
        life.go(f"/handover/{visit.pk}/")
        task = page.get_by_test_id(
            f"pre-inspection-{'engineering' if username == 'engineer' else 'security'}"
        )
        task.get_by_role("textbox").fill("预验正常")
        task.get_by_role("button").click()
    life.as_("frontdesk")
    life.go(f"/handover/{visit.pk}/")
    expect(page.get_by_test_id("move-in-due")).to_have_count(0)
    page.get_by_test_id("visit-complete").click()
    expect(page.get_by_test_id("visit-status")).to_have_text("已完成")


def step_monthly_bill(life: Life) -> Bill:
    life.as_("business")
    life.go(f"/space/leases/{life.lease.pk}/")
    life.page.get_by_test_id("activate").click()
    life.page.get_by_test_id("action-submit").click()
    expect(life.page.locator("[data-testid=lease-status] [data-status=active]")).to_be_visible()
    month = (life.today.replace(day=1) + timedelta(days=32)).replace(day=1)
    life.as_("finance")
    life.go(f"/billing/run/?month={month:%Y-%m}")
    expect(life.page.get_by_test_id("run-preview-table")).to_contain_text(life.lease.number)
    life.page.get_by_test_id("run-issue").click()
    expect(life.page.get_by_test_id("run-finished")).to_be_visible()
    first, monthly = Bill.objects.filter(lease=life.lease, kind=Bill.Kind.REGULAR).order_by("period_start")
    assert monthly.period_start > first.period_end and monthly.period_start.month == month.month
    return monthly


def step_renewal_answered_leave(life: Life) -> None:
    lease_expiry_reminders_send(life.today.isoformat())  # the daily clock opens the renewal case
    MembershipFactory(tenant=life.tenant, user=UserFactory(username="chengming"))
    life.as_("chengming", portal=True)
    life.go("/portal/leases/")
    life.page.get_by_role("link", name=life.lease.number).click()
    answer = life.page.get_by_test_id("portal-renewal")
    answer.locator("input[name=intent][value=leave]").check()
    answer.get_by_role("button", name="提交答复").click()
    expect(life.page.locator("main")).to_contain_text("您的答复已记录")
    assert RenewalCase.objects.get(lease=life.lease).intent == RenewalCase.Intent.LEAVE


def step_move_out(life: Life) -> None:
    page = life.page
    life.as_("frontdesk")
    life.go("/handover/open/move-out/")
    page.locator("select[name=notice]").select_option(index=1)
    page.fill("input[name=visit_date]", life.today.isoformat())
    page.get_by_test_id("open-visit").click()
    out = Visit.objects.get(lease=life.lease, kind=Visit.Kind.MOVE_OUT)
    page.get_by_test_id("step-keys").click()
    page.locator("[name=keys-0-returned]").fill("2")
    sign_sheet(page, "陈澄")
    page.get_by_test_id("step-meters").click()
    page.locator("[name=meters-0-reading]").fill("160.00")
    sign_sheet(page, "陈澄")
    page.get_by_test_id("step-acceptance").click()
    sign_sheet(page, "陈澄")
    page.get_by_test_id("step-move_out").click()
    sign_sheet(page, "陈澄")
    assert Visit.objects.get(pk=out.pk).status == Visit.Status.COMPLETED


def step_settlement_and_refund_by_two(life: Life) -> None:
    page = life.page
    life.as_("finance")
    life.go(f"/billing/settlement/{life.lease.pk}/")
    expect(page.get_by_test_id("settlement-refused")).to_have_count(0)
    expect(page.get_by_test_id("settlement-problem")).to_have_count(0)
    page.get_by_label("收款人", exact=True).fill(NAME)
    page.get_by_label("收款银行").fill("招商银行上海分行")
    page.get_by_label("收款账号").fill("6225880012345678")
    page.get_by_test_id("settle").click()
    expect(page.get_by_test_id("settlement-refund")).to_be_visible()
    refund = Refund.objects.get(account__lease=life.lease)
    life.as_("finance2")
    life.go("/billing/deposits/")
    page.locator(f"form[action$='/refunds/{refund.pk}/decide/'] button[value=approve]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert Refund.objects.get(pk=refund.pk).approved_by.username == "finance2"
    assert Settlement.objects.filter(lease=life.lease).exists()


def step_archive(life: Life) -> None:
    lease_expiry_reminders_send((life.end + timedelta(days=1)).isoformat())  # the lease ends after its term
    assert DossierArchive.objects.filter(tenant=life.tenant).exists()
    life.as_("frontdesk")
    life.go(f"/tenants/{life.tenant.pk}/")
    life.page.get_by_test_id("tab-dossier").click()
    expect(life.page.get_by_test_id("dossier-archived")).to_be_visible()
    agreements = life.page.get_by_test_id("dossier-section-agreements")
    for kind in ("move_in_management_agreement", "fire_safety_agreement"):
        expect(agreements.locator(f"[data-kind={kind}]")).to_be_visible()


def test_one_tenants_whole_life(life):
    application = step_public_application(life)
    step_review_chain_to_admission(life, application)
    step_lease_drafted_reviewed_and_signed(life, application)
    bill = step_move_in_charge_notice(life)
    visit = step_move_in_opened_keys_refused_while_unpaid(life)
    step_payment(life, bill)
    step_move_in_with_the_two_agreements(life, visit)
    step_monthly_bill(life)
    step_renewal_answered_leave(life)
    step_move_out(life)
    step_settlement_and_refund_by_two(life)
    step_archive(life)
    assert Lease.objects.get(pk=life.lease.pk).status == Lease.Status.ENDED
