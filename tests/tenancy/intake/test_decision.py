"""What a decision does: admission notice, tenant, portal invitation, notices, the signing deadline."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from documents.models import Document, Notice, Signature
from documents.storage import document_storage
from tenancy.intake import decision, linking, review
from tenancy.models import Application, ApplicationEvent, Tenant, TenantMembership
from tests.factories import TenantFactory

from .factories import application_fields, approve, in_review

pytestmark = pytest.mark.django_db


def _pdf_text(document: Document) -> str:
    with document_storage().open(document.file_path, "rb") as handle:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


@pytest.fixture
def approved(front_desk, business_manager, legal_manager, finance_manager, general_manager, settings):
    settings.ADMISSION_SIGNING_DAYS = 15
    application = approve(in_review(front_desk), business_manager, legal_manager, finance_manager)
    return approve(application, general_manager)


def test_management_approval_issues_a_signed_admission_notice(approved, general_manager):
    # then
    assert approved.status == Application.Status.APPROVED
    assert approved.signing_deadline == timezone.localdate() + timedelta(days=15)
    document = Document.objects.get(pk=approved.admission_document_id)
    text = _pdf_text(document)
    assert "租赁准入通知书" in text
    assert approved.applicant_name in text
    assert "A-1201" in text
    signature = Signature.objects.get(document=document)
    assert signature.user == general_manager
    assert signature.content_sha256 == document.sha256


def test_approval_makes_the_applicant_a_tenant_with_its_contact_and_sends_the_notice(
    approved, django_capture_on_commit_callbacks
):
    # then
    tenant = approved.tenant
    assert tenant.credit_code == approved.credit_code
    assert tenant.contacts.get().name == "钱七"
    notice = Notice.objects.get(tenant=tenant)
    assert notice.attachment_id == approved.admission_document_id
    assert "applicant1@example.com" in notice.recipients
    assert TenantMembership.objects.get(tenant=tenant).user.username == "applicant1@example.com"


def test_approval_joins_an_existing_tenant_only_once_staff_linked_it(
    front_desk, business_manager, legal_manager, finance_manager, general_manager
):
    # given: a walk-in application naming an existing tenant's credit code, linked after checking
    existing = TenantFactory(credit_code=application_fields()["credit_code"])
    application = approve(in_review(front_desk), business_manager, legal_manager, finance_manager)
    linking.application_link_tenant(application=application, by=business_manager)
    # when
    application = approve(application, general_manager)
    # then
    assert application.tenant == existing
    assert Tenant.objects.count() == 1
    assert not existing.contacts.exists()


def test_the_portal_invitation_e_mail_carries_a_link_to_choose_a_password(
    front_desk,
    business_manager,
    legal_manager,
    finance_manager,
    general_manager,
    django_capture_on_commit_callbacks,
    tasks_inline,  # the admission notice is e-mailed by a task
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        approve(in_review(front_desk), business_manager, legal_manager, finance_manager, general_manager)
    # then
    invitation = next(m for m in mail.outbox if "/intake/invitation/" in m.body)
    assert invitation.to == ["applicant1@example.com"]
    admission = next(m for m in mail.outbox if m.attachments)
    assert admission.attachments[0][2] == "application/pdf"


def test_rejection_e_mails_the_prospective_applicant_the_reason(
    front_desk, business_manager, django_capture_on_commit_callbacks
):
    # given
    application = in_review(front_desk)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        review.review_reject(
            application=application, department="business", by=business_manager, reason="需求不合理"
        )
    # then
    (message,) = mail.outbox
    assert message.to == ["applicant1@example.com"]
    assert "需求不合理" in message.body


def test_rejection_of_a_tenants_application_is_a_notice(business_manager, tenant_user, tenant):
    # given: a tenant applied in the portal
    from tenancy.intake import services

    from .factories import complete_files

    fields = {
        k: v
        for k, v in application_fields().items()
        if k not in ("applicant_kind", "applicant_name", "credit_code", "legal_representative")
    }
    application = services.application_create(
        channel=Application.Channel.PORTAL, by=tenant_user, tenant=tenant, files=complete_files(), **fields
    )
    services.application_submit(application=application, by=tenant_user)
    # when
    review.review_reject(
        application=application, department="business", by=business_manager, reason="空间不足"
    )
    # then
    notice = Notice.objects.get(tenant=tenant)
    assert "空间不足" in notice.body


def test_reminder_goes_out_once_before_the_deadline(approved, settings):
    # given
    settings.ADMISSION_REMINDER_DAYS = 3
    near = approved.signing_deadline - timedelta(days=2)
    # when
    first = decision.admission_reminders_send(today=near)
    second = decision.admission_reminders_send(today=near)
    # then
    assert (first, second) == (1, 0)
    assert approved.events.filter(kind=ApplicationEvent.Kind.REMINDED).count() == 1
    assert decision.admission_reminders_send(today=approved.signing_deadline - timedelta(days=5)) == 0


def test_the_approval_lapses_once_after_the_deadline(approved):
    # when
    before = decision.admissions_lapse(today=approved.signing_deadline)
    first = decision.admissions_lapse(today=approved.signing_deadline + timedelta(days=1))
    second = decision.admissions_lapse(today=approved.signing_deadline + timedelta(days=1))
    # then
    assert (before, first, second) == (0, 1, 0)
    approved.refresh_from_db()
    assert approved.status == Application.Status.LAPSED
    assert approved.events.filter(kind=ApplicationEvent.Kind.LAPSED).count() == 1


def test_a_signed_lease_keeps_the_approval_from_lapsing(approved, general_manager):
    # given
    decision.application_mark_leased(application=approved, by=general_manager)
    # when
    lapsed = decision.admissions_lapse(today=approved.signing_deadline + timedelta(days=1))
    # then
    assert lapsed == 0
    approved.refresh_from_db()
    assert approved.status == Application.Status.APPROVED
