"""The monthly report (月报): its numbers against the lists they summarise, the occupancy history, a month in
the future refused at its field, the PDF, the roles, and what the page costs."""

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from billing.models import Bill, Payment
from billing.selectors import ageing_rows, ageing_totals
from config.monthly_report.compose import monthly_report_build, trend_days
from fitout.models import Application
from leasing.models import Lease, LeaseUnit, Unit
from leasing.occupancy import lease_units_refresh, units_occupancy_refresh
from leasing.selectors import unit_list
from tenancy.roles import Role
from tests.billing.factories import MARCH, active_lease, issued_bill, pay
from tests.leasing.factories import BuildingFactory, UnitFactory
from tests.leasing.lease_factories import lease_in

READERS = (Role.MANAGEMENT, Role.FINANCE, Role.BUSINESS)


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def _chart(response, key: str) -> dict:
    return next(chart for chart in response.context["chart_data"] if chart["key"] == key)


def _under_works(lease: Lease, since: date) -> Application:
    """A fit-out whose permit was issued on ``since`` and whose works run (the permit's papers left out: the
    fit-out tests print them)."""
    application = Application.objects.create(
        number=f"ZX-{lease.pk}",
        tenant=lease.tenant,
        lease=lease,
        status=Application.Status.WORKS,
        contractor_company="上海华艺装饰工程有限公司",
        contractor_licence="D231012345",
        site_manager="赵强",
        site_manager_phone="13912345678",
        scope="隔墙、吊顶",
        starts_on=since,
        ends_on=since + timedelta(days=40),
        permit_issued_at=timezone.make_aware(datetime.combine(since, time(10))),
    )
    application.units.set(lease.units.all())
    units_occupancy_refresh(lease.units.all())
    return application


@pytest.fixture
def space(db):
    """Units in every state today: let, reserved (a lease starting next month), under fit-out, vacant,
    withdrawn."""
    building = BuildingFactory()
    let = active_lease(units=[UnitFactory(building=building)])
    start = timezone.localdate().replace(day=1) + timedelta(days=40)
    lease_in(Lease.Status.SIGNED, units=[UnitFactory(building=building)], start_date=start)
    fitout = _under_works(active_lease(units=[UnitFactory(building=building)]), timezone.localdate())
    UnitFactory(building=building)
    UnitFactory(building=building, status=Unit.Status.UNAVAILABLE)
    return {"building": building, "let": let, "fitout": fitout}


def test_occupancy_counts_equal_the_unit_list_filtered_by_status(client, general_manager, space):
    # given: the stored statuses the unit list filters on
    by_status = {status: unit_list().filter(status=status) for status in Unit.Status.values}
    assert all(queryset.exists() for queryset in by_status.values())
    # when
    client.force_login(general_manager)
    response = client.get(reverse("monthly-report"))
    # then: the chart and the table read the unit list's numbers
    report = response.context["report"]
    for status, queryset in by_status.items():
        assert report.occupancy.count[status] == queryset.count()
        assert report.occupancy.area[status] == queryset.aggregate(a=Sum("gross_area"))["a"]
    chart = _chart(response, "occupancy")
    assert chart["series"][0]["values"] == [
        float(report.occupancy.count[s]) for s, *_ in report.occupancy.rows()
    ]


def test_occupancy_for_one_building_counts_only_its_units(db, space):
    report = monthly_report_build(month=timezone.localdate(), building=space["building"])
    assert report.occupancy.units == Unit.objects.filter(building=space["building"]).count()


def test_occupancy_history_follows_the_lease_dates(db):
    # given: a unit let from January to the end of June 2026 (the tenant has left), and a unit whose lease was
    # signed in February for April
    gone, later = UnitFactory(), UnitFactory()
    ended = lease_in(Lease.Status.ENDED, units=[gone], end_date=date(2026, 6, 30))
    Lease.objects.filter(pk=ended.pk).update(effective_end=date(2026, 6, 30), move_out_date=date(2026, 6, 30))
    signed_at = timezone.make_aware(timezone.datetime(2026, 2, 10, 10))
    soon = lease_in(Lease.Status.ACTIVE, units=[later], start_date=date(2026, 4, 1))
    Lease.objects.filter(pk=soon.pk).update(signed_at=signed_at)
    lease_units_refresh([ended.pk, soon.pk])
    # when
    trend = monthly_report_build(month=date(2026, 11, 1), today=date(2026, 11, 30)).occupancy_trend
    by_month = {f.on: f for f in trend}

    def status_of(unit: Unit, on: date) -> str:
        report = monthly_report_build(month=on, building=unit.building, today=on)
        return next(s for s, n in report.occupancy.count.items() if n)

    # then
    assert [f.on for f in trend] == trend_days(date(2026, 11, 30))
    assert status_of(gone, date(2026, 3, 31)) == Unit.Status.OCCUPIED
    assert status_of(gone, date(2026, 7, 31)) == Unit.Status.VACANT
    assert status_of(later, date(2026, 1, 31)) == Unit.Status.VACANT
    assert status_of(later, date(2026, 2, 28)) == Unit.Status.RESERVED
    assert status_of(later, date(2026, 4, 30)) == Unit.Status.OCCUPIED
    assert by_month[date(2026, 3, 31)].count[Unit.Status.OCCUPIED] == 1
    assert by_month[date(2026, 3, 31)].count[Unit.Status.RESERVED] == 1
    assert by_month[date(2026, 11, 30)].count[Unit.Status.OCCUPIED] == 1


