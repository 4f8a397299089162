"""Every download of a confidential document is recorded (who, when, which, from where); archived dossiers'
files are served only to staff allowed the archive."""

import pytest
from django.urls import reverse

from documents.models import DossierArchive, DownloadRecord
from tenancy.roles import Role
from tests.documents.factories import DocumentFactory


def _download(client, user, document):
    client.force_login(user)
    return client.get(reverse("documents:download", args=[document.pk]), REMOTE_ADDR="203.0.113.9")


def test_a_confidential_download_is_recorded(client, general_manager, tenant):
    # given
    document = DocumentFactory(tenant=tenant, confidential=True)
    # when
    response = _download(client, general_manager, document)
    # then
    assert response.status_code == 200
    record = DownloadRecord.objects.get()
    assert (record.document, record.user, record.ip_address) == (document, general_manager, "203.0.113.9")
    assert record.downloaded_at is not None


def test_an_open_document_download_is_not_recorded(client, front_desk, tenant):
    assert _download(client, front_desk, DocumentFactory(tenant=tenant)).status_code == 200
    assert DownloadRecord.objects.count() == 0


def test_a_refused_confidential_download_is_not_recorded(client, front_desk, tenant):
    assert _download(client, front_desk, DocumentFactory(tenant=tenant, confidential=True)).status_code == 404
    assert DownloadRecord.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.FRONT_DESK, 200),
        (Role.LEGAL, 200),
        (Role.MANAGEMENT, 200),
        (Role.BUSINESS, 404),
        (Role.FINANCE, 404),
        (Role.ENGINEERING, 404),
        (Role.SECURITY, 404),
    ],
)
def test_an_archived_dossiers_file_is_served_only_with_the_archive_right(
    client, staff_by_role, tenant, role, status
):
    # given
    document = DocumentFactory(tenant=tenant)
    DossierArchive.objects.create(tenant=tenant, archived_at="2026-11-30T10:00:00+08:00")
    # when / then
    assert _download(client, staff_by_role[role], document).status_code == status


def test_a_removed_documents_file_is_gone(client, front_desk, tenant):
    document = DocumentFactory(tenant=tenant, removed_at="2026-11-30T10:00:00+08:00")
    assert _download(client, front_desk, document).status_code == 404
