"""Read side of documents: is a stored file intact, what is filed about a record, what waits in quarantine.

Who may fetch a file is ``documents.access``.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from .access import document_may_download, may_see_archive
from .models import Document, DossierArchive, Notice
from .storage import stored_sha256


def document_is_intact(document: Document) -> bool:
    """The file on disk still has the SHA-256 recorded when it was stored (False when it is missing)."""
    return stored_sha256(document.file_path) == document.sha256


def documents_about(record: Model) -> QuerySet[Document]:
    """Documents filed about a record of any app (through the generic ``about`` reference)."""
    return Document.objects.filter(about_type=ContentType.objects.get_for_model(record), about_id=record.pk)


def notice_list() -> QuerySet[Notice]:
    """Notices, newest first, with their attachment in the same query (scope it with ``for_tenant``)."""
    return Notice.objects.select_related("attachment").order_by("-created_at", "-pk")


def dossier_is_archived(tenant_id: int | None) -> bool:
    return tenant_id is not None and DossierArchive.objects.filter(tenant_id=tenant_id).exists()


def quarantined_documents() -> QuerySet[Document]:
    """Uploads whose removal waits for management, oldest request first, with tenant and requester."""
    return (
        Document.objects.filter(quarantined_at__isnull=False, removed_at__isnull=True)
        .select_related("tenant", "quarantined_by")
        .order_by("quarantined_at", "pk")
    )


__all__ = [
    "document_is_intact",
    "document_may_download",
    "documents_about",
    "dossier_is_archived",
    "may_see_archive",
    "notice_list",
    "quarantined_documents",
]
