"""Fixity: the nightly recomputation of archived files' SHA-256, each check recorded, mismatches flagged."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import Document, FixityCheck
from .storage import stored_sha256

BATCH = 200


@dataclass(frozen=True)
class FixityRun:
    checked: int
    failed: int


def archived_documents() -> QuerySet[Document]:
    """Files of archived dossiers that are still kept (removed ones have no file to check)."""
    return Document.objects.filter(tenant__dossier_archive__isnull=False, removed_at__isnull=True)


def fixity_check_archived(*, now: datetime | None = None) -> FixityRun:
    """Recompute the SHA-256 of every archived file not yet checked today and record the result.

    A file that differs from its recorded hash, or is missing, is flagged (``fixity_failed_at``) until a
    later check finds it intact again. Running twice on a day checks nothing the second time.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = (
        archived_documents()
        .exclude(fixity_checks__checked_on=today)
        .only("pk", "file_path", "sha256", "fixity_failed_at")
        .order_by("pk")
    )
    checked = failed = 0
    batch: list[Document] = []
    for document in due.iterator(chunk_size=BATCH):
        batch.append(document)
        if len(batch) == BATCH:
            failed += _check_batch(batch, now, today)
            checked, batch = checked + len(batch), []
    if batch:
        failed += _check_batch(batch, now, today)
        checked += len(batch)
    return FixityRun(checked=checked, failed=failed)


@transaction.atomic
def _check_batch(documents: list[Document], now: datetime, today: object) -> int:
    checks = []
    for document in documents:
        found = stored_sha256(document.file_path) or ""
        checks.append(
            FixityCheck(
                document_id=document.pk,
                checked_on=today,
                checked_at=now,
                expected_sha256=document.sha256,
                found_sha256=found,
                intact=found == document.sha256,
            )
        )
    FixityCheck.objects.bulk_create(checks, ignore_conflicts=True)
    bad = [check.document_id for check in checks if not check.intact]
    good = [check.document_id for check in checks if check.intact]
    Document.objects.filter(pk__in=bad, fixity_failed_at__isnull=True).update(fixity_failed_at=now)
    Document.objects.filter(pk__in=good, fixity_failed_at__isnull=False).update(fixity_failed_at=None)
    return len(bad)
