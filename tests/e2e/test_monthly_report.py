"""Browser: management opens the monthly report, Chart.js draws its charts under the Content-Security-Policy
(data passed as JSON, no inline script), a future month is refused at its field, the PDF button answers."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.billing.factories import active_lease
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_report_draws_its_charts_and_refuses_a_future_month(page, live_server, login):
    # given
    active_lease()
    UserFactory(username="manager", roles=["management"], last_name="周", first_name="总")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    login("manager")

    # when
    page.goto(live_server.url + reverse("monthly-report"))
    # then: five charts drawn by Chart.js, the occupancy table beside them
    expect(page.get_by_test_id("monthly-report")).to_be_visible()
    drawn = page.evaluate(
        "Array.from(document.querySelectorAll('canvas[data-chart]')).filter(c => Chart.getChart(c)).length"
    )
    assert drawn == 5
    expect(page.get_by_test_id("occupancy-table")).to_contain_text("1")

    # when: the PDF button
    pdf = page.request.get(live_server.url + page.get_by_test_id("report-pdf").get_attribute("href"))
    # then
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")

    # when: a month after this one
    future = (timezone.localdate().replace(day=28) + timedelta(days=7)).strftime("%Y-%m")
    page.goto(f"{live_server.url}{reverse('monthly-report')}?month={future}")
    # then: the message at the field, nothing drawn
    expect(page.get_by_test_id("field-error")).to_be_visible()
    expect(page.get_by_test_id("monthly-report")).to_have_count(0)
    assert problems == []
