"""Retention: files of an archived dossier are removed a configured number of years after the move-out."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .archive import document_file_purge
from .kinds import kind_known, kinds_all
from .models import Document, RetentionRemoval


def years_before(moment: datetime, years: int) -> datetime:
    """The same moment ``years`` earlier (29 February becomes the 28th in a common year)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def retention_policy() -> dict[str, int]:
    """Kind → years kept after archiving: the years each app registered for its kind, changed per kind by
    ``DOCUMENT_RETENTION_YEARS``; unknown kinds are ignored, kinds without years are kept."""
    registered = {kind.key: kind.retention_years for kind in kinds_all() if kind.retention_years is not None}
    configured = settings.DOCUMENT_RETENTION_YEARS.items()
    return registered | {kind: years for kind, years in configured if kind_known(kind)}


def retention_due(*, now: datetime) -> list[tuple[Document, int]]:
    """Kept documents of dossiers archived longer ago than their kind's retention, with those years."""
    due = []
    for kind, years in retention_policy().items():
        cutoff = years_before(now, years)
        documents = Document.objects.filter(
            kind=kind, removed_at__isnull=True, tenant__dossier_archive__archived_at__lte=cutoff
        ).select_related("tenant__dossier_archive")
        due += [(document, years) for document in documents]
    return due


def retention_apply(*, now: datetime | None = None) -> int:
    """Remove every file the policy says is due and record each removal; a second run removes nothing."""
    now = now or timezone.now()
    removed = 0
    for document, years in retention_due(now=now):
        removed += _remove(document, years, now)
    return removed


@transaction.atomic
def _remove(document: Document, years: int, now: datetime) -> int:
    reason = _("Retention: kept %(years)s years after the move-out") % {"years": years}
    if not document_file_purge(document=document, reason=reason, at=now):
        return 0  # removed meanwhile by another run
    RetentionRemoval.objects.create(
        document=document,
        tenant_id=document.tenant_id,
        kind=document.kind,
        number=document.number,
        sha256=document.sha256,
        retention_years=years,
        archived_at=document.tenant.dossier_archive.archived_at,
        removed_at=now,
    )
    return 1