def test_a_unit_under_fit_out_then_is_shown_so_in_the_trend(db):
    lease = active_lease()
    application = _under_works(lease, date(2026, 5, 10))
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.COMPLETED, completed_on=date(2026, 7, 15)
    )
    trend = {
        f.on: f
        for f in monthly_report_build(month=date(2026, 11, 1), today=date(2026, 11, 30)).occupancy_trend
    }
    assert trend[date(2026, 4, 30)].count[Unit.Status.OCCUPIED] == 1
    assert trend[date(2026, 5, 31)].count[Unit.Status.FIT_OUT] == 1
    assert trend[date(2026, 6, 30)].count[Unit.Status.FIT_OUT] == 1
    assert trend[date(2026, 7, 31)].count[Unit.Status.OCCUPIED] == 1


@pytest.fixture
def march(db, finance_manager):
    """Two bills issued in March 2026, one paid in full in March, one in part in April."""
    first, second = active_lease(), active_lease()
    bills = [issued_bill(first), Bill.objects.get(lease=second, period_start=MARCH)]
    pay(first.tenant, bills[0].total, by=finance_manager, on=date(2026, 3, 10))
    pay(second.tenant, "100.00", by=finance_manager, on=date(2026, 4, 2))
    return bills


def test_billed_and_received_equal_the_bill_and_payment_lists_of_the_month(client, finance_manager, march):
    client.force_login(finance_manager)
    response = client.get(reverse("monthly-report"), {"month": "2026-03"})
    report = response.context["report"]
    issued = Bill.objects.filter(issue_date__range=(date(2026, 3, 1), date(2026, 3, 31)))
    assert report.billing.billed == issued.aggregate(t=Sum("total"))["t"]
    received = Payment.objects.filter(received_on__range=(date(2026, 3, 1), date(2026, 3, 31)))
    assert report.billing.received == received.aggregate(t=Sum("amount"))["t"]
    # Collected by the end of March: the first bill only; April's payment counts in April's report.
    assert report.billing.collected == march[0].total
    chart = _chart(response, "billing")
    assert sum(chart["series"][0]["values"]) == pytest.approx(float(report.billing.billed))
    april = monthly_report_build(month=date(2026, 4, 1), today=date(2026, 4, 30))
    assert april.ageing.total == march[1].total - Decimal("100.00")


def test_arrears_of_the_current_month_equal_the_arrears_page(db, march):
    today = timezone.localdate()
    report = monthly_report_build(month=today)
    assert report.ageing.total == ageing_totals(ageing_rows(today=today)).total
    assert report.ageing.overdue == ageing_totals(ageing_rows(today=today)).overdue


def test_a_month_in_the_future_is_refused_at_its_field_and_nothing_is_drawn(client, general_manager, db):
    client.force_login(general_manager)
    next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).strftime("%Y-%m")
    response = client.get(reverse("monthly-report"), {"month": next_month})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The report month cannot be in the future." in page
    assert 'data-testid="monthly-report"' not in page and "report-charts" not in page
    assert f'value="{next_month}"' in page
    pdf = client.get(reverse("monthly-report-pdf"), {"month": next_month})
    assert pdf["Content-Type"].startswith("text/html")


def test_the_pdf_prints_the_figures(client, finance_manager, march):
    client.force_login(finance_manager)
    response = client.get(reverse("monthly-report-pdf"), {"month": "2026-03"})
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Monthly report" in text and "YB-202603" in text
    billed = sum(b.total for b in march)
    assert f"{billed:,.2f}" in text


@pytest.mark.parametrize("role", Role.values)
def test_roles(client, staff_by_role, role):
    client.force_login(staff_by_role[role])
    expected = 200 if role in READERS else 403
    assert client.get(reverse("monthly-report")).status_code == expected


def test_the_page_costs_a_fixed_number_of_queries(client, general_manager, march):
    client.force_login(general_manager)
    client.get(reverse("monthly-report"), {"month": "2026-03"})
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("monthly-report"), {"month": "2026-03"})
    for _ in range(3):
        active_lease()
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("monthly-report"), {"month": "2026-03"})
    assert len(more) == len(few) <= 20
    assert LeaseUnit.objects.count() >= 5
