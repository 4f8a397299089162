"""notice_send records a notice for the portal inbox and e-mails it (with its PDF) once the work commits."""

import smtplib
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection, transaction
from django.utils import timezone

from documents import tasks
from documents.errors import DomainError
from documents.models import Notice
from documents.services import (
    notice_email,
    notice_mark_read,
    notice_send,
    notices_unsent,
    tenant_email_addresses,
)
from tests.documents.factories import PDF_BYTES, DocumentFactory, NoticeFactory
from tests.factories import ContactFactory, TenantFactory


@pytest.fixture(autouse=True)
def _tasks_inline(tasks_inline):
    """The e-mail task queued on commit runs at once, as a worker would run it."""


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


class FlakyBackend(LocmemBackend):
    """A mail server that refuses the first attempt for now (421), then accepts."""

    attempts = 0

    def send_messages(self, email_messages):
        FlakyBackend.attempts += 1
        if FlakyBackend.attempts == 1:
            raise smtplib.SMTPServerDisconnected("421 try again later")
        return super().send_messages(email_messages)


class SlowBackend(LocmemBackend):
    """A mail server that answers only when the test lets it."""

    started = threading.Event()
    go_on = threading.Event()

    def send_messages(self, email_messages):
        SlowBackend.started.set()
        assert SlowBackend.go_on.wait(timeout=30)
        return super().send_messages(email_messages)


def test_notice_send_records_and_emails_with_the_pdf_attached(
    tenant, front_desk, django_capture_on_commit_callbacks
):
    # given
    pdf = DocumentFactory(
        tenant=tenant, title="催缴通知", original_filename="催缴通知.pdf", visible_to_tenant=True
    )
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


# --- the e-mail task, its retries, and the sweep ----------------------------------------------------------


def test_the_e_mail_is_queued_as_a_task_once_the_notice_commits(
    tenant, monkeypatch, django_capture_on_commit_callbacks
):
    # given
    queued = []
    monkeypatch.setattr(tasks.notice_email, "delay", lambda notice_id: queued.append(notice_id))
    # when
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notice = notice_send(
            tenant=tenant, subject="停电通知", body="周日停电。", recipients=["a@example.com"]
        )
        # then: nothing is queued, nor mailed, while the transaction is open
        assert queued == []
    assert queued == [notice.pk]
    assert mail.outbox == []


def test_the_e_mail_task_retries_a_mail_server_that_refused_and_mails_once(
    tenant, settings, django_capture_on_commit_callbacks
):
    # given: the mail server refuses the first attempt
    settings.EMAIL_BACKEND = "tests.documents.test_notices.FlakyBackend"
    FlakyBackend.attempts = 0
    # when
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_send(
            tenant=tenant, subject="停电通知", body="周日停电。", recipients=["a@example.com"]
        )
    # then
    assert FlakyBackend.attempts == 2
    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert notice.emailed_at is not None


def test_the_e_mail_task_retries_with_growing_pauses_on_mail_errors():
    task = tasks.notice_email
    assert issubclass(smtplib.SMTPException, task.autoretry_for) and issubclass(OSError, task.autoretry_for)
    assert task.retry_backoff == 60 and task.retry_backoff_max == 60 * 60 and task.max_retries >= 5


def test_sending_a_notice_twice_mails_it_once(tenant, django_capture_on_commit_callbacks):
    # given: sent already
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_send(
            tenant=tenant, subject="停电通知", body="周日停电。", recipients=["a@example.com"]
        )
    # when: a retried task and the sweep send it again
    again = notice_email(notice_id=notice.pk), tasks.notice_email.delay(notice.pk).get()
    # then
    assert again == (False, False)
    assert len(mail.outbox) == 1


def test_a_mail_server_error_propagates_and_leaves_the_notice_unsent(tenant, settings):
    # given
    notice = NoticeFactory(tenant=tenant, recipients=["a@example.com"])
    settings.EMAIL_BACKEND = "tests.documents.test_notices.FailingBackend"
    # when / then: the task sees the error (and retries)
    with pytest.raises(ConnectionRefusedError):
        notice_email(notice_id=notice.pk)
    notice.refresh_from_db()
    assert notice.emailed_at is None


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_mail_the_notice_once(settings):
    # given: a first sender is talking to a slow mail server
    settings.EMAIL_BACKEND = "tests.documents.test_notices.SlowBackend"
    SlowBackend.started.clear()
    SlowBackend.go_on.clear()
    notice = NoticeFactory(tenant=TenantFactory(), recipients=["a@example.com"])
    results = {}

    def first_sender():
        try:
            results["first"] = notice_email(notice_id=notice.pk)
        finally:
            connection.close()

    thread = threading.Thread(target=first_sender)
    thread.start()
    assert SlowBackend.started.wait(timeout=30)
    # when: a second sender (a retried task, the sweep) tries meanwhile
    second = notice_email(notice_id=notice.pk)
    SlowBackend.go_on.set()
    thread.join(timeout=30)
    # then
    assert second is False and results["first"] is True
    assert len(mail.outbox) == 1
    assert Notice.objects.get(pk=notice.pk).emailed_at is not None


def _written_ago(notice: Notice, age: timedelta) -> Notice:
    Notice.objects.filter(pk=notice.pk).update(created_at=timezone.now() - age)
    return notice


def test_the_sweep_finds_recent_notices_not_e_mailed_after_the_grace_period(tenant):
    # given
    due = _written_ago(NoticeFactory(tenant=tenant, recipients=["a@example.com"]), timedelta(hours=2))
    _written_ago(
        NoticeFactory(tenant=tenant, recipients=["a@example.com"]), timedelta(minutes=5)
    )  # its task runs
    _written_ago(NoticeFactory(tenant=tenant, recipients=[]), timedelta(hours=2))  # inbox only
    _written_ago(NoticeFactory(tenant=tenant, recipients=["a@example.com"]), timedelta(days=4))  # stale
    sent = NoticeFactory(tenant=tenant, recipients=["a@example.com"], emailed_at=timezone.now())
    _written_ago(sent, timedelta(hours=2))
    # when
    found = notices_unsent(now=timezone.now())
    # then
    assert found == [due.pk]


def test_the_sweep_task_mails_what_was_left_unsent_and_a_second_run_mails_nothing(tenant):
    # given: the mail server was down when these were written
    left = [
        _written_ago(NoticeFactory(tenant=tenant, recipients=[f"{n}@example.com"]), timedelta(hours=1))
        for n in range(2)
    ]
    # when
    first, second = tasks.notices_unsent_send(), tasks.notices_unsent_send()
    # then
    assert (first, second) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == ["0@example.com", "1@example.com"]
    assert all(Notice.objects.get(pk=n.pk).emailed_at for n in left)


def test_the_mail_server_gets_a_timeout():
    # an SMTP connection without one waits forever on a server that does not answer
    assert get_connection("django.core.mail.backends.smtp.EmailBackend").timeout == 20
