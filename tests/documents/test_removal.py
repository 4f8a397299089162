"""Removal is for wrongly filed uploads only: a rendered form, or a file a notice, a signature or a record
points at, is never removed. A removal request puts the upload in quarantine (hidden from the dossier, file
kept) until management confirms (the file goes, the row stays) or restores it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from documents.errors import DomainError
from documents.kinds import PHOTO, kind_keys
from documents.models import Signature
from documents.references import document_reference_models
from documents.services import document_removal_confirm, document_removal_restore, document_remove
from documents.storage import document_storage
from tenancy.dossier import selectors as dossier_selectors
from tests.billing.factories import active_lease, issued_bill
from tests.documents.factories import DocumentFactory, NoticeFactory

pytestmark = pytest.mark.django_db


def _quarantined(tenant, by, **kwargs):
    document = DocumentFactory(tenant=tenant, **kwargs)
    return document_remove(document=document, reason="传错了客户", by=by)


def test_a_removal_request_quarantines_the_upload_and_keeps_its_file(tenant, front_desk, document_root):
    # given
    document = DocumentFactory(tenant=tenant)
    # when
    document_remove(document=document, reason="传错了客户", by=front_desk)
    # then: hidden from the dossier, waiting for management, the file still there
    document.refresh_from_db()
    assert document.quarantined_at is not None and document.quarantined_by == front_desk
    assert document.removed_at is None
    assert document_storage().exists(document.file_path)
    assert document.pk not in {d.pk for d in dossier_selectors.dossier_documents(tenant)}


@pytest.mark.parametrize("kind", sorted(kind_keys(rendered=True)))
def test_a_rendered_form_is_never_removed(tenant, general_manager, kind):
    # given: a bill, a letter, a signed sheet... written by the system
    document = DocumentFactory(tenant=tenant, kind=kind)
    # when / then
    with pytest.raises(DomainError):
        document_remove(document=document, reason="不要了", by=general_manager)
    document.refresh_from_db()
    assert document.quarantined_at is None


def test_an_upload_a_notice_attaches_is_not_removed(tenant, front_desk):
    document = DocumentFactory(tenant=tenant, visible_to_tenant=True)
    NoticeFactory(tenant=tenant, attachment=document)
    with pytest.raises(DomainError):
        document_remove(document=document, reason="传错了", by=front_desk)


def test_an_upload_a_signature_signs_is_not_removed(tenant, front_desk):
    document = DocumentFactory(tenant=tenant)
    Signature.objects.create(
        document=document,
        signer_name="王芳",
        signer_role="tenant",
        method="wet_ink",
        signed_at=timezone.now(),
        content_sha256=document.sha256,
    )
    with pytest.raises(DomainError):
        document_remove(document=document, reason="传错了", by=front_desk)


def test_an_upload_another_record_points_at_is_not_removed(tenant, front_desk):
    # given: a photo a bill points at (any registered reference will do)
    bill = issued_bill(active_lease(tenant=tenant))
    photo = DocumentFactory(tenant=tenant, kind=PHOTO)
    type(bill).objects.filter(pk=bill.pk).update(document_id=photo.pk)
    # when / then
    with pytest.raises(DomainError) as refused:
        document_remove(document=photo, reason="传错了", by=front_desk)
    assert str(type(bill)._meta.verbose_name) in refused.value.message


def test_every_record_holding_document_ids_is_registered():
    # then: the records of the higher apps that keep a document's id say so at start-up
    registered = {reference.label: set(reference.fields) for reference in document_reference_models()}
    assert registered == {
        "billing.Bill": {"document_id"},
        "billing.DunningLetter": {"document_id"},
        "billing.Payment": {"document_id"},
        "billing.Settlement": {"document_id"},
        "fitout.Application": {"agreement_document_id", "fire_approval_document_id", "permit_document_id"},
        "fitout.Drawing": {"document_id"},
        "fitout.Notice": {"document_id"},
        "fitout.Review": {"document_id"},
        "fitout.Worker": {"photo_document_id", "pass_document_id"},
        "handover.AcceptanceItem": {"photo_document_id"},
        "handover.MeterReading": {"photo_document_id"},
        "handover.Sheet": {"document_id"},
        "leasing.Amendment": {"signed_document_id"},
        "leasing.Lease": {"signed_document_id"},
        "leasing.MoveOutNotice": {"document_id"},
        "tenancy.Application": {"admission_document_id"},
    }


@pytest.mark.parametrize("role_fixture", ["engineer", "finance_manager", "security_guard", "legal_manager"])
def test_a_role_outside_the_dossier_keepers_may_not_ask_for_a_removal(request, tenant, role_fixture):
    document = DocumentFactory(tenant=tenant)
    with pytest.raises(PermissionDenied):
        document_remove(document=document, reason="传错了", by=request.getfixturevalue(role_fixture))


def test_only_management_confirms_a_removal(tenant, front_desk, business_manager):
    document = _quarantined(tenant, front_desk)
    for user in (front_desk, business_manager):
        with pytest.raises(PermissionDenied):
            document_removal_confirm(document=document, by=user)
    document.refresh_from_db()
    assert document.removed_at is None


def test_management_restores_a_quarantined_upload_to_the_dossier(tenant, front_desk, general_manager):
    # given
    document = _quarantined(tenant, front_desk)
    # when
    document_removal_restore(document=document, by=general_manager)
    # then
    document.refresh_from_db()
    assert document.quarantined_at is None and document.removal_reason == ""
    assert document.pk in {d.pk for d in dossier_selectors.dossier_documents(tenant)}


def test_a_removal_cannot_be_asked_for_twice(tenant, front_desk):
    document = _quarantined(tenant, front_desk)
    with pytest.raises(DomainError):
        document_remove(document=document, reason="再来一次", by=front_desk)


def test_management_lists_and_confirms_quarantined_uploads(client, tenant, front_desk, general_manager):
    # given
    document = _quarantined(tenant, front_desk)
    client.force_login(general_manager)
    # when
    page = client.get(reverse("archive:quarantine")).content.decode()
    response = client.post(reverse("archive:quarantine-decide", args=[document.pk, "confirm"]))
    # then
    assert document.number in page and "传错了客户" in page
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.removed_at is not None


@pytest.mark.parametrize("role_fixture", ["front_desk", "business_manager", "legal_manager"])
def test_the_quarantine_pages_are_for_management_only(client, request, tenant, front_desk, role_fixture):
    document = _quarantined(tenant, front_desk)
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(reverse("archive:quarantine")).status_code == 403
    decide = reverse("archive:quarantine-decide", args=[document.pk, "confirm"])
    assert client.post(decide).status_code == 403
    document.refresh_from_db()
    assert document.removed_at is None


def test_a_quarantined_upload_downloads_only_for_management(client, tenant, front_desk, general_manager):
    document = _quarantined(tenant, front_desk)
    url = reverse("documents:download", args=[document.pk])
    client.force_login(front_desk)
    assert client.get(url).status_code == 404
    client.force_login(general_manager)
    assert client.get(url).status_code == 200
