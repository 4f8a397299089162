"""The documents tab: the tenant's own documents; confidential ones open only with the permission."""

import pytest
from django.urls import reverse

from tenancy.document_kinds import BUSINESS_LICENCE
from tests.documents.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"


@pytest.fixture
def documents(tenant, other_tenant):
    return {
        "plain": DocumentFactory(tenant=tenant, title="装修图纸"),
        "licence": DocumentFactory(
            tenant=tenant, title="营业执照扫描件", kind=BUSINESS_LICENCE, confidential=True
        ),
        "other": DocumentFactory(tenant=other_tenant, title="别家的合同"),
    }


def _tab(client, user, tenant) -> str:
    client.force_login(user)
    response = client.get(reverse("tenancy:tenant-documents", args=[tenant.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_documents_tab_lists_only_this_tenants_documents(client, engineer, tenant, documents):
    # when
    page = _tab(client, engineer, tenant)
    # then
    assert "装修图纸" in page and "营业执照扫描件" in page and "别家的合同" not in page


def test_confidential_documents_have_no_download_link_without_the_permission(
    client, front_desk, tenant, documents
):
    # when
    page = _tab(client, front_desk, tenant)
    # then
    assert reverse("documents:download", args=[documents["plain"].pk]) in page
    assert reverse("documents:download", args=[documents["licence"].pk]) not in page


def test_management_may_open_confidential_documents(client, general_manager, tenant, documents):
    # when
    page = _tab(client, general_manager, tenant)
    # then
    assert reverse("documents:download", args=[documents["licence"].pk]) in page
