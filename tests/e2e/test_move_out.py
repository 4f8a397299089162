"""Browser (issue 22): a move-out before the notice date leaves the lease billed to that date, an early
termination is refused in the portal and accepted by management with its penalty on the settlement, and the
settlement shows and bills each meter from the move-in to the move-out reading."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from billing.models import Bill, BillLine, Charge, ChargeKind, Settlement, Tariff
from handover import services
from handover.models import Sheet, Visit
from leasing.leases.moveout import move_out_notice_give
from leasing.models import Lease, MoveOutNotice
from tests.billing.factories import move_out_confirmed
from tests.factories import MembershipFactory, UserFactory
from tests.handover import factories as handover
from tests.leasing.lease_factories import document_root_fixture, lease_in  # noqa: F401 -- a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTICE_DATE = date(2027, 1, 31)
READINGS = {"electricity": ("1234.5", "1388.2"), "water": ("56.2", "60.5")}


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


def _read(visit: Visit, index: int, by: object) -> None:
    lines = [
        services.ReadingLine(
            kind=m.kind, number=m.number, reading=Decimal(READINGS[m.kind][index]), meter_id=m.pk
        )
        for m in visit.unit.meters.filter(active=True)
    ]
    services.readings_save(sheet=handover.sheet_of(visit, Sheet.Kind.METERS), lines=lines, by=by)
    handover.sign(visit, Sheet.Kind.METERS, by)


def _moving_out_today() -> Visit:
    """A lease moved in with an electricity and a water meter, a notice effective NOTICE_DATE accepted by
    management, and today's move-out visit with every sheet but the confirmation signed."""
    for kind, price in (("electricity", "1.2000"), ("water", "5.0000")):
        Tariff.objects.create(meter_kind=kind, unit_price=Decimal(price), effective_from=date(2026, 1, 1))
    by = handover.staff()
    visit = handover.move_in_visit(by=by, status=Lease.Status.ACTIVE)
    handover.MeterFactory(unit=visit.unit, kind="water")
    handover.fill_keys(visit, by)
    handover.sign(visit, Sheet.Kind.KEYS, by)
    _read(visit, 0, by)
    handover.fill_acceptance(visit, by)
    handover.sign(visit, Sheet.Kind.ACCEPTANCE, by)
    receipt = handover.sheet_of(visit, Sheet.Kind.RECEIPT)
    services.sheet_note_save(sheet=receipt, note="", handouts=["handbook"], by=by)
    handover.sign(visit, Sheet.Kind.RECEIPT, by)
    handover.move_in_ready(visit, by)  # the two agreements signed, the pre-inspection findings recorded
    services.visit_complete_move_in(visit=visit, by=by)
    today = timezone.localdate()
    notice = move_out_notice_give(
        lease=visit.lease,
        move_out_date=NOTICE_DATE,
        channel="front_desk",
        early_reason="集团搬迁",
        by=handover.staff("management"),
        today=today,
    )
    (out,) = services.visits_open_move_out(notice=notice, visit_date=today, by=by, today=today)
    handover.fill_keys(out, by, returned=3)
    handover.sign(out, Sheet.Kind.KEYS, by)
    _read(out, 1, by)
    handover.fill_acceptance(out, by, defect=False)
    handover.sign(out, Sheet.Kind.ACCEPTANCE, by)
    return out


