"""A bill's or a receipt's PDF is printed by a POST: following its link (a GET) before it is printed offers
to print it and stores nothing; printing keeps it, and every later GET opens the same file."""

from django.urls import reverse

from billing.models import Bill
from documents.models import Document
from tests.billing.factories import MARCH, active_lease, issued_bill, pay
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture


def test_the_bill_pdf_link_offers_to_print_and_stores_nothing(client, finance_manager, document_root):
    # given: an issued bill whose PDF was never printed
    bill = issued_bill(active_lease())
    client.force_login(finance_manager)
    url = reverse("billing:bill-pdf", args=[bill.pk])
    # when
    page = client.get(url)
    # then
    assert page.status_code == 200 and 'data-testid="print-pdf"' in page.content.decode()
    assert Bill.objects.get(pk=bill.pk).document_id is None
    assert not Document.objects.exists()


def test_printing_keeps_the_pdf_and_a_later_get_opens_it(client, finance_manager, document_root):
    # given
    bill = issued_bill(active_lease())
    client.force_login(finance_manager)
    url = reverse("billing:bill-pdf", args=[bill.pk])
    # when
    printed = client.post(url)
    opened = client.get(url)
    # then
    document = Document.objects.get(pk=Bill.objects.get(pk=bill.pk).document_id)
    assert printed.url == opened.url == reverse("documents:download", args=[document.pk])
    assert Document.objects.count() == 1


def test_the_tenant_prints_a_receipt_in_the_portal_once(
    client, tenant, tenant_user, finance_manager, document_root
):
    # given: a payment of the tenant
    bill = issued_bill(active_lease(tenant=tenant))
    payment = pay(tenant, bill.total, by=finance_manager, on=MARCH)
    client.force_login(tenant_user)
    url = reverse("portal:receipt-pdf", args=[payment.pk])
    # when
    offered = client.get(url)
    client.post(url)
    client.post(url)
    opened = client.get(url)
    # then
    payment.refresh_from_db()
    document = Document.objects.get(pk=payment.document_id)
    assert offered.status_code == 200 and 'data-testid="print-pdf"' in offered.content.decode()
    assert opened.url == reverse("portal:document-download", args=[document.download_token])
    assert Document.objects.filter(kind="receipt").count() == 1
