"""Exports carry amounts as numbers: XLSX cells in the currency format, CSV plain with two decimals."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from documents.money import XLSX_MONEY_FORMAT
from leasing.models import Lease
from tests.leasing.lease_factories import lease_in

from .factories import active_lease, pay

pytestmark = pytest.mark.django_db


def test_the_ledger_xlsx_holds_amounts_as_currency_formatted_numbers(client, finance_manager):
    pay(active_lease().tenant, "1234.50", by=finance_manager)
    client.force_login(finance_manager)
    response = client.get(
        reverse("billing:export"), {"start": "2026-01-01", "end": "2026-12-31", "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    debits = [row[8] for row in sheet.iter_rows(min_row=2)]
    assert debits and all(cell.number_format == XLSX_MONEY_FORMAT for cell in debits)
    assert Decimal("1234.50") in {Decimal(str(cell.value)) for cell in debits}


def test_the_lease_export_formats_rent_fee_and_deposit_as_money(client, finance_manager):
    lease_in(Lease.Status.ACTIVE)
    client.force_login(finance_manager)
    url = reverse("leasing:lease-list")
    sheet = load_workbook(io.BytesIO(client.get(url, {"export": "xlsx"}).content)).active
    assert [sheet.cell(row=2, column=c).number_format for c in (10, 12, 14)] == [XLSX_MONEY_FORMAT] * 3
    assert isinstance(sheet.cell(row=2, column=10).value, int | float)
    assert sheet.cell(row=2, column=5).number_format != XLSX_MONEY_FORMAT  # the area is no amount
    rows = list(csv.reader(io.StringIO(client.get(url, {"export": "csv"}).content.decode("utf-8-sig"))))
    assert rows[1][9] == f"{Lease.objects.get().rent_rate:.2f}"
