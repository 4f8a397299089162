"""Issue 22 helpers: what a PDF says, and a clerk who reads English."""

import io
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import translation
from pypdf import PdfReader

from documents.models import Document
from documents.storage import document_storage


def pdf_text(document: Document) -> str:
    """Every page's text, one string."""
    with document_storage().open(document.file_path, "rb") as handle:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


@contextmanager
def clerk_reading_english() -> Iterator[None]:
    """The request's language of a clerk who set the interface to English."""
    with translation.override("en"):
        yield


def set_language(tenant: object, language: str) -> None:
    tenant.language = language  # type: ignore[attr-defined]
    tenant.save(update_fields=["language"])  # type: ignore[attr-defined]
