"""Browser, on a 390 × 844 phone: the tenant walks home → bill → repair request with a camera photo → rating;
no page is wider than the screen, and axe-core finds no serious or critical accessibility violation."""

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from billing.models import Bill
from billing.selectors import open_bills
from billing.services.bills import billing_run
from documents.money import yuan
from servicedesk.models import Ticket
from tests.billing.factories import active_lease
from tests.e2e.test_servicedesk import small_png
from tests.factories import MembershipFactory, TenantFactory, UserFactory
from tests.leasing.factories import BuildingFactory, UnitFactory
from tests.servicedesk.factories import CategoryFactory, TicketFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def documents_folder(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def browser_context_args(browser_context_args):
    # bypass_csp: axe-core is injected by the test as an inline script, which the pages' CSP refuses.
    return {
        **browser_context_args,
        "viewport": PHONE,
        "is_mobile": True,
        "has_touch": True,
        "bypass_csp": True,
    }


def fits_the_screen(page) -> None:
    """Nothing scrolls sideways: the document and every visible element end within the viewport."""
    overflow = page.evaluate(
        """() => {
          const width = window.innerWidth;
          const wide = [];
          for (const el of document.querySelectorAll('body *')) {
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.height === 0) continue;
            if (getComputedStyle(el).visibility === 'hidden') continue;
            if (el.closest('.visually-hidden, thead, .collapse:not(.show), .dropdown-menu:not(.show)')) {
              continue;
            }
            if (box.right > width + 1 || box.left < -1) {
              wide.push(el.tagName + '.' + el.className + ' ' + Math.round(box.right));
            }
          }
          return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
        }"""
    )
    assert overflow["scroll"] <= overflow["width"], overflow
    assert overflow["wide"] == [], overflow


def accessible(page) -> None:
    """axe-core (vendored for tests) on the page: no serious or critical violation."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
        for v in result
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious


def _tenant_with_a_bill_and_a_fixed_repair():
    building = BuildingFactory(name="浦江国际商务中心", code="PJ")
    unit = UnitFactory(building=building, code="A-1201")
    CategoryFactory(name="空调暖通", name_en="Air conditioning", department="engineering")
    tenant = TenantFactory(name="上海星辰科技有限公司")
    lease = active_lease(units=[unit], tenant=tenant)
    month = timezone.localdate().replace(day=1)
    billing_run(month=month, today=month)
    assert Bill.objects.filter(lease=lease).exists()
    fixed = TicketFactory(
        tenant=tenant,
        unit=unit,
        status=Ticket.Status.RESOLVED,
        resolved_at=timezone.now(),
        acknowledged_at=timezone.now(),
        channel=Ticket.Channel.PORTAL,
    )
    MembershipFactory(tenant=tenant, user=UserFactory(username="tenant1"))
    return fixed


def test_a_tenant_pays_reports_and_rates_on_a_phone(page, live_server, login):
    fixed = _tenant_with_a_bill_and_a_fixed_repair()
    [bill] = open_bills(fixed.tenant_id)
    login("tenant1", portal=True)

    # home: what is due first, the repair to rate waiting
    expect(page.get_by_test_id("home-due-total")).to_have_text(yuan(bill.outstanding))
    expect(page.get_by_test_id("home-waiting-item")).to_have_count(1)
    fits_the_screen(page)
    accessible(page)

    # the bill, its lines as cards
    page.get_by_test_id("home-due-bill").click()
    expect(page.locator("main")).to_contain_text(bill.number)
    fits_the_screen(page)
    accessible(page)

    # a repair with a photo from the camera
    page.goto(f"{live_server.url}/portal/")
    page.get_by_test_id("home-action-repair").click()
    form = page.get_by_test_id("portal-ticket-form")
    photo = form.locator("input[type=file]")
    expect(photo).to_have_attribute("capture", "environment")
    expect(photo).to_have_attribute("accept", "image/*")
    fits_the_screen(page)
    accessible(page)
    form.get_by_label("类型").select_option(label="报修")
    form.get_by_label("类别").select_option(label="空调暖通")
    form.get_by_label("单元").select_option(label="PJ · A-1201")
    form.get_by_label("描述").fill("会议室空调不制冷。")
    photo.set_input_files(files=[{"name": "aircon.png", "mimeType": "image/png", "buffer": small_png()}])
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_test_id("ticket-status")).to_have_text("新建")
    fits_the_screen(page)

    # the fixed repair, rated from the home page's button
    page.goto(f"{live_server.url}/portal/")
    page.get_by_test_id("home-waiting-item").get_by_role("link").click()
    rating = page.get_by_test_id("portal-rating-form")
    fits_the_screen(page)
    accessible(page)
    rating.get_by_label("5").check()
    rating.get_by_role("button", name="提交评分").click()
    expect(page.get_by_test_id("portal-rating-form")).to_have_count(0)
    fixed.refresh_from_db()
    assert fixed.rating == 5
    # the billing page's tables are cards too
    page.goto(f"{live_server.url}/portal/billing/")
    fits_the_screen(page)
    accessible(page)
