"""Browser: a clerk downloads the lease template, fills it with two mistakes, uploads it and reads both at
their row and column; uploads the corrected file, confirms, and finds the leases on the rent roll. Finance
imports the opening arrears and finds them on the ageing page."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from documents.imports.engine import import_run
from leasing.models import Lease
from tests.factories import UserFactory
from tests.imports.conftest import as_csv, as_xlsx
from tests.imports.space_files import TENANTS, UNITS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SLOW = 30_000  # ms: reading and checking an upload on a loaded machine


@pytest.fixture
def document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return settings.DOCUMENT_ROOT


def _filled(template: bytes, rows: list[list[str]]) -> bytes:
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    sheet.delete_rows(2)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _lease_row(number: str, tenant: str, units: str, start: str, end: str, rent: str) -> list[str]:
    # columns of the template: number, tenant, building, units, start, end, current end, rent basis, rent,
    # fee basis, fee, cycle, due day, deposit, late fee, use, special terms
    return [
        number,
        tenant,
        "A",
        units,
        start,
        end,
        "",
        "",
        rent,
        "",
        "1.20",
        "季付",
        "1",
        "20000",
        "",
        "办公",
        "",
    ]


def test_clerk_imports_leases_from_the_template_then_finance_the_opening_arrears(
    page, live_server, login, document_root, tmp_path
):
    # given: the building's units and tenants were imported
    clerk = UserFactory(username="clerk", roles=["business"], first_name="业务员")
    UserFactory(username="cashier", roles=["finance"])
    import_run("units", as_xlsx(UNITS), by=clerk, commit=True)
    import_run("tenants", as_csv(TENANTS), by=clerk, commit=True)
    today = timezone.localdate()
    start, end = f"{today - timedelta(days=400):%Y-%m-%d}", f"{today + timedelta(days=700):%Y-%m-%d}"
    # when: the clerk downloads the lease template from the import page
    login("clerk")
    page.goto(f"{live_server.url}/documents/imports/")
    with page.expect_download() as download:
        page.get_by_test_id("template-leases").click()
    template = download.value.path().read_bytes()
    headers = [cell.value for cell in load_workbook(io.BytesIO(template)).worksheets[0][1]]
    assert headers[0] == "合同编号 (Lease number)"
    # and uploads it filled with two mistakes: an unknown unit and a date that is not a date
    wrong = tmp_path / "租赁合同.xlsx"
    wrong.write_bytes(
        _filled(
            template,
            [
                _lease_row("HT-2024-001", "91110000600037341L", "A-1201, A-1299", start, end, "6.50"),
                _lease_row("HT-2024-002", "11010519491231002X", "A-B101", "2025年13月1日", end, "2.00"),
            ],
        )
    )
    page.get_by_test_id("upload-leases").click()
    page.set_input_files("input[name=file]", str(wrong))
    page.get_by_test_id("check-file").click()
    # then: both are shown at their row and column, in Chinese, and nothing can be confirmed
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("A-1299", timeout=SLOW)
    expect(errors).to_contain_text("起租日")
    expect(errors.locator("tbody tr")).to_have_count(2)
    expect(page.get_by_test_id("confirm")).to_have_count(0)
    assert not Lease.objects.exists()
    # when: the corrected file is uploaded and confirmed
    right = tmp_path / "租赁合同-改.xlsx"
    right.write_bytes(
        _filled(
            template,
            [
                _lease_row("HT-2024-001", "91110000600037341L", "A-1201, A-1202", start, end, "6.50"),
                _lease_row("HT-2024-002", "11010519491231002X", "A-B101", "2025-01-01", end, "2.00"),
            ],
        )
    )
    page.set_input_files("input[name=file]", str(right))
    page.get_by_test_id("check-file").click()
    expect(page.get_by_test_id("import-preview")).to_contain_text("HT-2024-002", timeout=SLOW)
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("batch-status")).to_contain_text("已导入", timeout=SLOW)
    # then: the leases are on the rent roll
    page.goto(f"{live_server.url}/space/reports/rent-roll/")
    expect(page.get_by_test_id("rent-roll")).to_contain_text("HT-2024-001")
    expect(page.get_by_test_id("rent-roll")).to_contain_text("HT-2024-002")
    # when: finance imports the unpaid bills brought from before
    page.context.clear_cookies()
    login("cashier")
    balances = tmp_path / "期初欠费.csv"
    due = f"{today - timedelta(days=75):%Y-%m-%d}"
    balances.write_bytes(
        as_csv(
            [
                ["账单编号", "合同编号", "费用类型", "账期起", "账期止", "应缴日", "未付金额"],
                ["OLD-7", "HT-2024-001", "租金", f"{today - timedelta(days=80):%Y-%m-%d}", due, due, "18000"],
            ],
            "gbk",
        )
    )
    page.goto(f"{live_server.url}/documents/imports/opening-balances/upload/")
    page.set_input_files("input[name=file]", str(balances))
    page.get_by_test_id("check-file").click()
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("batch-status")).to_contain_text("已导入", timeout=SLOW)
    # then: the opening arrears are on the ageing page, 61–90 days overdue
    page.goto(f"{live_server.url}/billing/arrears/")
    row = page.get_by_test_id("ageing-table").locator("tr", has_text="上海示例科技有限公司")
    expect(row).to_contain_text("18,000.00")
