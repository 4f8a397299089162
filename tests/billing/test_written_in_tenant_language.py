"""Issue 22: billing's bills, receipts and letters are written in the tenant's language (Chinese unless set),
not in the language of the clerk who issues them."""

import pytest
from django.utils import translation

from billing.services.documents import bill_send, receipt_render
from documents.models import Document, Notice
from tests.language import clerk_reading_english, pdf_text, set_language
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 (the document_root fixture)

from .factories import MARCH, active_lease, issued_bill, pay

pytestmark = pytest.mark.django_db


def test_a_bill_sent_by_a_clerk_reading_english_is_chinese_for_a_chinese_tenant(
    document_root, finance_manager
):
    # given: a tenant reading Simplified Chinese (the default), a clerk reading English
    bill = issued_bill(active_lease())
    # when
    with clerk_reading_english():
        bill_send(bill_id=bill.pk, by=finance_manager)
    # then: the form's title, the notice's subject and text are Chinese
    document = Document.objects.get(number=bill.number)
    assert document.title == f"缴费通知单 {bill.number}"
    notice = Notice.objects.get(attachment=document)
    assert notice.subject == f"缴费通知单 {bill.number}"
    assert notice.body.startswith(f"您的缴费通知单 {bill.number}")
    assert "第 1 页" in pdf_text(document)


def test_a_bill_sent_by_a_clerk_reading_chinese_is_english_for_an_english_tenant(
    document_root, finance_manager
):
    # given
    bill = issued_bill(active_lease())
    set_language(bill.tenant, "en")
    # when: the clerk's request is in Chinese
    with translation.override("zh-hans"):
        bill_send(bill_id=bill.pk, by=finance_manager)
    # then
    document = Document.objects.get(number=bill.number)
    notice = Notice.objects.get(attachment=document)
    assert document.title == notice.subject == f"Bill {bill.number}"
    assert notice.body.startswith(f"Your bill {bill.number}")
    assert "Page 1 of" in pdf_text(document)


@pytest.mark.parametrize(("language", "method"), [("zh-hans", "银行转账"), ("en", "Bank transfer")])
def test_the_receipt_names_the_payment_method_in_the_tenants_language(
    document_root, finance_manager, language, method
):
    # given
    lease = active_lease()
    set_language(lease.tenant, language)
    payment = pay(lease.tenant, "100.00", by=finance_manager, on=MARCH)
    # when: a cashier reading English prints the receipt
    with clerk_reading_english():
        document = receipt_render(payment=payment, by=finance_manager)
    # then
    assert method in pdf_text(document)
    assert document.title == (
        f"收款收据 {payment.number}" if language == "zh-hans" else f"Receipt {payment.number}"
    )
