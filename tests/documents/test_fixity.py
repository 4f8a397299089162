"""Fixity: the nightly job recomputes archived files' SHA-256; a changed byte or missing file is reported."""

from datetime import datetime
from zoneinfo import ZoneInfo

from documents.fixity import fixity_check_archived
from documents.models import DossierArchive, FixityCheck
from tests.documents.factories import DocumentFactory
from tests.factories import TenantFactory

NIGHT = datetime(2026, 12, 7, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _archived_tenant():
    tenant = TenantFactory()
    DossierArchive.objects.create(tenant=tenant, archived_at=datetime(2026, 1, 5, tzinfo=ZoneInfo("UTC")))
    return tenant


def test_fixity_reports_a_changed_byte_in_an_archived_file(db, stored_files):
    # given: two archived files, one changed by a single byte
    tenant = _archived_tenant()
    intact, changed = DocumentFactory(tenant=tenant), DocumentFactory(tenant=tenant)
    stored_files.flip_a_byte(changed.file_path)
    # when
    run = fixity_check_archived(now=NIGHT)
    # then
    assert (run.checked, run.failed) == (2, 1)
    changed.refresh_from_db()
    intact.refresh_from_db()
    assert changed.fixity_failed_at == NIGHT and intact.fixity_failed_at is None
    check = FixityCheck.objects.get(document=changed)
    assert not check.intact and check.found_sha256 and check.found_sha256 != changed.sha256
    assert FixityCheck.objects.get(document=intact).intact


def test_fixity_reports_a_missing_file(db, stored_files):
    document = DocumentFactory(tenant=_archived_tenant())
    stored_files.delete(document.file_path)
    assert fixity_check_archived(now=NIGHT).failed == 1
    assert FixityCheck.objects.get().found_sha256 == ""


def test_fixity_checks_only_archived_dossiers_and_once_a_night(db, stored_files):
    # given: a live tenant's changed file is not the archive's business
    live = DocumentFactory(tenant=TenantFactory())
    stored_files.flip_a_byte(live.file_path)
    DocumentFactory(tenant=_archived_tenant())
    # when: run twice the same night
    first, second = fixity_check_archived(now=NIGHT), fixity_check_archived(now=NIGHT)
    # then
    assert (first.checked, first.failed, second.checked) == (1, 0, 0)
    assert FixityCheck.objects.count() == 1


def test_fixity_clears_the_flag_once_the_file_is_restored(db, stored_files):
    # given: a file reported changed last night, then restored from backup
    document = DocumentFactory(tenant=_archived_tenant())
    original = stored_files.read(document.file_path)
    stored_files.flip_a_byte(document.file_path)
    fixity_check_archived(now=NIGHT)
    stored_files.replace(document.file_path, original)
    # when: the next night
    fixity_check_archived(now=NIGHT.replace(day=8))
    # then
    document.refresh_from_db()
    assert document.fixity_failed_at is None
    assert FixityCheck.objects.filter(document=document).count() == 2
