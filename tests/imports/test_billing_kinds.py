"""Day-one import of money: opening balances (unpaid bills with their original dates) and deposits held,
posted against the opening-balance account; the ledger balances and bean-check accepts the export."""

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import Sum

from billing.exports import ledger_beancount
from billing.models import Account, Bill, DepositAccount, JournalLine
from billing.selectors import ageing_rows, bill_outstanding
from billing.services.ledger import account_balance
from documents.imports.engine import ImportRefused, import_run

from .conftest import TODAY, as_csv, as_xlsx, days
from .space_files import LEASES, TENANTS, UNITS

pytestmark = pytest.mark.django_db

BALANCE_HEADER = ["账单编号", "合同编号", "费用类型", "账期起", "账期止", "开票日", "应缴日", "未付金额"]
BALANCES = [
    BALANCE_HEADER,
    ["OLD-0001", "HT-2024-001", "租金", days(-100), days(-10), days(-100), days(-95), "18000.00"],
    ["OLD-0002", "HT-2024-001", "物业费", days(-100), days(-10), days(-100), days(-40), "3,600"],
    ["OLD-0003", "HT-2024-002", "水电费", days(-30), days(-1), "", days(-5), "512.30"],
]
DEPOSITS = [
    ["合同编号", "已收保证金", "收取日期"],
    ["HT-2024-001", "21000", days(-400)],
    ["HT-2024-002", "1600", ""],
]


@pytest.fixture
def leases(business_manager):
    import_run("units", as_xlsx(UNITS), by=business_manager, commit=True)
    import_run("tenants", as_csv(TENANTS), by=business_manager, commit=True)
    import_run("leases", as_csv(LEASES), by=business_manager, commit=True)


def _ledger_balances() -> bool:
    totals = JournalLine.objects.aggregate(d=Sum("debit"), c=Sum("credit"))
    return totals["d"] == totals["c"]


def test_opening_balances_issue_the_bills_as_they_were_and_age_them(leases, finance_manager):
    # when
    result = import_run("opening-balances", as_csv(BALANCES, "gbk"), by=finance_manager, commit=True)
    # then
    assert result.batch.created == 3
    bill = Bill.objects.get(number="OLD-0001")
    assert (bill.due_date.isoformat(), bill.total, bill.kind) == (days(-95), Decimal("18000.00"), "regular")
    assert bill_outstanding(bill) == Decimal("18000.00")
    assert Bill.objects.get(number="OLD-0003").kind == "extra"
    row = next(r for r in ageing_rows(today=TODAY) if r["name"] == "上海示例科技有限公司")
    assert (row["over90"], row["d60"]) == (Decimal("18000.00"), Decimal("3600.00"))
    assert account_balance(Account.OPENING_BALANCE) == Decimal("-22112.30")
    assert _ledger_balances()


def test_opening_balances_reimport_changes_nothing_and_a_corrected_file_adds_what_was_missing(
    leases, finance_manager
):
    import_run("opening-balances", as_csv(BALANCES[:3]), by=finance_manager, commit=True)
    again = import_run("opening-balances", as_xlsx(BALANCES[:3]), by=finance_manager, commit=True)
    assert (again.batch.created, again.batch.unchanged) == (0, 2)
    corrected = import_run("opening-balances", as_csv(BALANCES, "utf-8-sig"), by=finance_manager, commit=True)
    assert (corrected.batch.created, corrected.batch.unchanged) == (1, 2)
    assert Bill.objects.count() == 3
    changed = [row[:] for row in BALANCES]
    changed[1][7] = "17000"
    refused = import_run("opening-balances", as_csv(changed), by=finance_manager, commit=False)
    assert [(e["line"], e["column"]) for e in refused.batch.errors] == [(2, "Amount unpaid")]


def test_opening_balances_list_every_error_and_write_nothing(leases, finance_manager):
    bad = [
        BALANCE_HEADER,
        ["X-1", "HT-404", "租金", days(-60), days(-30), "", days(-20), "100"],
        ["X-2", "HT-2024-001", "押金", "2026-02-30", days(-30), "", "", "-5"],
        ["X-3", "HT-2024-001", "租金", days(-60), days(-90), days(-10), days(-20), "0"],
        ["X-4", "HT-2024-001", "租金", days(-60), days(-30), days(5), days(20), "100"],
        ["X-4", "HT-2024-001", "物业费", days(-60), days(-30), "", days(20), "100"],
    ]
    result = import_run("opening-balances", as_csv(bad), by=finance_manager, commit=False)
    cells = {(e["line"], e["column"]) for e in result.batch.errors}
    assert (2, "Lease number") in cells
    assert {(3, "Charge"), (3, "Period from"), (3, "Due date"), (3, "Amount unpaid")} <= cells
    assert {(4, "Period until"), (4, "Due date"), (4, "Amount unpaid")} <= cells
    assert (5, "Issue date") in cells and (6, "Bill number") in cells
    with pytest.raises(ImportRefused):
        import_run("opening-balances", as_csv(bad), by=finance_manager, commit=True)
    assert not Bill.objects.exists() and not JournalLine.objects.exists()


def test_deposits_held_are_a_liability_against_opening_equity(leases, finance_manager):
    result = import_run("deposits", as_csv(DEPOSITS), by=finance_manager, commit=True)
    assert result.batch.created == 2
    account = DepositAccount.objects.get(lease__number="HT-2024-001")
    assert account.held == Decimal("21000.00")
    assert account_balance(Account.DEPOSITS_HELD, tenant_id=account.tenant_id) == Decimal("-21000.00")
    again = import_run("deposits", as_xlsx(DEPOSITS), by=finance_manager, commit=True)
    assert again.batch.unchanged == 2
    corrected = [row[:] for row in DEPOSITS]
    corrected[1][1] = "24000"
    result = import_run("deposits", as_csv(corrected), by=finance_manager, commit=True)
    assert (result.batch.updated, result.batch.unchanged) == (1, 1)
    account.refresh_from_db()
    assert account.held == Decimal("24000.00")
    lower = [row[:] for row in DEPOSITS]
    lower[1][1] = "100"
    assert import_run("deposits", as_csv(lower), by=finance_manager, commit=False).batch.errors
    assert _ledger_balances()


def test_the_ledger_with_opening_entries_passes_bean_check(leases, finance_manager, tmp_path):
    import_run("opening-balances", as_csv(BALANCES), by=finance_manager, commit=True)
    import_run("deposits", as_csv(DEPOSITS), by=finance_manager, commit=True)
    path = Path(tmp_path) / "ledger.beancount"
    path.write_text("".join(ledger_beancount(start=date(2020, 1, 1), end=TODAY)), encoding="utf-8")
    assert "Equity:OpeningBalances" in path.read_text(encoding="utf-8")
    bean_check = Path(sys.executable).parent / "bean-check"
    result = subprocess.run([str(bean_check), str(path)], capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stdout + result.stderr


def test_money_kinds_are_finance_s(business_manager, front_desk):
    from documents.errors import DomainError

    for user in (business_manager, front_desk):
        with pytest.raises(DomainError):
            import_run("opening-balances", as_csv(BALANCES), by=user, commit=False)
