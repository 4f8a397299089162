"""Where document files live: under ``settings.DOCUMENT_ROOT``, outside static and public media, with no URL.

Files are stored under fresh random names and never overwritten; the only way out is the download view.
"""

import hashlib
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

_CHUNK = 64 * 1024


class PrivateStorage(FileSystemStorage):
    """A file-system storage without public URLs: asking for one is a programming error."""

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Document files have no public URL; link to documents:download instead.")


def document_storage() -> PrivateStorage:
    """The storage for document files; built per call so a changed ``DOCUMENT_ROOT`` (tests) is honoured."""
    return PrivateStorage(location=settings.DOCUMENT_ROOT, base_url=None)


def sha256_of_chunks(chunks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def file_store(*, file: File, extension: str) -> str:
    """Save the file under a new random name (``2026/05/<uuid>.pdf``); return its path under the root."""
    today = timezone.localdate()
    name = f"{today:%Y}/{today:%m}/{uuid.uuid4().hex}{extension}"
    file.seek(0)
    return document_storage().save(name, file)


def stored_sha256(path: str) -> str | None:
    """The SHA-256 of the file as it is on disk now, or None when it is missing."""
    storage = document_storage()
    if not storage.exists(path):
        return None
    with storage.open(path, "rb") as handle:
        return sha256_of_chunks(iter(lambda: handle.read(_CHUNK), b""))
