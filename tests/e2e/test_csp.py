"""Browser: under the Content-Security-Policy the pages whose scripts moved to static files still behave, and
the browser reports no violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.leasing.factories import BuildingFactory, UnitFactory
from tests.servicedesk.factories import TicketFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _violations(page) -> list[str]:
    """Collects what the browser says about the policy (refused scripts, styles, handlers) and page errors."""
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: seen.append(str(error)))
    return seen


def test_pages_with_scripts_work_and_break_no_policy(page, live_server, login):
    # given
    first = BuildingFactory(name="浦江国际商务中心", code="PJ")
    second = BuildingFactory(name="陆家嘴中心", code="LJ")
    UnitFactory(building=first, code="A-0801")
    UnitFactory(building=second, code="B-0101")
    ticket = TicketFactory()
    UserFactory(username="manager", roles=["management"], last_name="周", first_name="总")
    violations = _violations(page)
    login("manager")

    # when: choosing a building on the unit list reloads the list (static/js/reload-on-change.js)
    page.goto(live_server.url + reverse("leasing:unit-list"))
    page.locator("select[name=building]").select_option(label="陆家嘴中心")
    # then
    expect(page.get_by_role("link", name="B-0101")).to_be_visible()
    expect(page.get_by_role("link", name="A-0801")).to_have_count(0)

    # when: a person is chosen on the new tenant form (static/js/tenant-kind.js)
    page.goto(live_server.url + reverse("tenancy:tenant-create"))
    page.locator("input[name=kind][value=person]").check()
    # then: only the resident ID field shows
    expect(page.locator("input[name=id_number]")).to_be_visible()
    expect(page.locator("input[name=credit_code]")).to_be_hidden()

    # when: the ticket's page is open (static/js/countdown.js)
    page.goto(live_server.url + reverse("servicedesk:ticket-detail", args=[ticket.pk]))
    # then: its deadlines count in seconds
    expect(page.locator(".countdown[data-due]").first).to_contain_text("秒")

    # and nothing was refused on the way
    assert violations == []
