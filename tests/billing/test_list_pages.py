"""Billing's fapiao requests and refunds never drop out of sight: waiting fapiao requests first, every row
paginated (no cap), sorted by its columns, exported whole with amounts as numbers."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from billing.models import DepositAccount, FapiaoRequest
from billing.services.deposits import deposit_receive, refund_open
from billing.views._common import READERS
from documents.money import XLSX_MONEY_FORMAT
from leasing.models import Lease
from tenancy.roles import ALL_STAFF
from tests.billing.factories import active_lease, pay
from tests.factories import UserFactory
from tests.leasing.lease_factories import lease_in


@pytest.fixture
def fapiao_requests(db, tenant, finance_manager):
    """An issued request for ¥1,234.50, then a newer one still waiting for its fapiao (¥80.00)."""
    issued = FapiaoRequest.objects.create(
        payment=pay(tenant, "1234.50", by=finance_manager),
        title="已开票公司",
        tax_number="91110000000000000X",
        fapiao_number="12345678",
        issued_on=date(2026, 3, 2),
    )
    waiting = FapiaoRequest.objects.create(
        payment=pay(tenant, "80", by=finance_manager), title="等待开票公司", tax_number="91110000000000001X"
    )
    return issued, waiting


def test_a_waiting_fapiao_request_is_listed_before_the_issued_ones(client, finance_manager, fapiao_requests):
    client.force_login(finance_manager)
    page = client.get(reverse("billing:fapiao-list")).content.decode()
    assert page.index("等待开票公司") < page.index("已开票公司")
    assert "¥1,234.50" in page


def test_the_fapiao_list_sorts_by_amount(client, finance_manager, fapiao_requests):
    client.force_login(finance_manager)
    page = client.get(reverse("billing:fapiao-list"), {"sort": "-amount"}).content.decode()
    assert page.index("已开票公司") < page.index("等待开票公司")


def test_the_fapiao_export_holds_every_request_with_the_amount_as_a_number(
    client, finance_manager, fapiao_requests
):
    client.force_login(finance_manager)
    url = reverse("billing:fapiao-list")
    # when
    as_csv = client.get(url, {"export": "csv"})
    as_xlsx = client.get(url, {"export": "xlsx"})
    # then
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert len(rows) == 3 and rows[2][2] == "1234.50" and rows[2][7] == "2026-03-02"
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet.max_row == 3
    amount = sheet.cell(row=3, column=3)
    assert amount.value == Decimal("1234.5") or amount.value == 1234.5
    assert amount.number_format == XLSX_MONEY_FORMAT
    assert [c.value for c in sheet[1]][-1] == "issued on" and sheet.cell(row=3, column=8).is_date


@pytest.mark.parametrize("role", sorted(set(ALL_STAFF) - set(READERS)))
def test_roles_that_may_not_see_fapiao_requests_may_not_export_them(client, fapiao_requests, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get(reverse("billing:fapiao-list"), {"export": "xlsx"}).status_code == 403


@pytest.fixture
def refunds(db, tenant, finance_manager):
    """Three refund requests of ¥10.00, ¥20.00 and ¥30.00 out of a held deposit."""
    lease = active_lease(tenant=tenant)
    deposit_receive(
        lease=lease, amount=Decimal("500"), method="transfer", on=date(2026, 3, 1), by=finance_manager
    )
    account = DepositAccount.objects.get(lease=lease)
    return [refund_open(account=account, amount=Decimal(n), by=finance_manager) for n in ("10", "20", "30")]


def test_the_refunds_sort_by_amount_and_export_every_request_with_amounts_as_numbers(
    client, finance_manager, refunds
):
    client.force_login(finance_manager)
    url = reverse("billing:deposit-list")
    # when
    page = client.get(url, {"sort": "-amount"}).content.decode()
    as_xlsx = client.get(url, {"export": "xlsx"})
    # then
    assert page.index("¥30.00") < page.index("¥20.00") < page.index("¥10.00")
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet.max_row == 4
    assert sorted(sheet.cell(row=n, column=2).value for n in (2, 3, 4)) == [10, 20, 30]
    assert sheet.cell(row=2, column=2).number_format == XLSX_MONEY_FORMAT


@pytest.mark.parametrize("role", sorted(set(ALL_STAFF) - set(READERS)))
def test_roles_that_may_not_see_refunds_may_not_export_them(client, refunds, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get(reverse("billing:deposit-list"), {"export": "csv"}).status_code == 403


def test_the_leases_waiting_for_their_charge_notice_sort_and_export_whole(client, finance_manager):
    # given: three signed leases without their notice
    leases = [lease_in(Lease.Status.SIGNED) for _ in range(3)]
    client.force_login(finance_manager)
    url = reverse("billing:move-in-charges")
    # when
    page = client.get(url, {"sort": "-number"}).content.decode()
    as_xlsx = client.get(url, {"export": "xlsx"})
    # then
    numbers = sorted(lease.number for lease in leases)
    assert page.index(numbers[2]) < page.index(numbers[0])
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet.max_row == 4 and sheet.cell(row=2, column=4).number_format == XLSX_MONEY_FORMAT
    assert sheet.cell(row=2, column=3).is_date
    client.force_login(UserFactory(roles=["front_desk"]))
    assert client.get(url, {"export": "csv"}).status_code == 403


def test_the_billing_run_preview_lists_every_draft_and_exports_them(client, finance_manager):
    # given: two active leases to bill in March
    leases = [active_lease() for _ in range(2)]
    client.force_login(finance_manager)
    url = reverse("billing:run")
    # when
    page = client.get(url, {"month": "2026-03", "sort": "-lease"}).content.decode()
    as_xlsx = client.get(url, {"month": "2026-03", "export": "xlsx"})
    # then
    numbers = sorted(lease.number for lease in leases)
    assert page.index(numbers[1]) < page.index(numbers[0]) and 'data-testid="run-preview-table"' in page
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet.max_row == 3 and sheet.cell(row=2, column=8).number_format == XLSX_MONEY_FORMAT
    assert sheet.cell(row=2, column=3).is_date and sheet.cell(row=2, column=6).value >= 1
