"""notice_send records a notice for the portal inbox and e-mails it (with its PDF) once the work commits."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from documents.errors import DomainError
from documents.models import Notice
from documents.services import notice_mark_read, notice_send, tenant_email_addresses
from tests.documents.factories import PDF_BYTES, DocumentFactory, NoticeFactory
from tests.factories import ContactFactory


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def test_notice_send_records_and_emails_with_the_pdf_attached(
    tenant, front_desk, django_capture_on_commit_callbacks
):
    # given
    pdf = DocumentFactory(tenant=tenant, title="催缴通知", original_filename="催缴通知.pdf")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_send(
            tenant=tenant,
            subject="三月管理费催缴通知",
            body="请于3月31日前缴清。",
            recipients=["finance@tenant.example.com"],
            attachment=pdf,
            by=front_desk,
        )
    # then
    notice.refresh_from_db()
    assert notice.tenant == tenant and notice.created_by == front_desk and notice.attachment == pdf
    assert notice.emailed_at is not None and notice.read_at is None
    (message,) = mail.outbox
    assert message.subject == "三月管理费催缴通知"
    assert message.to == ["finance@tenant.example.com"]
    assert "3月31日" in message.body
    (attachment,) = message.attachments
    assert attachment.filename == "催缴通知.pdf"
    assert attachment.content == PDF_BYTES
    assert attachment.mimetype == "application/pdf"


def test_notice_send_defaults_to_the_tenant_and_contact_addresses(tenant, django_capture_on_commit_callbacks):
    # given: two contacts, one sharing the tenant's address, one without an address
    ContactFactory(tenant=tenant, email="boss@tenant.example.com", is_primary=True)
    ContactFactory(tenant=tenant, email=tenant.email)
    ContactFactory(tenant=tenant, email="")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_send(tenant=tenant, subject="停水通知", body="周六上午停水。")
    # then: each address once, the tenant's first
    assert notice.recipients == [tenant.email, "boss@tenant.example.com"]
    assert mail.outbox[0].to == [tenant.email, "boss@tenant.example.com"]
    assert tenant_email_addresses(tenant) == notice.recipients


def test_notice_send_sends_nothing_when_the_transaction_rolls_back(
    tenant, django_capture_on_commit_callbacks
):
    # when: the work around the notice fails after it was recorded
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notice_send(tenant=tenant, subject="停电通知", body="周日停电。", recipients=["a@example.com"])
        raise RuntimeError("later step failed")
    # then
    assert callbacks == []
    assert mail.outbox == []
    assert Notice.objects.count() == 0


def test_notice_send_does_not_email_before_commit(tenant):
    # when: still inside the test's transaction
    notice_send(tenant=tenant, subject="停电通知", body="周日停电。", recipients=["a@example.com"])
    # then
    assert mail.outbox == []


def test_notice_send_without_recipients_only_fills_the_inbox(tenant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notice = notice_send(tenant=tenant, subject="欢迎入驻", body="欢迎。", recipients=[])
    assert callbacks == [] and mail.outbox == []
    assert notice.emailed_at is None
    assert Notice.objects.filter(tenant=tenant).count() == 1


def test_notice_send_keeps_the_notice_when_the_mail_server_fails(
    tenant, settings, django_capture_on_commit_callbacks
):
    # given
    settings.EMAIL_BACKEND = "tests.documents.test_notices.FailingBackend"
    # when
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_send(
            tenant=tenant, subject="停电通知", body="周日停电。", recipients=["a@example.com"]
        )
    # then: the notice is in the inbox, not marked e-mailed (so it can be sent again)
    notice.refresh_from_db()
    assert notice.emailed_at is None


@pytest.mark.parametrize(
    ("subject", "body"),
    [("", "正文"), ("   ", "正文"), ("主题", ""), ("主题", "  \n ")],
)
def test_notice_send_needs_a_subject_and_a_body(tenant, subject, body):
    with pytest.raises(DomainError):
        notice_send(tenant=tenant, subject=subject, body=body, recipients=[])
    assert Notice.objects.count() == 0


def test_notice_send_refuses_another_tenants_document(tenant, other_tenant):
    pdf = DocumentFactory(tenant=other_tenant)
    with pytest.raises(DomainError) as refused:
        notice_send(tenant=tenant, subject="通知", body="正文", recipients=[], attachment=pdf)
    assert refused.value.field == "attachment"
    assert Notice.objects.count() == 0


def test_notice_send_refuses_a_confidential_attachment(tenant):
    scan = DocumentFactory(tenant=tenant, confidential=True)
    with pytest.raises(DomainError):
        notice_send(tenant=tenant, subject="通知", body="正文", recipients=[], attachment=scan)
    assert Notice.objects.count() == 0


def test_notice_mark_read_keeps_the_first_reading_time(tenant):
    # given
    notice = NoticeFactory(tenant=tenant)
    # when
    first = notice_mark_read(notice=notice).read_at
    again = notice_mark_read(notice=Notice.objects.get(pk=notice.pk))
    # then
    assert first is not None
    assert Notice.objects.get(pk=notice.pk).read_at == first
    assert again.read_at == first
