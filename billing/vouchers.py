"""Journal vouchers (记账凭证) for finance's accounting package: one voucher per journal entry, its lines
under the account codes and names of the chart-of-accounts mapping finance keeps (``VoucherAccount``), in CSV
and XLSX.

A voucher is numbered 记-YYYYMM-NNNN within its month (entries in date and posting order, counted from the
first of the month whatever day the export starts on, so a number stays the same in every export with the
same building filter). Every voucher balances, because every entry does (the ledger's triggers refuse one
that does not).
"""

import csv
import io
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from leasing.leases.exports import safe_text

from .models import Account, JournalEntry, JournalLine, VoucherAccount

# Finance's defaults, from the Chinese chart of accounts (企业会计准则 account codes).
DEFAULT_ACCOUNTS: dict[str, tuple[str, str]] = {
    Account.CASH: ("1001", "库存现金"),
    Account.BANK: ("1002", "银行存款"),
    Account.RECEIVABLE: ("1122", "应收账款"),
    Account.DEPOSITS_HELD: ("2241", "其他应付款-押金"),
    # The other side of the balances brought in on day one (建账): retained earnings.
    Account.OPENING_BALANCE: ("4104", "利润分配-未分配利润"),
    Account.RENT_INCOME: ("600101", "主营业务收入-租金"),
    Account.FEE_INCOME: ("600102", "主营业务收入-物业管理费"),
    Account.UTILITY_INCOME: ("6051", "其他业务收入-水电费"),
    Account.LATE_FEE_INCOME: ("6301", "营业外收入-滞纳金"),
    Account.OTHER_INCOME: ("605102", "其他业务收入-其他"),
}

COLUMNS = (
    pgettext_lazy("voucher", "Voucher number"),
    _("Date"),
    pgettext_lazy("voucher", "Summary"),
    pgettext_lazy("voucher", "Account code"),
    pgettext_lazy("voucher", "Account name"),
    pgettext_lazy("voucher", "Customer"),
    pgettext_lazy("ledger", "Debit"),
    pgettext_lazy("ledger", "Credit"),
)
WORD = "记"


@dataclass(frozen=True)
class VoucherLine:
    number: str
    on: date
    summary: str
    code: str
    name: str
    customer: str
    debit: Decimal
    credit: Decimal


def account_mapping() -> dict[str, tuple[str, str]]:
    """Each ledger account's (code, name) for vouchers: finance's mapping over the defaults."""
    # An account with no default yet (one added to the ledger later) keeps its own code and name until
    # finance maps it.
    mapping = {code: DEFAULT_ACCOUNTS.get(code, (code, str(label))) for code, label in Account.choices}
    for account, code, name in VoucherAccount.objects.values_list("account", "code", "name"):
        mapping[account] = (code, name)
    return mapping


def _entries(start: date, end: date, building_id: int | None) -> Iterator[tuple[int, date, str]]:
    entries = JournalEntry.objects.filter(date__range=(start.replace(day=1), end))
    if building_id:
        entries = entries.filter(building_id=building_id)
    return entries.order_by("date", "pk").values_list("pk", "date", "memo").iterator(chunk_size=5000)


def voucher_numbers(*, start: date, end: date, building_id: int | None = None) -> dict[int, str]:
    """Each entry's voucher number, 记-0001 onwards within its month (from the month's first day)."""
    numbers: dict[int, str] = {}
    month, seq = None, 0
    for pk, on, _memo in _entries(start, end, building_id):
        key = (on.year, on.month)
        seq = 1 if key != month else seq + 1
        month = key
        if on >= start:
            numbers[pk] = f"{WORD}-{on:%Y%m}-{seq:04d}"
    return numbers


def voucher_lines(*, start: date, end: date, building_id: int | None = None) -> Iterator[VoucherLine]:
    """The vouchers' lines in entry order, debits first within a voucher."""
    numbers = voucher_numbers(start=start, end=end, building_id=building_id)
    mapping = account_mapping()
    lines = JournalLine.objects.filter(entry_id__in=list(numbers)).order_by(
        "entry__date", "entry_id", "credit", "pk"
    )
    for entry_id, on, memo, account, customer, dr, cr in lines.values_list(
        "entry_id", "entry__date", "entry__memo", "account", "tenant__name", "debit", "credit"
    ).iterator(chunk_size=5000):
        code, name = mapping.get(account, (account, ""))
        yield VoucherLine(numbers[entry_id], on, memo, code, name, customer or "", dr, cr)


def vouchers_csv(**filters: object) -> Iterator[str]:
    """The vouchers as CSV (UTF-8 with a byte-order mark, which spreadsheet programs need to read Chinese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([str(c) for c in COLUMNS])
    yield "\ufeff" + buffer.getvalue()
    for line in voucher_lines(**filters):  # type: ignore[arg-type]
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(
            [
                line.number,
                line.on.isoformat(),
                safe_text(line.summary),
                line.code,
                safe_text(line.name),
                safe_text(line.customer),
                f"{line.debit:.2f}",
                f"{line.credit:.2f}",
            ]
        )
        yield buffer.getvalue()


MONEY_FORMAT = '"¥"#,##0.00;[Red]-"¥"#,##0.00'


def vouchers_xlsx(**filters: object) -> bytes:
    """The vouchers as XLSX: dates as dates, amounts as numbers in a yuan format, text never a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(_("Vouchers")))
    sheet.append([str(c) for c in COLUMNS])
    for line in voucher_lines(**filters):  # type: ignore[arg-type]
        on = WriteOnlyCell(sheet, value=line.on)
        on.number_format = "yyyy-mm-dd"
        amounts = [WriteOnlyCell(sheet, value=amount) for amount in (line.debit, line.credit)]
        for cell in amounts:
            cell.number_format = MONEY_FORMAT
        text = [safe_text(value) for value in (line.summary, line.code, line.name, line.customer)]
        sheet.append([line.number, on, *text, *amounts])
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        return handle.read()
