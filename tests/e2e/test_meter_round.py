"""Browser: engineering opens last month's meter-reading round, a mistyped reading is refused at its field
with what was typed kept, the readings are saved and the round closed; finance's billing run then shows the
utilities in the preview and the issued bill carries the utility line."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from billing.models import Bill, Tariff
from config.celery import app
from handover.models import Meter, MeterReading, MeterRound
from leasing.leases.terms import add_months
from leasing.models import PaymentCycle
from tests.billing.factories import active_lease
from tests.factories import UserFactory
from tests.handover.round_factories import meters_of, round_read
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_round_read_and_closed_puts_the_utilities_on_the_next_bill(
    page, live_server, login, document_root, monkeypatch
):
    # given: a monthly lease running for months, its meters read (1000 kWh) in the round before last
    monkeypatch.setitem(app.conf, "task_always_eager", True)
    today = timezone.localdate()
    this_month = today.replace(day=1)
    last_month, month_before = add_months(this_month, -1), add_months(this_month, -2)
    lease = active_lease(
        payment_cycle=PaymentCycle.MONTHLY, start_date=add_months(this_month, -3), due_day=1,
        end_date=add_months(this_month, 12),
    )  # fmt: skip
    meter, water = meters_of(lease, (Meter.Kind.ELECTRICITY, Meter.Kind.WATER))  # no water tariff set
    Tariff.objects.create(meter_kind="electricity", unit_price=Decimal("1.2000"), effective_from=month_before)
    engineer = UserFactory(username="engineer", roles=["engineering"])
    readings = {meter: "1000", water: "50"}
    round_read(lease.building, month_before, readings, by=engineer, on=last_month - timedelta(days=1))
    UserFactory(username="finance", roles=["finance"])
    login("engineer")
    # when: the engineer opens last month's round from the menu
    page.goto(f"{live_server.url}/handover/rounds/")
    page.get_by_label("楼宇").select_option(label=lease.building.name)
    page.get_by_label("月份").fill(f"{last_month:%Y-%m}")
    page.get_by_test_id("round-open").click()
    reading = page.get_by_test_id(f"reading-{meter.number}")
    expect(page.get_by_test_id("missing-meters")).to_contain_text(meter.number)
    expect(page.locator(f"[data-meter='{meter.number}']")).to_contain_text("1000.00")  # previous reading
    # and mistypes the electricity reading, then tabs down to the water meter's input and types it
    reading.fill("125O")
    page.keyboard.press("Tab")
    expect(page.get_by_test_id(f"reading-{water.number}")).to_be_focused()
    page.keyboard.type("58")
    page.get_by_test_id("round-save").click()
    # then: refused at the field, what was typed kept, nothing saved
    expect(page.locator(f"[data-meter='{meter.number}']")).to_contain_text("请输入数字形式的读数")
    expect(reading).to_have_value("125O")
    expect(page.get_by_test_id(f"reading-{water.number}")).to_have_value("58")
    assert not MeterReading.objects.filter(round__month=last_month).exists()
    # when: the reading is corrected, saved, and the round closed
    reading.fill("1250")
    page.get_by_test_id("round-save").click()
    expect(page.get_by_test_id("missing-meters")).to_have_count(0)
    page.get_by_test_id("round-close").click()
    expect(page.get_by_test_id("round-status")).to_have_text("已关闭")
    assert MeterRound.objects.get(month=last_month).status == MeterRound.Status.CLOSED
    # when: finance previews and issues this month's bills
    page.context.clear_cookies()
    login("finance")
    page.goto(f"{live_server.url}/billing/run/?month={this_month:%Y-%m}")
    expect(page.get_by_test_id("run-preview-table")).to_contain_text(lease.number)
    expect(page.get_by_test_id("run-utilities").first).to_have_text("¥300.00")  # 250 kWh × 1.20
    page.get_by_test_id("run-issue").click()
    expect(page.get_by_test_id("run-finished")).to_be_visible()
    # then: the bill carries the utility line, from 1000 to 1250
    bill = Bill.objects.get(lease=lease, period_start=this_month)
    page.goto(f"{live_server.url}/billing/bills/{bill.pk}/")
    lines = page.get_by_test_id("bill-lines")
    expect(lines).to_contain_text(f"{meter.number}: 1000.00 → 1250.00 × 1.2000")
    expect(lines).to_contain_text("300.00")
