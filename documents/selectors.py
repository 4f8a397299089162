"""Read side of documents: who may fetch a file, is a stored file intact, what is filed about a record."""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.utils.module_loading import import_string

from .models import Document, DossierArchive, Notice
from .storage import stored_sha256

CONFIDENTIAL_PERMISSION = "tenancy.view_confidential"


def document_may_download(*, document: Document, user: Any) -> bool:
    """Staff may (confidential: with the permission); portal users their tenant's non-confidential ones."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        if document.confidential and not user.has_perm(CONFIDENTIAL_PERMISSION):
            return False
        return not dossier_is_archived(document.tenant_id) or may_see_archive(user)
    if document.confidential or document.tenant_id is None:
        return False
    return document.tenant.memberships.filter(user=user).exists()


def document_is_intact(document: Document) -> bool:
    """The file on disk still has the SHA-256 recorded when it was stored (False when it is missing)."""
    return stored_sha256(document.file_path) == document.sha256


def documents_about(record: Model) -> QuerySet[Document]:
    """Documents filed about a record of any app (through the generic ``about`` reference)."""
    return Document.objects.filter(about_type=ContentType.objects.get_for_model(record), about_id=record.pk)


def notice_list() -> QuerySet[Notice]:
    """Notices, newest first, with their attachment in the same query (scope it with ``for_tenant``)."""
    return Notice.objects.select_related("attachment").order_by("-created_at", "-pk")


def may_see_archive(user: Any) -> bool:
    """Whether the user may see archived dossiers (the check tenancy defines, named in settings)."""
    return bool(import_string(settings.DOCUMENT_ARCHIVE_ACCESS)(user))


def dossier_is_archived(tenant_id: int | None) -> bool:
    return tenant_id is not None and DossierArchive.objects.filter(tenant_id=tenant_id).exists()
