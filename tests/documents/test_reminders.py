"""Licences and IDs expiring within 60 days: one reminder per document and expiry date, to the tenant."""

from datetime import date, timedelta

from documents.kinds import OTHER
from documents.models import Document, DossierArchive, ExpiryReminder, Notice
from documents.reminders import expiring_documents, expiry_reminders_send
from tenancy.document_kinds import BUSINESS_LICENCE, ID_COPY
from tests.documents.factories import DocumentFactory
from tests.factories import TenantFactory

TODAY = date(2026, 12, 6)  # the frozen date


def test_a_licence_expiring_within_60_days_reminds_the_tenant_once(tenant):
    # given
    licence = DocumentFactory(tenant=tenant, kind=BUSINESS_LICENCE, expires_on=TODAY + timedelta(days=60))
    # when: the daily job runs twice
    first, second = expiry_reminders_send(today=TODAY), expiry_reminders_send(today=TODAY)
    # then
    assert (first, second) == (1, 0)
    reminder = ExpiryReminder.objects.get()
    assert (reminder.document, reminder.expires_on) == (licence, licence.expires_on)
    notice = Notice.objects.get()
    assert notice.tenant == tenant and reminder.notice == notice
    assert "2027-02-04" in notice.subject and licence.number in notice.body


def test_nothing_is_reminded_outside_the_window_or_for_other_kinds(tenant):
    # given
    DocumentFactory(tenant=tenant, kind=ID_COPY, expires_on=TODAY + timedelta(days=61))
    DocumentFactory(tenant=tenant, kind=OTHER, expires_on=TODAY + timedelta(days=5))
    # when / then
    assert expiry_reminders_send(today=TODAY) == 0
    assert Notice.objects.count() == 0


def test_a_renewed_expiry_date_is_reminded_again(tenant):
    # given: reminded for one date, then the date was corrected
    document = DocumentFactory(tenant=tenant, kind=ID_COPY, expires_on=TODAY + timedelta(10))
    expiry_reminders_send(today=TODAY)
    Document.objects.filter(pk=document.pk).update(expires_on=TODAY + timedelta(days=30))
    # when
    sent = expiry_reminders_send(today=TODAY)
    # then
    assert sent == 1
    assert ExpiryReminder.objects.filter(document=document).count() == 2


def test_a_newer_licence_on_file_silences_the_old_one(tenant):
    # given
    DocumentFactory(tenant=tenant, kind=BUSINESS_LICENCE, expires_on=TODAY + timedelta(20))
    DocumentFactory(tenant=tenant, kind=BUSINESS_LICENCE, expires_on=TODAY + timedelta(900))
    # when / then
    assert expiry_reminders_send(today=TODAY) == 0


def test_archived_dossiers_are_not_reminded(db):
    # given
    tenant = TenantFactory()
    DocumentFactory(tenant=tenant, kind=ID_COPY, expires_on=TODAY + timedelta(days=3))
    DossierArchive.objects.create(tenant=tenant, archived_at="2026-11-30T10:00:00+08:00")
    # when / then
    assert list(expiring_documents(today=TODAY)) == []
    assert expiry_reminders_send(today=TODAY) == 0
