"""Journal vouchers: one per entry, balanced, under finance's account codes; the mapping page, its roles."""

import csv
import io
from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.urls import reverse
from openpyxl import load_workbook

from billing.models import Account, JournalEntry, JournalLine, VoucherAccount
from billing.services.bills import credit_note_issue
from billing.services.deposits import deposit_receive
from billing.services.vouchers import voucher_accounts_save
from billing.vouchers import DEFAULT_ACCOUNTS, account_mapping, voucher_lines, vouchers_csv
from documents.errors import DomainError
from tenancy.roles import Role
from tests.billing.factories import MARCH, active_lease, issued_bill, pay

RANGE = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}


@pytest.fixture
def ledger(db, finance_manager):
    lease = active_lease()
    bill = issued_bill(lease)
    pay(lease.tenant, "100", by=finance_manager)
    credit_note_issue(bill=bill, amount=Decimal("10"), reason="x", by=finance_manager, today=MARCH)
    deposit_receive(lease=lease, amount=Decimal("300"), method="cash", on=MARCH, by=finance_manager)
    return bill


def _csv_rows(**filters) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO("".join(vouchers_csv(**filters)))))
    return rows[1:]


def test_every_voucher_balances_and_there_is_one_per_entry(ledger):
    # given / when
    rows = _csv_rows(**RANGE, building_id=None)
    # then
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for row in rows:
        sums[row[0]][0] += Decimal(row[6])
        sums[row[0]][1] += Decimal(row[7])
    assert len(sums) == JournalEntry.objects.filter(date__range=(RANGE["start"], RANGE["end"])).count()
    assert all(debit == credit > 0 for debit, credit in sums.values())


def test_voucher_totals_equal_the_ledger(ledger):
    lines = list(voucher_lines(**RANGE))
    totals = JournalLine.objects.filter(entry__date__range=(RANGE["start"], RANGE["end"])).aggregate(
        d=Sum("debit"), c=Sum("credit")
    )
    assert sum(line.debit for line in lines) == totals["d"]
    assert sum(line.credit for line in lines) == totals["c"]
    assert len(lines) == JournalLine.objects.count()


def test_vouchers_are_numbered_within_their_month_from_its_first_day(ledger):
    whole = {line.number for line in voucher_lines(**RANGE)}
    assert all(number.startswith("记-202603-") for number in whole)
    later = {line.number for line in voucher_lines(start=date(2026, 3, 2), end=RANGE["end"])}
    # A later start drops the earlier entries but renumbers none of the rest.
    assert later <= whole


def test_default_codes_are_used_until_finance_maps_an_account(ledger, finance_manager):
    receivable = DEFAULT_ACCOUNTS[Account.RECEIVABLE]
    assert any((r[3], r[4]) == receivable for r in _csv_rows(**RANGE))
    # when
    voucher_accounts_save(mapping={Account.RECEIVABLE: ("112201", "应收账款-租户")}, by=finance_manager)
    # then
    rows = _csv_rows(**RANGE)
    assert any((r[3], r[4]) == ("112201", "应收账款-租户") for r in rows)
    assert not any(r[3] == receivable[0] for r in rows)


def test_mapping_save_refuses_a_code_with_letters_and_changes_nothing(db, finance_manager):
    with pytest.raises(DomainError) as error:
        voucher_accounts_save(
            mapping={Account.BANK: ("100201", "银行存款-工行"), Account.CASH: ("10A1", "现金")},
            by=finance_manager,
        )
    assert error.value.field == f"code_{Account.CASH}"
    assert not VoucherAccount.objects.exists()


def test_only_finance_may_change_the_mapping(db, general_manager):
    with pytest.raises(PermissionDenied):
        voucher_accounts_save(mapping={Account.BANK: ("100201", "银行存款-工行")}, by=general_manager)
    assert not VoucherAccount.objects.exists()


def _form(mapping=None) -> dict[str, str]:
    data = {}
    for account, (code, name) in {**account_mapping(), **(mapping or {})}.items():
        data[f"code_{account}"] = code
        data[f"name_{account}"] = name
    return data


def test_mapping_page_saves_and_the_export_follows(client, finance_manager, ledger):
    client.force_login(finance_manager)
    response = client.post(
        reverse("billing:voucher-accounts"), _form({Account.DEPOSITS_HELD: ("224101", "押金-租户")})
    )
    assert response.status_code == 302
    exported = client.get(
        reverse("billing:voucher-export"), {"start": "2026-01-01", "end": "2026-12-31", "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(exported.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert any(r[3] == "224101" and r[4] == "押金-租户" for r in rows)
    assert all(isinstance(r[6], (int, float)) and isinstance(r[7], (int, float)) for r in rows)


def test_mapping_page_shows_a_bad_code_at_its_field_and_keeps_what_was_typed(client, finance_manager, db):
    client.force_login(finance_manager)
    response = client.post(
        reverse("billing:voucher-accounts"), _form({Account.BANK: ("1002X", "银行存款-招行")})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "An account code is 4 to 20 digits" in page
    assert 'value="1002X"' in page and "银行存款-招行" in page
    assert not VoucherAccount.objects.exists()


def test_management_reads_the_mapping_but_cannot_post_it(client, general_manager, db):
    client.force_login(general_manager)
    assert client.get(reverse("billing:voucher-accounts")).status_code == 200
    response = client.post(reverse("billing:voucher-accounts"), _form({Account.BANK: ("100201", "x")}))
    assert response.status_code == 200
    assert not VoucherAccount.objects.exists()


@pytest.mark.parametrize(
    "role", [Role.FRONT_DESK, Role.BUSINESS, Role.LEGAL, Role.ENGINEERING, Role.SECURITY]
)
def test_other_roles_get_403(client, staff_by_role, role):
    client.force_login(staff_by_role[role])
    assert client.get(reverse("billing:voucher-accounts")).status_code == 403
    assert client.get(reverse("billing:voucher-export"), {"format": "csv"}).status_code == 403


def test_export_with_the_end_before_the_start_shows_the_message(client, finance_manager, db):
    client.force_login(finance_manager)
    response = client.get(
        reverse("billing:voucher-export"), {"start": "2026-03-01", "end": "2026-02-01", "format": "csv"}
    )
    assert response.status_code == 200
    assert "The end comes before the start." in response.content.decode()
