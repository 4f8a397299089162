"""Files leave only through ``download`` (staff) and the portal's download by token, both of which check who
asks; ``verify`` is the public page of the QR."""

import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .access import staff_downloadable
from .actors import AuthenticatedRequest
from .archive import download_record
from .clientip import client_ip
from .forms import CompareForm
from .models import Document
from .selectors import document_is_intact
from .storage import Stream, file_stream, sha256_of_chunks


def _get_document_for_user(request: HttpRequest, pk: int) -> Document:
    """The document if this staff user may have it, else 404 (never saying that it exists)."""
    documents = staff_downloadable(user=request.user, documents=Document.objects.all())
    return get_object_or_404(documents, pk=pk)


def stream_or_404(path: str) -> Stream:
    """The stored file opened for streaming, or 404 when it is not there."""
    try:
        return file_stream(path)
    except FileNotFoundError:
        raise Http404 from None


def streamed_file_response(stream: Stream, **options: Any) -> FileResponse:
    """The stored file sent in chunks as it is read from the storage (never loaded whole), with its length."""
    response = FileResponse(stream, **options)
    if stream.size is not None:
        response["Content-Length"] = str(stream.size)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def document_file_response(request: AuthenticatedRequest, document: Document) -> FileResponse:
    """The stored file as an attachment (404 when removed or missing); a confidential one's download is
    recorded with who and from where."""
    if document.removed_at is not None:
        raise Http404
    stream = stream_or_404(document.file_path)
    if document.confidential:
        download_record(document=document, user=request.user, ip_address=client_ip(request))
    response = streamed_file_response(
        stream, as_attachment=True, filename=document.download_name, content_type=document.content_type
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@login_required
def document_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """Staff only, each role what ``documents.access`` lets it open (confidential: with
    tenancy.view_confidential; archived dossiers: with the archive right). Tenants download through the
    portal, by token. Every download of a confidential document is recorded."""
    return document_file_response(request, _get_document_for_user(request, pk))


def _token(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
@never_cache
def document_verify(request: HttpRequest, token: str) -> HttpResponse:
    """Public, no login: kind, number, date and whether the stored file is intact; nothing personal.

    A wrong or tampered code gets a friendly answer page (404). Staff may also upload a copy to learn
    whether it is byte for byte the archived file.
    """
    parsed = _token(token)
    document = Document.objects.filter(verify_token=parsed).first() if parsed else None
    if document is None:
        return render(request, "documents/verify_unknown.html", status=404)
    is_staff = request.user.is_authenticated and request.user.is_staff
    form = CompareForm(request.POST or None, request.FILES or None) if is_staff else None
    comparison = None
    if form is not None and request.method == "POST" and form.is_valid():
        comparison = sha256_of_chunks(form.cleaned_data["file"].chunks()) == document.sha256
    context = {
        "document": document,
        "removed": document.removed_at is not None,
        "intact": document.removed_at is None and document_is_intact(document),
        "form": form,
        "comparison": comparison,
    }
    return render(request, "documents/verify.html", context)
