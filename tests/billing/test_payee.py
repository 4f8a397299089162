"""Payee details: finance keeps the accounts tenants pay into; bills and dunning letters print the account
of the bill's building (with the QR image when there is one) and the amount in capital numerals."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from billing.models import PayeeAccount, PayeeAccountBuilding
from billing.selectors import payee_for_bill, payee_for_tenant
from billing.services.arrears import dunning_letter_send
from billing.services.documents import bill_render, receipt_render
from billing.services.payee import PayeeInput, payee_account_save
from documents.models import Document
from documents.money import capital_yuan
from documents.storage import document_storage
from tests.language import pdf_text
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 (the document_root fixture)

from .factories import active_lease, issued_bill, pay

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 120), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def bill(db):
    return issued_bill(active_lease())


@pytest.fixture
def account(bill, finance_manager, document_root):
    """The bill's building's account, with a QR image, asking tenants to quote the bill number."""
    return payee_account_save(
        account=None,
        data=PayeeInput(
            label="ICBC main",
            account_name="上海示例物业管理有限公司",
            bank="中国工商银行上海分行",
            account_number="1001 2345 6789 0123",
            reference=PayeeAccount.Reference.BILL,
            buildings=[bill.building],
            qr=SimpleUploadedFile("qr.png", _png()),
        ),
        by=finance_manager,
    )


def _flat(text: str) -> str:
    return "".join(text.split())


def _image_sizes(document) -> list[tuple[int, int]]:
    with document_storage().open(document.file_path, "rb") as handle:
        pages = PdfReader(io.BytesIO(handle.read())).pages
        return [image.image.size for page in pages for image in page.images]


def test_the_bill_pdf_says_where_to_pay_and_the_total_in_capital_numerals(bill, account, finance_manager):
    # when
    document = bill_render(bill=bill, by=finance_manager)
    text = _flat(pdf_text(document))
    # then
    assert _flat("上海示例物业管理有限公司") in text and _flat("中国工商银行上海分行") in text
    assert _flat("1001 2345 6789 0123") in text
    assert bill.number in text
    assert capital_yuan(bill.total) in text
    assert f"¥{bill.total:,.2f}" in text
    assert (120, 120) in _image_sizes(document)  # the QR image


def test_the_dunning_letter_says_where_to_pay(bill, account, finance_manager):
    letter = dunning_letter_send(bill=bill, kind="reminder", suspends=False, today=date(2026, 4, 1))
    text = _flat(pdf_text(Document.objects.get(pk=letter.document_id)))
    assert _flat("1001 2345 6789 0123") in text and _flat("中国工商银行上海分行") in text


def test_a_bill_of_a_building_without_an_account_prints_no_payee_block(bill, finance_manager, document_root):
    text = pdf_text(bill_render(bill=bill, by=finance_manager))
    assert "Where to pay" not in text and payee_for_bill(bill) is None


def test_the_receipt_carries_the_amount_in_capital_numerals(bill, finance_manager, document_root):
    payment = pay(bill.tenant, "1234.50", by=finance_manager)
    text = _flat(pdf_text(receipt_render(payment=payment, by=finance_manager)))
    assert "人民币壹仟贰佰叁拾肆元伍角整" in text and "¥1,234.50" in text


def test_the_settlement_statement_carries_refund_and_balance_in_capital_numerals():
    context = {
        "settlement": {"owed": Decimal("100"), "deposit": Decimal("1334.50"), "applied": Decimal("100"),
                       "refund_due": Decimal("1234.50"), "balance_due": Decimal("10000")},
        "lease": {"number": "L-1", "tenant": {"name": "T"}, "building": {"name": "B"}},
        "preview": {}, "bills": [], "doc": {"number": "ST-1", "title": "x"},
    }  # fmt: skip
    html = render_to_string("documents/forms/billing_settlement.html", context)
    assert "人民币壹仟贰佰叁拾肆元伍角整" in html and "人民币壹万元整" in html and "¥1,234.50" in html


def test_the_portal_selector_gives_the_tenants_building_account(bill, account):
    payee = payee_for_tenant(bill.tenant)
    assert payee.account_number == "1001 2345 6789 0123" and payee.reference == ""
    assert payee.qr_data_uri.startswith("data:image/png;base64,")
    assert str(payee.reference_hint)
    assert payee_for_bill(bill).reference == bill.number


def test_a_building_moves_to_the_account_chosen_last(bill, account, finance_manager):
    other = payee_account_save(
        account=None,
        data=PayeeInput(label="CCB", account_name="Y", bank="CCB", account_number="6217",
                        reference=PayeeAccount.Reference.LEASE, buildings=[bill.building]),
        by=finance_manager,
    )  # fmt: skip
    assert PayeeAccountBuilding.objects.get(building=bill.building).account == other
    assert payee_for_bill(bill).reference == bill.lease.number


def test_only_finance_keeps_payee_accounts(bill, general_manager):
    with pytest.raises(PermissionDenied):
        payee_account_save(
            account=None,
            data=PayeeInput(label="x", account_name="x", bank="x", account_number="1", reference="bill",
                            buildings=[]),
            by=general_manager,
        )  # fmt: skip
    assert not PayeeAccount.objects.exists()


def _form(bill, **overrides):
    data = {"label": "ICBC", "account_name": "Mgmt Co", "bank": "ICBC", "account_number": "6222 0210",
            "reference": "bill", "buildings": [str(bill.building_id)]}  # fmt: skip
    return {**data, **overrides}


def test_an_account_number_with_letters_is_refused_at_the_field(client, finance_manager, bill):
    client.force_login(finance_manager)
    page = client.post(reverse("billing:payee-create"), _form(bill, account_number="6222 O210"))
    assert page.status_code == 200 and page.context["form"].errors["account_number"]
    assert 'value="Mgmt Co"' in page.content.decode()  # nothing typed is lost
    assert not PayeeAccount.objects.exists()


def test_a_pdf_is_refused_as_the_qr_image(client, finance_manager, bill, document_root):
    client.force_login(finance_manager)
    qr = SimpleUploadedFile("qr.pdf", b"%PDF-1.4\n%fake\n")
    page = client.post(reverse("billing:payee-create"), {**_form(bill), "qr": qr})
    assert page.context["form"].errors["qr"]
    assert not PayeeAccount.objects.exists()


def test_finance_saves_an_account_on_the_page(client, finance_manager, bill, document_root):
    client.force_login(finance_manager)
    qr = SimpleUploadedFile("qr.png", _png())
    response = client.post(
        reverse("billing:payee-create"), {**_form(bill, account_number="6222  0210 "), "qr": qr}
    )
    assert response.status_code == 302
    account = PayeeAccount.objects.get()
    assert account.account_number == "6222 0210" and account.qr_content_type == "image/png"
    assert list(account.buildings.all()) == [bill.building]
    listing = client.get(reverse("billing:payee-list")).content.decode()
    assert "6222 0210" in listing


@pytest.mark.parametrize("role", ["general_manager", "front_desk", "business_manager"])
def test_other_roles_may_not_open_the_payee_pages(client, request, role, bill):
    account = PayeeAccount.objects.create(label="A", account_name="X", bank="B", account_number="1")
    client.force_login(request.getfixturevalue(role))
    for url in (reverse("billing:payee-list"), reverse("billing:payee-edit", args=[account.pk])):
        assert client.get(url).status_code == 403
