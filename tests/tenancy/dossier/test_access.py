"""Every dossier and archive page: the roles allowed get it, every other role 403, portal users the staff-only
page, anonymous users the login page; an archived dossier only for staff allowed the archive."""

import pytest
from django.urls import reverse

from documents.models import DossierArchive
from tenancy.roles import Role
from tests.documents.factories import PDF_BYTES, DocumentFactory, upload
from tests.factories import TenantFactory

ALL = set(Role.values)
KEEPERS = {Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT}
ARCHIVE = {Role.FRONT_DESK, Role.LEGAL, Role.MANAGEMENT}

PAGES = [
    ("archive:dossier", True, ALL),
    ("archive:expiring", False, {Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT}),
    ("archive:fixity", False, {Role.FRONT_DESK, Role.MANAGEMENT}),
    ("archive:removals", False, {Role.FRONT_DESK, Role.MANAGEMENT}),
    ("archive:downloads", False, {Role.MANAGEMENT}),
]


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return settings.DOCUMENT_ROOT


def _url(name, per_tenant, tenant):
    return reverse(name, args=[tenant.pk] if per_tenant else [])


@pytest.mark.parametrize(("name", "per_tenant", "allowed"), PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("role", Role.values)
def test_archive_pages_open_for_their_roles_only(client, staff_by_role, name, per_tenant, allowed, role):
    # given
    tenant = TenantFactory()
    client.force_login(staff_by_role[role])
    # when
    response = client.get(_url(name, per_tenant, tenant))
    # then
    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize(("name", "per_tenant", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_archive_pages_refuse_portal_users(client, tenant, tenant_user, name, per_tenant, allowed):
    client.force_login(tenant_user)
    response = client.get(_url(name, per_tenant, tenant))
    assert response.status_code == 403
    assert "403_staff_only.html" in [t.name for t in response.templates]


@pytest.mark.parametrize(("name", "per_tenant", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_archive_pages_send_anonymous_users_to_login(client, tenant, name, per_tenant, allowed):
    response = client.get(_url(name, per_tenant, tenant))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", Role.values)
def test_an_archived_dossier_opens_only_with_the_archive_right(client, staff_by_role, tenant, role):
    # given
    DossierArchive.objects.create(tenant=tenant, archived_at="2026-11-30T10:00:00+08:00")
    client.force_login(staff_by_role[role])
    # when
    response = client.get(reverse("archive:dossier", args=[tenant.pk]))
    # then
    assert response.status_code == (200 if role in ARCHIVE else 403)


@pytest.mark.parametrize("role", Role.values)
def test_dossier_upload_is_for_the_keepers_only(client, staff_by_role, tenant, role):
    # given
    client.force_login(staff_by_role[role])
    # when
    response = client.post(
        reverse("archive:dossier-upload", args=[tenant.pk]),
        {"kind": "management_agreement", "title": "管理协议", "file": upload("a.pdf", PDF_BYTES)},
    )
    # then
    assert response.status_code == (302 if role in KEEPERS else 403)
    assert tenant.documents.count() == (1 if role in KEEPERS else 0)


def test_dossier_upload_refuses_portal_users(client, tenant, tenant_user):
    client.force_login(tenant_user)
    response = client.post(
        reverse("archive:dossier-upload", args=[tenant.pk]),
        {"kind": "other", "file": upload("a.pdf", PDF_BYTES)},
    )
    assert response.status_code == 403
    assert tenant.documents.count() == 0


@pytest.mark.parametrize("role", Role.values)
def test_document_remove_page_is_for_the_keepers_only(client, staff_by_role, tenant, role):
    # given
    document = DocumentFactory(tenant=tenant)
    client.force_login(staff_by_role[role])
    # when
    response = client.get(reverse("archive:document-remove", args=[tenant.pk, document.pk]))
    # then
    assert response.status_code == (200 if role in KEEPERS else 403)
