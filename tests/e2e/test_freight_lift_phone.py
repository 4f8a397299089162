"""Browser, on a 390 × 844 phone: the tenant books the freight lift from the home's quick action, in
Chinese and in English; the page fits the screen and axe-core finds no serious violation. On a desk: the
front desk confirms a request in its queue."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from handover.models import FreightLiftRequest
from tests.billing.factories import active_lease
from tests.e2e.test_portal_phone import accessible, fits_the_screen
from tests.factories import MembershipFactory, TenantFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SCREENSHOT_DIR", "")


@pytest.fixture
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "bypass_csp": True,
    }


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.mark.parametrize(("language", "button"), [("zh-hans", "申请此时段"), ("en", "Ask for this slot")])
def test_a_tenant_books_the_freight_lift_on_a_phone(page, live_server, login, language, button):
    # given: a tenant renting in one building, its portal user reading ``language``
    lease = active_lease(tenant=TenantFactory(language=language))
    MembershipFactory(tenant=lease.tenant, user=UserFactory(username="tenant1"))
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    login("tenant1", portal=True)
    # when: the home's quick action, then the form
    page.get_by_test_id("home-action-lift").click()
    day = timezone.localdate() + timedelta(days=2)
    page.fill("input[name=day]", day.isoformat())
    page.select_option("select[name=slot]", "14-16")
    page.fill("input[name=purpose]", "复印机进场")
    fits_the_screen(page)
    accessible(page)
    _shot(page, f"portal_freight_lift_390_{language}")
    page.get_by_role("button", name=button).click()
    # then: requested, listed with its slot
    expect(page.get_by_test_id("freight-request")).to_contain_text("14:00–16:00")
    fits_the_screen(page)
    _shot(page, f"portal_freight_lift_requested_390_{language}")
    lift = FreightLiftRequest.objects.get()
    assert (lift.day, lift.slot, lift.status) == (day, "14-16", "requested")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_front_desk_confirms_a_request_in_its_queue(page, live_server, login, language):
    # given: a tenant's request waiting
    lease = active_lease()
    asker = MembershipFactory(tenant=lease.tenant, user=UserFactory(username="tenant1")).user
    lift = FreightLiftRequest.objects.create(
        tenant=lease.tenant,
        building=lease.building,
        day=timezone.localdate() + timedelta(days=1),
        slot="10-12",
        purpose="办公家具",
        requested_by=asker,
    )
    UserFactory(username="frontdesk", roles=["front_desk"])
    page.set_viewport_size({"width": 1366, "height": 900})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    login("frontdesk")
    # when: from the visit list to the queue, then confirm
    page.goto(f"{live_server.url}/handover/")
    page.get_by_test_id("freight-queue").click()
    expect(page.get_by_test_id("freight-waiting")).to_contain_text("办公家具")
    _shot(page, f"staff_freight_queue_{language}")
    page.get_by_test_id(f"freight-confirm-{lift.pk}").click()
    # then
    expect(page.get_by_test_id("freight-table")).to_contain_text(lease.tenant.name)
    lift.refresh_from_db()
    assert lift.status == "confirmed"
