"""Browser: finance proposes a building's fit-out management fee (a date in the past is refused at its field,
the price typed kept), a second person in management approves it, the permit bills it, and the fit-out page,
the portal (at phone width) and the charge sheet PDF show it. Screenshots go to ``SCREENSHOT_DIR`` if set."""

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from billing.models import FitoutChargeBilling, StandardProposal
from fitout import services
from fitout.services.charges import permit_area
from tests.factories import MembershipFactory, UserFactory
from tests.fitout.factories import ready, staff
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 -- a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOT_DIR", "")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _propose(page: Page, url: str, building: str, effective: str) -> None:
    page.goto(f"{url}/billing/standards/")
    page.get_by_test_id("propose").click()
    page.select_option("select[name=kind]", "fitout_mgmt")
    page.select_option("select[name=building]", label=building)
    page.fill("input[name=price]", "15.00")
    page.fill("input[name=effective_from]", effective)
    page.fill("textarea[name=reason]", "2027 年装修管理费标准")
    page.get_by_test_id("submit").click()


def test_a_fee_standard_proposed_approved_and_billed_at_the_permit(
    page: Page, live_server, login, document_root, tmp_path
):
    # given: a fit-out ready for its permit, and the people
    application = ready()
    building = application.lease.building
    UserFactory(username="fin", roles=["finance"])
    UserFactory(username="gm", roles=["management"])
    MembershipFactory(tenant=application.tenant, user=UserFactory(username="tenantfee"))
    today = timezone.localdate()
    # when: finance proposes with a date in the past
    login("fin")
    _propose(page, live_server.url, building.name, (today - timedelta(days=1)).isoformat())
    # then: refused at the field, the price kept
    expect(page.locator(".invalid-feedback").first).to_contain_text("生效日期不能早于今天")
    expect(page.locator("input[name=price]")).to_have_value("15.00")
    _shot(page, "standard_propose_error")
    # when: today
    page.fill("input[name=effective_from]", today.isoformat())
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("proposal-status")).to_be_visible()
    assert page.get_by_test_id("approve").count() == 0
    _shot(page, "standard_proposal_waiting")
    # when: another person in management approves
    page.context.clear_cookies()
    login("gm")
    page.goto(f"{live_server.url}/billing/standards/")
    _shot(page, "standard_list_waiting")
    page.get_by_test_id("proposals-waiting").get_by_role("link").first.click()
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("proposal-status")).to_have_text("已批准")
    _shot(page, "standard_proposal_approved")
    page.goto(f"{live_server.url}/billing/standards/history/fitout_mgmt/?building={building.pk}")
    _shot(page, "standard_history")
    page.goto(f"{live_server.url}/billing/standards/")
    _shot(page, "standard_list")
    assert StandardProposal.objects.get().status == StandardProposal.Status.APPROVED
    # when: the permit is issued
    services.permit_issue(application=application, by=staff("engineering"))
    # then: billed on the units' area, shown on the fit-out page
    bill = FitoutChargeBilling.objects.get(reference=application.number).bill
    assert bill.total == (Decimal("15.00") * permit_area(application)).quantize(Decimal("0.01"))
    page.goto(f"{live_server.url}/fitout/{application.pk}/")
    charges = page.get_by_test_id("fitout-charges")
    expect(charges.get_by_test_id("charges-unpaid")).to_be_visible()
    charges.scroll_into_view_if_needed()
    _shot(page, "fitout_page_charges")
    # and in the portal, at phone width, with the charge sheet
    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    login("tenantfee", portal=True)
    page.goto(f"{live_server.url}/portal/fitout/{application.pk}/")
    expect(page.get_by_test_id("fitout-charges")).to_contain_text(bill.number)
    _shot(page, "portal_fitout_charges_390")
    with page.expect_download() as download:
        page.get_by_test_id("charge-sheet-pdf").click()
    path = tmp_path / "sheet.pdf"
    download.value.save_as(path)
    text = "".join(p.extract_text() for p in PdfReader(path).pages)
    assert "装修收费表" in text and bill.number in text
    if SHOTS:
        path.rename(Path(SHOTS) / "charge_sheet.pdf")
    # and the staff pages read in English too
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1366, "height": 900})
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    login("gm")
    page.goto(f"{live_server.url}/billing/standards/")
    expect(page.get_by_role("heading", name="Tariffs and fee standards")).to_be_visible()
    _shot(page, "standard_list_en")
    page.goto(f"{live_server.url}/fitout/{application.pk}/")
    expect(page.get_by_test_id("fitout-charges")).to_contain_text("Fit-out charges")
    _shot(page, "fitout_page_charges_en")
