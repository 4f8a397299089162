"""Retention: with a frozen clock, the job removes exactly the files the policy says are due."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from documents.models import DossierArchive, RetentionRemoval
from documents.retention import retention_apply, years_before
from documents.storage import document_storage
from leasing.document_kinds import LEASE_SUMMARY
from tenancy.document_kinds import BUSINESS_LICENCE, ID_COPY
from tests.documents.factories import DocumentFactory
from tests.factories import TenantFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
MOVED_OUT = datetime(2022, 6, 30, 17, 0, tzinfo=SHANGHAI)


def _archived_tenant(at=MOVED_OUT):
    tenant = TenantFactory()
    DossierArchive.objects.create(tenant=tenant, archived_at=at)
    return tenant


@pytest.fixture
def policy(settings):
    settings.DOCUMENT_RETENTION_YEARS = {"id_copy": 3, "business_licence": 5}


@pytest.mark.django_db(transaction=True)
def test_retention_removes_what_is_due_and_nothing_else(policy, document_root):
    # given: a tenant archived three years ago tomorrow... and one archived long ago
    moved_out = _archived_tenant()
    id_copy = DocumentFactory(tenant=moved_out, kind=ID_COPY, confidential=True)
    licence = DocumentFactory(tenant=moved_out, kind=BUSINESS_LICENCE)  # kept 5 years
    lease = DocumentFactory(tenant=moved_out, kind=LEASE_SUMMARY)  # no rule: kept
    live_id = DocumentFactory(tenant=TenantFactory(), kind=ID_COPY)  # not archived
    later = _archived_tenant(datetime(2022, 7, 1, 9, 0, tzinfo=SHANGHAI))
    not_yet = DocumentFactory(tenant=later, kind=ID_COPY)
    now = datetime(2025, 6, 30, 18, 0, tzinfo=SHANGHAI)  # the frozen clock
    # when
    removed = retention_apply(now=now)
    # then: only the ID copy archived 3 years ago
    assert removed == 1
    id_copy.refresh_from_db()
    assert id_copy.removed_at == now and id_copy.removal_reason
    assert not document_storage().exists(id_copy.file_path)
    for kept in (licence, lease, live_id, not_yet):
        kept.refresh_from_db()
        assert kept.removed_at is None
        assert document_storage().exists(kept.file_path)
    removal = RetentionRemoval.objects.get()
    assert (removal.document, removal.number, removal.kind, removal.sha256, removal.retention_years) == (
        id_copy,
        id_copy.number,
        ID_COPY,
        id_copy.sha256,
        3,
    )


@pytest.mark.django_db(transaction=True)
def test_retention_run_twice_removes_nothing_more(policy, document_root):
    # given
    tenant = _archived_tenant()
    DocumentFactory(tenant=tenant, kind=ID_COPY)
    now = datetime(2026, 1, 1, tzinfo=SHANGHAI)
    # when
    first, second = retention_apply(now=now), retention_apply(now=now)
    # then
    assert (first, second) == (1, 0)
    assert RetentionRemoval.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_retention_reads_the_policy_from_settings(settings, document_root):
    # given: ID copies kept 10 years instead
    settings.DOCUMENT_RETENTION_YEARS = {"id_copy": 10}
    DocumentFactory(tenant=_archived_tenant(), kind=ID_COPY)
    # when / then
    assert retention_apply(now=datetime(2026, 1, 1, tzinfo=SHANGHAI)) == 0


def test_years_before_handles_the_29th_of_february():
    assert years_before(datetime(2028, 2, 29, 12, 0), 3) == datetime(2025, 2, 28, 12, 0)