def test_a_move_out_before_the_notice_date_is_billed_to_it_with_the_utilities(
    page, live_server, login, document_root
):
    # given: today's move-out of a lease whose notice is effective 31 January 2027
    out = _moving_out_today()
    UserFactory(username="manager", roles=["management"], last_name="王", first_name="小明")
    UserFactory(username="finance", roles=["finance"])
    # when: the confirmation page warns before signing, and is signed on screen
    login("manager")
    page.goto(live_server.url + reverse("handover:sheet", kwargs={"pk": out.pk, "kind": "move_out"}))
    expect(page.get_by_test_id("move-out-before-end")).to_contain_text("2027-01-31")
    _draw(page, "canvas-staff")
    _draw(page, "canvas-tenant")
    page.get_by_label("客户代表姓名").fill("李华")
    page.get_by_test_id("sign").click()
    expect(page.get_by_test_id("sheet-status")).to_have_text("已签署")
    # then: the lease still runs, to the notice date
    lease = Lease.objects.get(pk=out.lease_id)
    assert lease.status == Lease.Status.NOTICE_GIVEN and lease.effective_end == NOTICE_DATE
    # when: finance previews and settles
    page.context.clear_cookies()
    login("finance")
    page.goto(live_server.url + reverse("billing:settlement", args=[lease.pk]))
    meters = page.get_by_test_id("settlement-meters")
    for value in ("1234.5", "1388.2", "153.7", "184.44", "56.2", "60.5", "4.3", "21.50"):
        expect(meters).to_contain_text(value)
    expect(page.get_by_test_id("settlement-lines")).to_contain_text("2027-01-31")
    page.get_by_test_id("settle").click()
    expect(page.get_by_test_id("settlement")).to_be_visible()
    # then: January's rent is billed, and both meters' use
    assert Bill.objects.filter(lease=lease, kind=Bill.Kind.REGULAR, period_end=NOTICE_DATE).exists()
    utilities = sorted(BillLine.objects.filter(kind=ChargeKind.UTILITY).values_list("amount", flat=True))
    assert utilities == [Decimal("21.50"), Decimal("184.44")]
    assert Settlement.objects.filter(lease=lease).exists()


def test_an_early_termination_is_refused_in_the_portal_and_accepted_by_management_with_its_penalty(
    page, live_server, login, document_root
):
    # given: a three-year lease with no break clause and a penalty of two months' rent
    today = timezone.localdate()
    start = today.replace(day=1)
    lease = lease_in(
        Lease.Status.ACTIVE,
        start_date=start,
        end_date=date(start.year + 3, start.month, 1),
        break_penalty_months=Decimal("2"),
    )
    MembershipFactory(tenant=lease.tenant, user=UserFactory(username="tenantuser"))
    UserFactory(username="manager", roles=["management"])
    UserFactory(username="finance", roles=["finance"])
    move_out = NOTICE_DATE.isoformat()
    # when: the tenant gives notice in the portal
    login("tenantuser", portal=True)
    page.goto(live_server.url + reverse("portal:lease-detail", kwargs={"pk": lease.pk}))
    notice_form = page.get_by_test_id("portal-notice")
    notice_form.locator("[name=move_out_date]").fill(move_out)
    notice_form.locator("button[type=submit]").click()
    # then: refused at the date field
    expect(page.get_by_test_id("portal-notice")).to_contain_text("提前解约")
    assert not MoveOutNotice.objects.exists()
    # when: management records it with a reason
    page.context.clear_cookies()
    login("manager")
    page.goto(live_server.url + reverse("leasing:move-out-notice", kwargs={"pk": lease.pk}))
    page.locator("[name=move_out_date]").fill(move_out)
    page.locator("[name=early_reason]").fill("集团搬迁，按合同收取违约金")
    page.get_by_test_id("action-submit").click()
    page.wait_for_url(live_server.url + reverse("leasing:lease-detail", kwargs={"pk": lease.pk}))
    assert MoveOutNotice.objects.get(lease=lease).early_termination
    move_out_confirmed(lease)  # the move-out confirmation signed (the settlement waits for it)
    # when: finance opens the settlement
    page.context.clear_cookies()
    login("finance")
    page.goto(live_server.url + reverse("billing:settlement", args=[lease.pk]))
    penalty = page.get_by_test_id("settlement-penalty")
    expect(penalty).to_be_visible()
    page.get_by_test_id("settle").click()
    expect(page.get_by_test_id("settlement")).to_be_visible()
    # then: the penalty is billed
    charge = Charge.objects.get(source=f"penalty:{lease.pk}")
    assert charge.bill_id is not None and charge.amount > 0
    expect(page.get_by_test_id("settlement")).to_be_visible()
