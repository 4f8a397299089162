"""Archiving a tenant's dossier at move-out, the guard that keeps an archived dossier read-only, removing a
wrongly filed upload (asked for, held in quarantine, confirmed by management: the file goes, its row stays),
and the record of every download of a confidential document."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import REMOVAL_CONFIRM, REMOVAL_REQUEST, user_may
from .actors import User
from .errors import DomainError
from .kinds import kind_keys
from .models import Document, DossierArchive, DownloadRecord
from .references import document_references
from .selectors import dossier_is_archived
from .storage import document_storage


def dossier_check_open(*, tenant_id: int | None, kind: str | None = None) -> None:
    """Refuse to add to or change an archived dossier (the account's closing bills and letters excepted)."""
    if kind is not None and kind in kind_keys(after_archive=True):
        return
    if dossier_is_archived(tenant_id):
        raise DomainError(_("This tenant's dossier is archived: it can no longer be changed."))


@transaction.atomic
def dossier_archive(*, tenant: Any, by: User | None) -> DossierArchive:
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


def _who(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _check_removable(document: Document) -> None:
    """Only a wrong upload goes: never a rendered form, nor a file a record, notice or signature holds."""
    if document.is_rendered:
        raise DomainError(
            _("A %(kind)s is a record of its own: it is corrected by a new one, never removed.")
            % {"kind": document.get_kind_display()}
        )
    holders = document_references(document)
    if holders:
        raise DomainError(
            _("This document is referenced (%(holders)s) and cannot be removed.")
            % {"holders": ", ".join(holders)}
        )


@transaction.atomic
def document_remove(*, document: Document, reason: str, by: User) -> Document:
    """Staff ask to remove a wrongly filed upload from a live dossier: it waits in quarantine (hidden from the
    dossier, file kept) until management confirms or restores it."""
    if not user_may(REMOVAL_REQUEST, by):
        raise PermissionDenied(_("Your role may not remove documents from a dossier."))
    document = Document.objects.select_for_update().get(pk=document.pk)
    dossier_check_open(tenant_id=document.tenant_id)
    if document.removed_at is not None:
        raise DomainError(_("This document has been removed already."))
    if document.quarantined_at is not None:
        raise DomainError(_("The removal of this document has been asked for already."))
    if not reason.strip():
        raise DomainError(_("Say why the document is removed."), field="reason")
    _check_removable(document)
    document.quarantined_at, document.quarantined_by = timezone.now(), by
    document.removal_reason = reason.strip()[:150]
    document.save(update_fields=["quarantined_at", "quarantined_by", "removal_reason"])
    return document


def _quarantined_for_decision(document: Document, by: User) -> Document:
    if not user_may(REMOVAL_CONFIRM, by):
        raise PermissionDenied(_("Only management confirms or refuses the removal of a document."))
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.quarantined_at is None or document.removed_at is not None:
        raise DomainError(_("No removal of this document is waiting for a decision."))
    return document


@transaction.atomic
def document_removal_confirm(*, document: Document, by: User) -> Document:
    """Management confirms a removal: the file is deleted; the row (number, kind, hash, reason) stays."""
    document = _quarantined_for_decision(document, by)
    dossier_check_open(tenant_id=document.tenant_id)
    _check_removable(document)
    requested_by = _who(document.quarantined_by) if document.quarantined_by else "?"
    reason = _("%(reason)s (asked by %(requester)s, confirmed by %(confirmer)s)") % {
        "reason": document.removal_reason,
        "requester": requested_by,
        "confirmer": _who(by),
    }
    document_file_purge(document=document, reason=reason, at=timezone.now())
    return document


@transaction.atomic
def document_removal_restore(*, document: Document, by: User) -> Document:
    """Management refuses a removal: the upload is back in the dossier as it was."""
    document = _quarantined_for_decision(document, by)
    document.quarantined_at, document.quarantined_by, document.removal_reason = None, None, ""
    document.save(update_fields=["quarantined_at", "quarantined_by", "removal_reason"])
    return document


def download_record(*, document: Document, user: User, ip_address: str | None) -> DownloadRecord:
    """Note who fetched a confidential document, when and from where."""
    return DownloadRecord.objects.create(document=document, user=user, ip_address=ip_address or None)
