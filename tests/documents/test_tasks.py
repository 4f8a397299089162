"""The documents clocks: thin tasks that read the clock once and are safe to run twice."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from documents import tasks
from documents.models import DossierArchive, ExpiryReminder, FixityCheck, RetentionRemoval
from leasing.document_kinds import LEASE_SUMMARY
from tenancy.document_kinds import AUTHORISATION_LETTER, ID_COPY
from tests.documents.factories import DocumentFactory
from tests.factories import TenantFactory

FROZEN_DAY = date(2031, 3, 1)
FROZEN_NOW = datetime(2031, 3, 1, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def frozen_clock(monkeypatch):
    monkeypatch.setattr("documents.tasks.timezone.localdate", lambda value=None: FROZEN_DAY)
    monkeypatch.setattr("documents.tasks.timezone.now", lambda: FROZEN_NOW)


def test_the_expiry_task_reminds_by_the_frozen_date_once(tenant, frozen_clock):
    # given: due within 60 days of the frozen date, and one due later
    DocumentFactory(tenant=tenant, kind=ID_COPY, expires_on=FROZEN_DAY + timedelta(59))
    DocumentFactory(tenant=tenant, kind=AUTHORISATION_LETTER, expires_on=FROZEN_DAY + timedelta(61))
    # when
    first, second = tasks.expiry_reminders_send(), tasks.expiry_reminders_send()
    # then
    assert (first, second) == (1, 0)
    assert ExpiryReminder.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_nightly_tasks_run_by_the_frozen_clock(frozen_clock, settings, document_root):
    # given: a dossier archived four years before the frozen night, ID copies kept three
    settings.DOCUMENT_RETENTION_YEARS = {"id_copy": 3}
    tenant = TenantFactory()
    DossierArchive.objects.create(tenant=tenant, archived_at=FROZEN_NOW - timedelta(days=4 * 365))
    DocumentFactory(tenant=tenant, kind=ID_COPY)
    DocumentFactory(tenant=tenant, kind=LEASE_SUMMARY)
    # when
    checked = tasks.fixity_check_archived()
    removed = tasks.retention_apply(), tasks.retention_apply()
    # then
    assert checked == {"checked": 2, "failed": 0}
    assert FixityCheck.objects.filter(checked_on=FROZEN_DAY).count() == 2
    assert removed == (1, 0)
    assert RetentionRemoval.objects.get().removed_at == FROZEN_NOW
