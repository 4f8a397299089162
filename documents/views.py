"""Files leave only through ``download``, which checks who asks; ``verify`` is the public page of the QR."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Document
from .selectors import document_is_intact, document_may_download
from .storage import document_storage


def _get_document_for_user(request: HttpRequest, pk: int) -> Document:
    """The document if this user may have it, else 404 (never saying that it exists)."""
    document = get_object_or_404(Document.objects.select_related("tenant"), pk=pk)
    if not document_may_download(document=document, user=request.user):
        raise Http404
    return document


@require_GET
@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """Any staff role (confidential: with tenancy.view_confidential); portal users: their tenant's own."""
    document = _get_document_for_user(request, pk)
    storage = document_storage()
    if not storage.exists(document.file_path):
        raise Http404
    response = FileResponse(
        storage.open(document.file_path, "rb"),
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@never_cache
def document_verify(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """Public, no login: kind, number, date and whether the stored file is intact; nothing personal."""
    document = get_object_or_404(Document, verify_token=token)
    context = {"document": document, "intact": document_is_intact(document)}
    return render(request, "documents/verify.html", context)
