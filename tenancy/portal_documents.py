"""The tenant's downloads in the portal: found from the logged-in tenant, by an unguessable token.

A document another tenant owns, one kept internal (not visible to the tenant), removed or waiting for its
removal answers 404 like a token that does not exist.
"""

import uuid
from collections.abc import Iterable

from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from documents.access import tenant_downloadable
from documents.models import Document
from documents.views import document_file_response

from .access import PortalRequest, portal_tenant, portal_view


def portal_documents(request: HttpRequest, ids: Iterable[int | None]) -> dict[int, Document]:
    """Of these document ids, the tenant's own that it may download, by id, in one query (for links)."""
    wanted = {pk for pk in ids if pk}
    if not wanted:
        return {}
    documents = tenant_downloadable(
        tenant_id=portal_tenant(request).pk, documents=Document.objects.filter(pk__in=wanted)
    )
    return {document.pk: document for document in documents.only("pk", "download_token", "tenant_id")}


@require_GET
@portal_view
def portal_document_download(request: PortalRequest, token: uuid.UUID) -> FileResponse:
    """Portal users of the tenant only: one of its documents meant for it; anything else is a 404."""
    documents = tenant_downloadable(tenant_id=request.tenant.pk, documents=Document.objects.all())
    return document_file_response(request, get_object_or_404(documents, download_token=token))
