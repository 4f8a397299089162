"""The portal serves a tenant its documents only by an unguessable token, starting from the logged-in tenant,
and only what is meant for it: internal documents of its own tenant, other tenants' documents, removed ones
and those waiting for their removal answer 404."""

import hashlib
import io
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from billing.document_kinds import DUNNING_LETTER
from documents.kinds import OTHER
from documents.models import Document, DownloadRecord
from tenancy.document_kinds import TENANT_CARD
from tests.billing.factories import active_lease, issued_bill
from tests.documents.factories import PDF_BYTES, DocumentFactory

pytestmark = pytest.mark.django_db


def _portal_download(client, user, document):
    client.force_login(user)
    return client.get(reverse("portal:document-download", args=[document.download_token]))


def test_a_tenant_downloads_its_bill_pdf_through_the_portal(client, tenant, tenant_user):
    # given: an issued bill of the tenant
    bill = issued_bill(active_lease(tenant=tenant))
    client.force_login(tenant_user)
    # when: the bill's PDF is printed through the portal
    response = client.post(reverse("portal:bill-pdf", args=[bill.pk]), follow=True)
    # then: it lands on the portal download by token, never on the sequential staff download
    bill.refresh_from_db()
    document = Document.objects.get(pk=bill.document_id)
    assert response.redirect_chain == [
        (reverse("portal:document-download", args=[document.download_token]), 302)
    ]
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert hashlib.sha256(content).hexdigest() == document.sha256
    assert document.number in PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert document.visible_to_tenant


def test_a_tenant_downloads_a_document_meant_for_it(client, tenant, tenant_user):
    document = DocumentFactory(tenant=tenant, visible_to_tenant=True)
    response = _portal_download(client, tenant_user, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "internal",
    [
        {"kind": DUNNING_LETTER, "visible_to_tenant": False},  # a recommendation to terminate
        {"kind": OTHER, "visible_to_tenant": False},  # a staff upload nobody marked
        {"kind": TENANT_CARD, "visible_to_tenant": False},
    ],
)
def test_an_internal_document_of_the_tenants_own_is_404(client, tenant, tenant_user, internal):
    # given
    document = DocumentFactory(tenant=tenant, **internal)
    # when
    response = _portal_download(client, tenant_user, document)
    # then
    assert response.status_code == 404


def test_another_tenants_document_is_404(client, tenant, other_tenant_user):
    document = DocumentFactory(tenant=tenant, visible_to_tenant=True)
    assert _portal_download(client, other_tenant_user, document).status_code == 404


def test_a_document_of_no_tenant_is_404(client, tenant_user):
    document = DocumentFactory(tenant=None, visible_to_tenant=True)
    assert _portal_download(client, tenant_user, document).status_code == 404


@pytest.mark.parametrize("state", ["removed_at", "quarantined_at"])
def test_a_removed_or_quarantined_document_is_404(client, tenant, tenant_user, state):
    document = DocumentFactory(tenant=tenant, visible_to_tenant=True, **{state: timezone.now()})
    assert _portal_download(client, tenant_user, document).status_code == 404


def test_the_public_verification_token_does_not_download(client, tenant, tenant_user):
    # given: the token printed on the PDF's QR code is public; it is not the download token
    document = DocumentFactory(tenant=tenant, visible_to_tenant=True)
    client.force_login(tenant_user)
    # when
    response = client.get(reverse("portal:document-download", args=[document.verify_token]))
    # then
    assert document.verify_token != document.download_token
    assert response.status_code == 404


def test_an_unknown_token_is_404(client, tenant_user):
    client.force_login(tenant_user)
    assert client.get(reverse("portal:document-download", args=[uuid.uuid4()])).status_code == 404


def test_staff_have_no_portal_download(client, front_desk, tenant):
    document = DocumentFactory(tenant=tenant, visible_to_tenant=True)
    assert _portal_download(client, front_desk, document).status_code == 404


def test_anonymous_visitors_are_sent_to_the_portal_login(client, tenant):
    document = DocumentFactory(tenant=tenant, visible_to_tenant=True)
    response = client.get(reverse("portal:document-download", args=[document.download_token]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))


def test_a_confidential_download_in_the_portal_is_recorded(client, tenant, tenant_user):
    # given: the tenant's own licence scan, which it uploaded itself
    document = DocumentFactory(tenant=tenant, visible_to_tenant=True, confidential=True)
    # when
    response = _portal_download(client, tenant_user, document)
    # then
    assert response.status_code == 200
    assert DownloadRecord.objects.filter(document=document, user=tenant_user).count() == 1
