"""The public verification page: no login, shows kind, number, date and whether the stored file is intact."""

import uuid

from django.urls import reverse
from django.utils import translation

from tests.documents.factories import DocumentFactory


def _verify(client, document):
    with translation.override("en"):
        return client.get(
            reverse("documents:verify", args=[document.verify_token]), HTTP_ACCEPT_LANGUAGE="en"
        )


def test_verify_shows_an_intact_document_without_login(client, tenant):
    # given
    document = DocumentFactory(tenant=tenant, title="租户信息卡 上海示例")
    # when
    response = _verify(client, document)
    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="verify-intact"' in page
    assert 'data-testid="verify-tampered"' not in page
    assert document.number in page
    assert document.get_kind_display() in page


def test_verify_shows_no_personal_data(client, tenant):
    # given
    document = DocumentFactory(tenant=tenant, title="张三的身份证", original_filename="zhangsan-id.pdf")
    # when
    page = _verify(client, document).content.decode()
    # then
    for secret in (
        tenant.name,
        tenant.credit_code,
        tenant.email,
        "张三",
        "zhangsan",
        document.file_path,
        document.sha256,
    ):
        assert secret not in page


def test_verify_reports_a_tampered_file(client, tenant, stored_files):
    # given: one byte of the stored file changed
    document = DocumentFactory(tenant=tenant)
    stored_files.flip_a_byte(document.file_path, at=10)
    # when
    page = _verify(client, document).content.decode()
    # then
    assert 'data-testid="verify-tampered"' in page
    assert 'data-testid="verify-intact"' not in page


def test_verify_reports_a_missing_file_as_not_intact(client, tenant, stored_files):
    document = DocumentFactory(tenant=tenant)
    stored_files.delete(document.file_path)
    assert 'data-testid="verify-tampered"' in _verify(client, document).content.decode()


def test_verify_of_an_unknown_token_is_404(client, db):
    assert client.get(reverse("documents:verify", args=[uuid.uuid4()])).status_code == 404


def test_verify_is_open_to_portal_users_and_staff(client, tenant, tenant_user, front_desk):
    document = DocumentFactory(tenant=tenant)
    for user in (tenant_user, front_desk):
        client.force_login(user)
        assert _verify(client, document).status_code == 200


def test_verify_is_not_cached(client, tenant):
    response = _verify(client, DocumentFactory(tenant=tenant))
    assert "no-store" in response["Cache-Control"]
