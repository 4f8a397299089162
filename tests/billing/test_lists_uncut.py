"""Finance's lists never lose rows: the bills and payments lists, the dunning letters under the arrears, the
closed months, the payments by method, the move-outs waiting for their confirmation, the decided termination
recommendations and price proposals are paginated past their old caps, sorted by their columns, and
exported to CSV and XLSX as filtered."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from billing.models import ClosedPeriod, DunningLetter, StandardKind, StandardProposal
from billing.services.arrears import dunning_run
from documents.money import XLSX_MONEY_FORMAT

from .factories import active_lease, issued_bill, pay

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx(response) -> list[tuple]:
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_the_bill_list_exports_the_bills_its_filter_keeps(client, finance_manager):
    # given: bills of two buildings
    first, second = active_lease(), active_lease()
    issued_bill(first)
    client.force_login(finance_manager)
    # when: the list filtered to the first building is exported
    url = reverse("billing:bill-list")
    query = {"building": first.building_id, "export": "csv"}
    rows = _csv(client.get(url, query))
    sheet = _xlsx(client.get(url, {**query, "export": "xlsx"}))
    # then: only that building's bill, with its amount as a number
    bill = first.bills.get()
    assert [row[0] for row in rows[1:]] == [bill.number]
    assert rows[1][4] == f"{bill.total:.2f}"
    assert [row[0] for row in sheet[1:]] == [bill.number]
    assert second.bills.get().number not in str(rows)
    assert 'data-testid="export-csv"' in client.get(url).content.decode()


def test_the_payment_list_exports_the_payments_its_filter_keeps(client, finance_manager):
    tenant = active_lease().tenant
    pay(tenant, "100.00", by=finance_manager, method="wechat")
    pay(tenant, "250.50", by=finance_manager, method="cash")
    client.force_login(finance_manager)
    url = reverse("billing:payment-list")
    rows = _csv(client.get(url, {"method": "cash", "export": "csv"}))
    assert [row[-1] for row in rows[1:]] == ["250.50"]
    workbook = load_workbook(io.BytesIO(client.get(url, {"method": "cash", "export": "xlsx"}).content))
    cell = workbook.active.cell(row=2, column=6)
    assert cell.value == 250.5 and cell.number_format == XLSX_MONEY_FORMAT
    assert 'data-testid="export-xlsx"' in client.get(url).content.decode()


def test_the_closed_months_are_shown_past_24_and_exported_whole(client, finance_manager):
    # given: 30 closed months (the page used to show the last 24)
    months = [date(2020 + n // 12, n % 12 + 1, 1) for n in range(30)]
    ClosedPeriod.objects.bulk_create(ClosedPeriod(month=m, closed_by=finance_manager) for m in months)
    client.force_login(finance_manager)
    url = reverse("billing:export")
    # when
    page = client.get(url)
    rows = _csv(client.get(url, {"closed-export": "csv"}))
    # then: all 30 on the page (newest first), none cut; the export has all 30
    shown = [row.record.month for row in page.context["closed"].paginated_rows]
    assert shown == sorted(months, reverse=True)
    assert len(rows) == 31 and rows[1][0] == "2022-06-01" and rows[-1][0] == "2020-01-01"
    # sorted by the column asked
    ascending = client.get(url, {"closed-sort": "month"}).context["closed"]
    assert next(iter(ascending.paginated_rows)).record.month == date(2020, 1, 1)


def test_the_dunning_letters_are_exported_as_of_the_day_and_building_shown(client, finance_manager):
    # given: an overdue bill in each of two buildings, both sent letters
    first, second = active_lease(), active_lease()
    bill = issued_bill(first)
    issued_bill(second)
    dunning_run(today=bill.due_date + timedelta(days=30))
    assert DunningLetter.objects.filter(bill__lease=second).exists()
    client.force_login(finance_manager)
    url = reverse("billing:arrears")
    # when: the arrears of the first building are exported
    rows = _csv(client.get(url, {"building": first.building_id, "letters-export": "csv"}))
    before = _csv(client.get(url, {"as_of": bill.due_date.isoformat(), "letters-export": "csv"}))
    # then: only its letters; none before any was sent
    letters = DunningLetter.objects.filter(bill__lease=first)
    assert sorted(row[1] for row in rows[1:]) == sorted(letter.bill.number for letter in letters)
    assert len(rows) - 1 == letters.count() > 0
    assert before[1:] == []
    assert 'data-testid="letter-table"' in client.get(url).content.decode()


def test_the_payment_method_report_exports_its_totals_and_one_methods_payments(client, finance_manager):
    tenant = active_lease().tenant
    march = date(2026, 3, 10)
    pay(tenant, "100.00", by=finance_manager, method="wechat", on=march)
    pay(tenant, "250.50", by=finance_manager, method="wechat", on=march)
    pay(tenant, "999.00", by=finance_manager, method="cash", on=march)
    client.force_login(finance_manager)
    url = reverse("billing:payment-methods")
    period = {"start": "2026-03-01", "end": "2026-03-31"}
    totals = _csv(client.get(url, {**period, "methods-export": "csv"}))
    payments = _csv(client.get(url, {**period, "method": "wechat", "payments-export": "csv"}))
    by_method = {row[0]: row for row in totals[1:]}
    assert by_method["WeChat Pay"][1:] == ["2", "350.50"]
    assert sorted(row[-1] for row in payments[1:]) == ["100.00", "250.50"]


def test_decided_price_proposals_are_shown_past_30_and_exported(client, finance_manager, general_manager):
    # given: 35 decided proposals (the page used to show 30)
    StandardProposal.objects.bulk_create(
        StandardProposal(
            kind=StandardKind.WATER,
            price=Decimal("5") + n,
            effective_from=date(2026, 1, 1),
            status=StandardProposal.Status.REJECTED,
            proposed_by=finance_manager,
            decided_by=general_manager,
        )
        for n in range(35)
    )
    client.force_login(finance_manager)
    url = reverse("billing:standards")
    rows = _csv(client.get(url, {"decided-export": "csv"}))
    assert len(rows) == 36
    table = client.get(url, {"decided-sort": "-price"}).context["decided"]
    prices = [row.record.price for row in table.paginated_rows]
    assert len(prices) == 35 and prices[0] == Decimal("39")
