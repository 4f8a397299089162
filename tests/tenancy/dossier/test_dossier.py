"""The dossier page: documents by section with signer and expiry, masking, the checklist, correspondence,
expiring papers, uploads (and bad input), the archived banner; the registers and the dashboard card."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from billing.document_kinds import DUNNING_LETTER
from config.dashboard import count_all
from documents.kinds import PHOTO
from documents.models import Document, DossierArchive, DownloadRecord, RetentionRemoval, Signature
from handover.document_kinds import KEY_SHEET, METER_SHEET
from leasing.document_kinds import LEASE_SUMMARY
from tenancy.document_kinds import AUTHORISATION_LETTER, BUSINESS_LICENCE, ID_COPY
from tenancy.dossier import selectors
from tenancy.models import Application
from tests.documents.factories import EXE_BYTES, PDF_BYTES, DocumentFactory, NoticeFactory, upload
from tests.factories import ContactFactory, PersonTenantFactory
from tests.tenancy.intake.factories import ApplicationFactory


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return settings.DOCUMENT_ROOT


def _english(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"


def _get(client, user, url):
    _english(client, user)
    with translation.override("en"):
        return client.get(url)


def _dossier(client, user, tenant):
    return _get(client, user, reverse("archive:dossier", args=[tenant.pk]))


def _post_upload(client, user, tenant, data):
    _english(client, user)
    with translation.override("en"):
        return client.post(reverse("archive:dossier-upload", args=[tenant.pk]), data)


def test_documents_are_grouped_with_their_signers_and_expiry(client, front_desk, tenant):
    # given: a signed key sheet (signatures on the sheet record) and an authorisation letter with expiry
    sheet_type = ContentType.objects.get_for_model(Document)  # any record will do as the signed thing
    key_sheet = DocumentFactory(tenant=tenant, kind=KEY_SHEET, about_type=sheet_type, about_id=424242)
    Signature.objects.create(
        about_type=sheet_type,
        about_id=424242,
        signer_name="李华",
        signer_role="tenant",
        method="on_screen",
        signed_at=timezone.now(),
        content_sha256="a" * 64,
    )
    letter = DocumentFactory(
        tenant=tenant,
        kind=AUTHORISATION_LETTER,
        expires_on=timezone.localdate() + timedelta(400),
    )
    # when
    response = _dossier(client, front_desk, tenant)
    # then
    sections = {s.group: s.documents for s in response.context["dossier"].sections}
    assert sections["handover"] == [key_sheet] and sections["identity"] == [letter]
    assert [s.signer_name for s in sections["handover"][0].signers] == ["李华"]
    page = response.content.decode()
    assert 'data-testid="dossier-section-handover"' in page and "李华" in page
    assert f"{letter.expires_on:%Y-%m-%d}" in page


def test_a_signed_sheet_with_photos_shows_its_signers_on_the_sheet(client, front_desk, tenant):
    # given: a meter sheet record with a photo uploaded about it, then signed and rendered
    record_type = ContentType.objects.get_for_model(Document)
    photo = DocumentFactory(tenant=tenant, kind=PHOTO, about_type=record_type, about_id=515151)
    Signature.objects.create(
        about_type=record_type,
        about_id=515151,
        signer_name="王芳",
        signer_role="tenant",
        method="on_screen",
        signed_at=timezone.now(),
        content_sha256="b" * 64,
    )
    sheet = DocumentFactory(tenant=tenant, kind=METER_SHEET, about_type=record_type, about_id=515151)
    # when
    documents = {d.pk: d for d in selectors.dossier_documents(tenant)}
    # then: the signer is on the rendered sheet, not on the photo
    assert [s.signer_name for s in documents[sheet.pk].signers] == ["王芳"]
    assert documents[photo.pk].signers == []


def test_confidential_documents_are_masked_without_the_permission(
    client, front_desk, general_manager, tenant
):
    # given
    DocumentFactory(tenant=tenant, kind=ID_COPY, confidential=True, title="张三身份证正反面")
    # when
    masked = _dossier(client, front_desk, tenant).content.decode()
    shown = _dossier(client, general_manager, tenant).content.decode()
    # then
    assert "张三身份证正反面" not in masked and 'data-testid="masked"' in masked
    assert "张三身份证正反面" in shown


def test_the_checklist_says_what_is_missing(client, front_desk, tenant):
    # given: a company with its licence and a contact, nothing else
    DocumentFactory(tenant=tenant, kind=BUSINESS_LICENCE)
    ContactFactory(tenant=tenant)
    # when
    dossier = _dossier(client, front_desk, tenant).context["dossier"]
    # then
    with translation.override("en"):
        present = {str(item.label): item.present for item in dossier.checklist}
    assert present == {
        "ID copies": False,
        "Business licence": True,
        "Management agreement": False,
        "Fire-safety responsibility agreement": False,
        "Contacts": True,
        "Lease": False,
        "Parking record": False,
        "Signed key handover sheet": False,
    }


def test_a_person_needs_no_business_licence(client, front_desk):
    tenant = PersonTenantFactory()
    dossier = _dossier(client, front_desk, tenant).context["dossier"]
    with translation.override("en"):
        assert "Business licence" not in [str(item.label) for item in dossier.checklist]
    assert len(dossier.checklist) == 7


def test_correspondence_lists_each_notice_with_recipients_and_pdf(client, front_desk, tenant):
    # given
    letter = DocumentFactory(tenant=tenant, kind=DUNNING_LETTER)
    NoticeFactory(
        tenant=tenant,
        subject="催缴通知",
        recipients=["a@t.example.com", "b@t.example.com"],
        attachment=letter,
    )
    # when
    page = _dossier(client, front_desk, tenant).content.decode()
    # then
    assert "催缴通知" in page and "a@t.example.com, b@t.example.com" in page
    assert reverse("documents:download", args=[letter.pk]) in page


def test_papers_expiring_soon_are_flagged(client, front_desk, tenant):
    DocumentFactory(tenant=tenant, kind=ID_COPY, expires_on=timezone.localdate() + timedelta(20))
    page = _dossier(client, front_desk, tenant).content.decode()
    assert 'data-testid="dossier-expiring"' in page


def test_an_upload_is_filed_with_its_expiry(client, front_desk, tenant):
    # when
    expires = timezone.localdate() + timedelta(days=365)
    response = _post_upload(
        client,
        front_desk,
        tenant,
        {
            "kind": "business_licence",
            "title": "营业执照",
            "expires_on": f"{expires}",
            "file": upload("l.pdf", PDF_BYTES),
        },
    )
    # then
    assert response.status_code == 302
    document = tenant.documents.get()
    assert (document.kind, document.title, document.expires_on, document.confidential) == (
        "business_licence",
        "营业执照",
        expires,
        True,
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "other", "expires_on": "2099-01-01"}, "expires_on", "Only licences and identity papers"),
        ({"kind": "id_copy", "expires_on": "2001-01-01"}, "expires_on", "This date has passed"),
        ({"kind": "id_copy", "file": upload("x.pdf", EXE_BYTES)}, "file", "not a PDF, JPEG or PNG"),
    ],
)
def test_bad_upload_input_is_shown_at_its_field_and_keeps_what_was_entered(
    client, front_desk, tenant, data, field, message
):
    # given
    data = {"title": "标题保留", "file": upload("a.pdf", PDF_BYTES), **data}
    # when
    response = _post_upload(client, front_desk, tenant, data)
    # then
    assert response.status_code == 200
    form = response.context["form"]
    with translation.override("en"):
        assert message in " ".join(str(error) for error in form.errors[field])
    assert 'value="标题保留"' in response.content.decode()
    assert tenant.documents.count() == 0


def test_an_archived_dossier_shows_the_banner_and_no_upload_form(client, front_desk, tenant):
    # given
    DocumentFactory(tenant=tenant)
    DossierArchive.objects.create(tenant=tenant, archived_at=timezone.now())
    # when
    page = _dossier(client, front_desk, tenant).content.decode()
    # then
    assert 'data-testid="dossier-archived"' in page
    assert 'data-testid="dossier-upload"' not in page


def test_an_upload_to_an_archived_dossier_is_refused(client, front_desk, tenant):
    # given
    DossierArchive.objects.create(tenant=tenant, archived_at=timezone.now())
    # when
    response = _post_upload(client, front_desk, tenant, {"kind": "other", "file": upload("a.pdf", PDF_BYTES)})
    # then
    assert response.status_code == 302
    assert tenant.documents.count() == 0


def test_the_dossier_costs_the_same_queries_for_more_documents(client, front_desk, tenant):
    # given
    client.force_login(front_desk)
    url = reverse("archive:dossier", args=[tenant.pk])
    DocumentFactory.create_batch(2, tenant=tenant)
    NoticeFactory(tenant=tenant)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    DocumentFactory.create_batch(10, tenant=tenant, kind=LEASE_SUMMARY)
    NoticeFactory.create_batch(5, tenant=tenant)
    # when
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    # then
    assert len(many) == len(few)


def test_the_registers_list_what_they_record(client, general_manager, tenant):
    # given
    failing = DocumentFactory(tenant=tenant, fixity_failed_at=timezone.now())
    removed = DocumentFactory(tenant=tenant, kind=ID_COPY, removed_at=timezone.now())
    RetentionRemoval.objects.create(
        document=removed,
        tenant=tenant,
        kind=removed.kind,
        number=removed.number,
        sha256=removed.sha256,
        retention_years=3,
        archived_at=timezone.now(),
        removed_at=timezone.now(),
    )
    DownloadRecord.objects.create(document=failing, user=general_manager, ip_address="198.51.100.7")
    # when
    fixity = _get(client, general_manager, reverse("archive:fixity")).content.decode()
    removals = _get(client, general_manager, reverse("archive:removals")).content.decode()
    downloads = _get(client, general_manager, reverse("archive:downloads")).content.decode()
    # then
    assert failing.number in fixity and 'data-testid="fixity-problem"' in fixity
    assert removed.number in removals and 'data-testid="removal-row"' in removals
    assert "198.51.100.7" in downloads and failing.number in downloads


def test_the_dashboard_card_counts_failing_files_in_one_query(db, django_assert_num_queries, tenant):
    # given
    DocumentFactory(tenant=tenant, fixity_failed_at=timezone.now())
    DocumentFactory(tenant=tenant)
    # when
    with django_assert_num_queries(1):
        counts = count_all(selectors.dashboard_counts())
    # then
    assert [card["value"] for card in selectors.dashboard_cards(counts)] == [1]


def test_the_dashboard_shows_the_card_to_management(client, general_manager, tenant):
    DocumentFactory(tenant=tenant, fixity_failed_at=timezone.now())
    page = _get(client, general_manager, reverse("dashboard")).content.decode()
    assert "Archived files failing the fixity check" in page and reverse("archive:fixity") in page


def test_the_tenant_card_of_an_archived_dossier_is_refused_with_a_message(client, front_desk, tenant):
    # given
    DossierArchive.objects.create(tenant=tenant, archived_at=timezone.now())
    client.force_login(front_desk)
    # when
    response = client.post(reverse("tenancy:tenant-card", args=[tenant.pk]), follow=True)
    # then
    assert response.status_code == 200
    assert tenant.documents.count() == 0
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_a_licence_filed_with_an_application_shows_the_applications_expiry(client, front_desk, tenant):
    # given: the licence attached to an application that recorded its expiry
    valid_until = timezone.localdate() + timedelta(days=500)
    application = ApplicationFactory(tenant=tenant, licence_valid_until=valid_until)
    DocumentFactory(
        tenant=tenant,
        kind=BUSINESS_LICENCE,
        about_type=ContentType.objects.get_for_model(Application),
        about_id=application.pk,
    )
    # when
    dossier = _dossier(client, front_desk, tenant).context["dossier"]
    # then
    (licence,) = [d for s in dossier.sections for d in s.documents]
    assert licence.expires_on == valid_until


def test_a_wrong_upload_is_removed_with_its_reason_once_management_confirms(
    client, front_desk, general_manager, tenant, document_root, django_capture_on_commit_callbacks
):
    # given
    document = DocumentFactory(tenant=tenant)
    client.force_login(front_desk)
    url = reverse("archive:document-remove", args=[tenant.pk, document.pk])
    # when: the front desk asks
    response = client.post(url, {"reason": "传错客户"})
    # then: the upload waits in quarantine, its file kept
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.quarantined_at is not None and document.removed_at is None
    assert (document_root / document.file_path).exists()
    # when: management confirms
    client.force_login(general_manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("archive:quarantine-decide", args=[document.pk, "confirm"]))
    # then
    document.refresh_from_db()
    assert document.removed_at is not None and "传错客户" in document.removal_reason
    assert not (document_root / document.file_path).exists()


def test_a_removal_needs_a_reason_at_the_field(client, front_desk, tenant):
    document = DocumentFactory(tenant=tenant)
    client.force_login(front_desk)
    response = client.post(reverse("archive:document-remove", args=[tenant.pk, document.pk]), {"reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    document.refresh_from_db()
    assert document.removed_at is None


def test_a_removal_from_an_archived_dossier_is_refused_by_the_view(client, front_desk, tenant, document_root):
    # given
    document = DocumentFactory(tenant=tenant)
    DossierArchive.objects.create(tenant=tenant, archived_at=timezone.now())
    client.force_login(front_desk)
    # when
    response = client.post(
        reverse("archive:document-remove", args=[tenant.pk, document.pk]), {"reason": "x"}, follow=True
    )
    # then
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    document.refresh_from_db()
    assert document.removed_at is None and (document_root / document.file_path).exists()
