"""An archived dossier is read-only: no upload, no new form (closing account papers excepted), no removal."""

import pytest
from django.core.files.base import ContentFile

from billing.document_kinds import SETTLEMENT_STATEMENT
from documents.errors import DomainError
from documents.kinds import OTHER
from documents.models import Document, DossierArchive
from documents.services import (
    document_removal_confirm,
    document_remove,
    document_render,
    document_upload,
    dossier_archive,
)
from documents.storage import document_storage
from tenancy.document_kinds import TENANT_CARD
from tests.documents.factories import PDF_BYTES, DocumentFactory


def _upload(tenant, by, kind=OTHER):
    return document_upload(file=ContentFile(PDF_BYTES, name="scan.pdf"), kind=kind, tenant=tenant, by=by)


def test_dossier_archive_records_who_and_when_once(tenant, front_desk, general_manager):
    # when: archived twice
    first = dossier_archive(tenant=tenant, by=front_desk)
    second = dossier_archive(tenant=tenant, by=general_manager)
    # then: the first archiving stands
    assert DossierArchive.objects.count() == 1
    assert second.pk == first.pk and second.archived_by == front_desk
    assert tenant.dossier_archive.archived_at == first.archived_at


def test_document_upload_refuses_an_archived_dossier(tenant, front_desk):
    # given
    dossier_archive(tenant=tenant, by=front_desk)
    # when / then
    with pytest.raises(DomainError, match="archived|已归档"):
        _upload(tenant, front_desk)
    assert Document.objects.count() == 0


def test_document_upload_still_files_for_a_live_tenant(tenant, other_tenant, front_desk):
    # given: another tenant's dossier is archived
    dossier_archive(tenant=other_tenant, by=front_desk)
    # when
    document = _upload(tenant, front_desk)
    # then
    assert document.tenant == tenant


def test_document_render_refuses_an_archived_dossier(tenant, front_desk, print_templates):
    # given
    dossier_archive(tenant=tenant, by=front_desk)
    # when / then
    with pytest.raises(DomainError):
        document_render(
            template="documents_test/chinese_form.html",
            context={"tenant_name": "示例", "credit_code": "", "note": "", "rows": range(1)},
            kind=TENANT_CARD,
            title="卡",
            tenant=tenant,
            by=front_desk,
            number_prefix="TC",
        )
    assert Document.objects.count() == 0


def test_document_render_still_files_the_accounts_closing_papers(tenant, front_desk, print_templates):
    # given: the settlement statement comes after the move-out
    dossier_archive(tenant=tenant, by=front_desk)
    # when
    document = document_render(
        template="documents_test/chinese_form.html",
        context={"tenant_name": "示例", "credit_code": "", "note": "", "rows": range(1)},
        kind=SETTLEMENT_STATEMENT,
        title="结算单",
        tenant=tenant,
        by=front_desk,
        number_prefix="ST",
    )
    # then
    assert document.tenant == tenant


def test_document_remove_refuses_an_archived_dossier(tenant, front_desk, stored_files):
    # given
    document = DocumentFactory(tenant=tenant)
    dossier_archive(tenant=tenant, by=front_desk)
    # when / then
    with pytest.raises(DomainError):
        document_remove(document=document, reason="传错了", by=front_desk)
    document.refresh_from_db()
    assert document.removed_at is None
    assert stored_files.exists(document.file_path)


@pytest.mark.django_db(transaction=True)
def test_a_confirmed_removal_deletes_the_file_and_keeps_the_row(
    tenant, front_desk, general_manager, document_root
):
    # given: the front desk asked to remove a wrongly filed upload
    document = DocumentFactory(tenant=tenant)
    document_remove(document=document, reason="传错了", by=front_desk)
    # when: management confirms
    document_removal_confirm(document=document, by=general_manager)
    # then
    document.refresh_from_db()
    assert document.removed_at is not None and "传错了" in document.removal_reason
    assert document.number and document.sha256
    assert not document_storage().exists(document.file_path)


def test_document_remove_needs_a_reason(tenant, front_desk):
    document = DocumentFactory(tenant=tenant)
    with pytest.raises(DomainError) as error:
        document_remove(document=document, reason="  ", by=front_desk)
    assert error.value.field == "reason"
