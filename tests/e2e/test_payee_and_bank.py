"""Browser: finance sets the building's payee account (with a QR image) and its bank's statement layout,
imports that bank's GBK statement and records the payment suggested for the bill."""

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from billing.models import PayeeAccount, Payment
from tests.billing.factories import active_lease, issued_bill
from tests.factories import UserFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _statement(bill_number: str) -> bytes:
    lines = [
        "中国工商银行账户明细",
        "交易日期,流水号,摘要,借方发生额,贷方发生额,对方户名",
        f'2026/03/04,SN7001,房租 {bill_number},,"1,000.00",上海甲公司',
        "2026/03/05,SN7002,手续费,12.00,,工商银行",
    ]
    return "\r\n".join(lines).encode("gbk")


def test_finance_sets_the_payee_and_layout_then_imports_a_gbk_statement(
    page: Page, live_server, login, document_root, tmp_path
):
    # given: an issued bill of a building without a payee account, and a finance clerk
    bill = issued_bill(active_lease())
    UserFactory(username="finance", roles=["finance"])
    qr = tmp_path / "qr.png"
    Image.new("RGB", (160, 160), "white").save(qr)
    login("finance")
    # when: finance creates the account for the bill's building
    page.goto(f"{live_server.url}/billing/payees/")
    expect(page.get_by_test_id("payee-missing")).to_contain_text(bill.building.name)
    page.get_by_test_id("payee-new").click()
    page.get_by_label("显示名称").fill("工行基本户")
    page.get_by_label("户名").fill("上海示例物业管理有限公司")
    page.get_by_label("开户行").fill("中国工商银行上海分行")
    page.get_by_label("账号").fill("1001 2345 6789 0123")
    page.get_by_label(str(bill.building)).check()
    page.locator("input[type=file][name=qr]").set_input_files(str(qr))
    page.get_by_test_id("submit").click()
    # then
    account = PayeeAccount.objects.get()
    expect(page.get_by_test_id(f"payee-{account.pk}")).to_contain_text("1001 2345 6789 0123")
    # when: finance sets the bank's statement layout once
    page.goto(f"{live_server.url}/billing/payees/{account.pk}/layout/")
    page.get_by_label("表头上方行数").fill("1")
    page.get_by_label("日期列").fill("交易日期")
    page.get_by_label("日期格式").select_option("%Y/%m/%d")
    page.get_by_label("贷方（收入）列").fill("贷方发生额")
    page.get_by_label("借方（支出）列").fill("借方发生额")
    page.get_by_label("付款人列").fill("对方户名")
    page.get_by_label("附言列").fill("摘要")
    page.get_by_label("流水号列").fill("流水号")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id(f"payee-{account.pk}")).to_contain_text("已设定")
    # and imports the bank's GBK statement for that account
    statement = tmp_path / "icbc.csv"
    statement.write_bytes(_statement(bill.number))
    page.goto(f"{live_server.url}/billing/payments/bank/")
    page.get_by_label("银行账户").select_option(label="工行基本户")
    page.locator("input[type=file][name=file]").set_input_files(str(statement))
    page.get_by_test_id("bank-read").click()
    # then: the credit is suggested against the bill, the fee going out is left out
    expect(page.get_by_test_id("bank-suggestions")).to_contain_text("¥1,000.00")
    expect(page.get_by_test_id("bank-suggestions")).not_to_contain_text("手续费")
    page.get_by_test_id("bank-confirm").click()
    payment = Payment.objects.get()
    assert (payment.amount, payment.payer, payment.method) == (1000, "上海甲公司", "transfer")
    assert payment.allocations.get().bill == bill
