"""Finance opens the papers it produces for a tenant whose dossier is archived (the settlement statement, the
final bills, receipts); roles without the archive right other than finance still do not."""

import pytest
from django.urls import reverse

from billing.document_kinds import SETTLEMENT_STATEMENT
from billing.models import Payment
from documents.kinds import OTHER
from documents.models import Document
from tests.documents.factories import DocumentFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture
from tests.links_world import settled_and_archived

pytestmark = pytest.mark.django_db


def test_finance_downloads_the_settlement_statement_of_an_archived_tenant(
    client, finance_manager, document_root
):
    # given: the lease is settled and the tenant's dossier archived at move-out
    settlement = settled_and_archived(finance_manager)
    client.force_login(finance_manager)
    # when
    response = client.get(reverse("documents:download", args=[settlement.document_id]))
    # then
    assert response.status_code == 200
    assert Document.objects.get(pk=settlement.document_id).kind == SETTLEMENT_STATEMENT


def test_finance_opens_an_archived_tenants_bill_and_receipt(client, finance_manager, document_root):
    # given
    settlement = settled_and_archived(finance_manager)
    bill = settlement.lease.bills.first()
    payment = Payment.objects.filter(tenant=settlement.lease.tenant).first()
    client.force_login(finance_manager)
    # when
    pdf = client.post(reverse("billing:bill-pdf", args=[bill.pk]), follow=True)
    receipt = client.post(reverse("billing:receipt-pdf", args=[payment.pk]), follow=True)
    # then
    assert pdf.status_code == 200 and pdf.redirect_chain
    assert receipt.status_code == 200 and receipt.redirect_chain


def test_finance_still_does_not_open_the_archived_tenants_other_papers(
    client, finance_manager, business_manager, document_root
):
    # given
    settlement = settled_and_archived(finance_manager)
    letter = DocumentFactory(tenant=settlement.lease.tenant, kind=OTHER)
    # when / then: the grant covers finance's closing papers only, and finance only
    client.force_login(finance_manager)
    assert client.get(reverse("documents:download", args=[letter.pk])).status_code == 404
    client.force_login(business_manager)
    assert client.get(reverse("documents:download", args=[settlement.document_id])).status_code == 404
