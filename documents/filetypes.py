"""What a file is, told by its first bytes: never by its name or by the content type the browser claims."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    magic: bytes


ACCEPTED_TYPES: tuple[FileType, ...] = (
    FileType("application/pdf", ".pdf", b"%PDF-"),
    FileType("image/jpeg", ".jpg", b"\xff\xd8\xff"),
    FileType("image/png", ".png", b"\x89PNG\r\n\x1a\n"),
)
_HEAD_LENGTH = max(len(t.magic) for t in ACCEPTED_TYPES)


def sniff(head: bytes) -> FileType | None:
    """The accepted type whose signature the bytes start with, if any."""
    return next((t for t in ACCEPTED_TYPES if head.startswith(t.magic)), None)


def extension_for(content_type: str) -> str:
    return next((t.extension for t in ACCEPTED_TYPES if t.content_type == content_type), "")


def validate_document_file(file: File) -> FileType:
    """Refuse an empty, oversized or unaccepted file with a message the user can act on; return its type."""
    limit = settings.UPLOAD_MAX_BYTES
    if not file.size:
        raise ValidationError(_("The file is empty."), code="empty")
    if file.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    file.seek(0)
    head = file.read(_HEAD_LENGTH)
    file.seek(0)
    file_type = sniff(head)
    if file_type is None:
        raise ValidationError(
            _("This file is not a PDF, JPEG or PNG document. Please upload a scan or a PDF."),
            code="unaccepted_type",
        )
    return file_type
