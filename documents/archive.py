"""Archiving a tenant's dossier at move-out, the guard that keeps an archived dossier read-only, removing a
document's file (keeping its row), and the record of every download of a confidential document."""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import DomainError
from .models import Document, DossierArchive, DownloadRecord
from .selectors import dossier_is_archived
from .storage import document_storage


def dossier_check_open(*, tenant_id: int | None, kind: str | None = None) -> None:
    """Refuse to add to or change an archived dossier (the account's closing bills and letters excepted)."""
    if kind in Document.AFTER_ARCHIVE_KINDS:
        return
    if dossier_is_archived(tenant_id):
        raise DomainError(_("This tenant's dossier is archived: it can no longer be changed."))


@transaction.atomic
def dossier_archive(*, tenant: Any, by: AbstractBaseUser | None) -> DossierArchive:
    """Close the tenant's dossier (the move-out is complete, no lease runs): read-only from now on.

    Archiving twice keeps the first archiving.
    """
    archive, _created = DossierArchive.objects.get_or_create(
        tenant_id=tenant.pk, defaults={"archived_at": timezone.now(), "archived_by": by}
    )
    return archive


def _file_delete(document: Document) -> None:
    storage = document_storage()
    if storage.exists(document.file_path):
        storage.delete(document.file_path)


def document_file_purge(*, document: Document, reason: str, at: datetime) -> bool:
    """Delete the stored file and mark the row removed (once); the file goes only after the row commits."""
    changed = Document.objects.filter(pk=document.pk, removed_at__isnull=True).update(
        removed_at=at, removal_reason=reason[:200]
    )
    if changed:
        document.removed_at, document.removal_reason = at, reason[:200]
        # Deleting a file cannot be rolled back: do it only once the removal is committed.
        transaction.on_commit(lambda: _file_delete(document))
    return bool(changed)


@transaction.atomic
def document_remove(*, document: Document, reason: str, by: AbstractBaseUser) -> Document:
    """Staff remove a wrongly filed upload from a live dossier; the row (number, kind, hash) stays."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    dossier_check_open(tenant_id=document.tenant_id)
    if document.removed_at is not None:
        raise DomainError(_("This document has been removed already."))
    if not reason.strip():
        raise DomainError(_("Say why the document is removed."), field="reason")
    if document.signatures.exists():
        raise DomainError(_("A signed document cannot be removed."))
    who = by.get_full_name() or by.get_username()  # type: ignore[attr-defined]
    document_file_purge(document=document, reason=f"{reason.strip()} ({who})", at=timezone.now())
    return document


def download_record(*, document: Document, user: AbstractBaseUser, ip_address: str | None) -> DownloadRecord:
    """Note who fetched a confidential document, when and from where."""
    return DownloadRecord.objects.create(document=document, user=user, ip_address=ip_address or None)
