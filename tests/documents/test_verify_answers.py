"""Verification: a wrong or tampered code gets a friendly page; staff compare a PDF byte for byte."""

import uuid

from django.urls import reverse
from django.utils import translation

from tests.documents.factories import PDF_BYTES, PNG_BYTES, DocumentFactory, upload


def _url(token):
    return reverse("documents:verify", args=[token])


def _get(client, url):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        return client.get(url)


def test_an_unknown_code_gets_a_friendly_404_page(client, db):
    # when
    response = _get(client, _url(uuid.uuid4()))
    # then
    assert response.status_code == 404
    page = response.content.decode()
    assert 'data-testid="verify-unknown"' in page
    assert "No document has this verification code." in page


def test_a_tampered_code_gets_the_same_friendly_page(client, tenant):
    # given: a real code with characters cut and changed
    token = str(DocumentFactory(tenant=tenant).verify_token)
    for tampered in (token[:-3], token.replace("-", "")[:20] + "zz", "../../etc/passwd".replace("/", "_")):
        # when
        response = _get(client, _url(tampered))
        # then
        assert response.status_code == 404
        assert 'data-testid="verify-unknown"' in response.content.decode()


def test_the_page_shows_no_personal_data_even_for_a_named_title(client, tenant):
    # given: a title that carries the tenant's and a person's name
    document = DocumentFactory(tenant=tenant, title=f"{tenant.name} 法定代表人王建国身份证")
    # when
    page = _get(client, _url(document.verify_token)).content.decode()
    # then
    assert document.number in page
    for secret in (tenant.name, "王建国", tenant.credit_code, document.title):
        assert secret not in page


def test_anonymous_visitors_get_no_comparison_form(client, tenant):
    page = _get(client, _url(DocumentFactory(tenant=tenant).verify_token)).content.decode()
    assert 'data-testid="verify-compare"' not in page


def test_staff_learn_that_an_identical_pdf_is_the_archived_one(client, front_desk, tenant):
    # given
    document = DocumentFactory(tenant=tenant)
    client.force_login(front_desk)
    # when
    response = client.post(_url(document.verify_token), {"file": upload("copy.pdf", PDF_BYTES)})
    # then
    assert response.status_code == 200
    assert 'data-testid="compare-same"' in response.content.decode()


def test_staff_learn_that_a_changed_pdf_is_not_the_archived_one(client, front_desk, tenant):
    # given: one byte differs
    document = DocumentFactory(tenant=tenant)
    changed = bytearray(PDF_BYTES)
    changed[-3] ^= 0x01
    client.force_login(front_desk)
    # when
    page = client.post(_url(document.verify_token), {"file": upload("copy.pdf", bytes(changed))}).content
    # then
    assert b'data-testid="compare-different"' in page
    assert b'data-testid="compare-same"' not in page


def test_a_non_pdf_upload_gets_a_message_at_the_field(client, front_desk, tenant):
    # given
    document = DocumentFactory(tenant=tenant)
    client.force_login(front_desk)
    client.cookies["django_language"] = "en"
    # when
    with translation.override("en"):
        response = client.post(
            _url(document.verify_token), {"file": upload("copy.pdf", PNG_BYTES, "application/pdf")}
        )
    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert "This file is not a PDF." in page
    assert 'id="error_1_id_file"' in page or "invalid-feedback" in page
    assert 'data-testid="compare-same"' not in page and 'data-testid="compare-different"' not in page


def test_a_removed_document_says_so(client, tenant):
    document = DocumentFactory(tenant=tenant, removed_at="2026-11-30T10:00:00+08:00")
    page = _get(client, _url(document.verify_token)).content.decode()
    assert 'data-testid="verify-removed"' in page and 'data-testid="verify-intact"' not in page
