"""What a file is, told by its first bytes: never by its name or by the content type the browser claims."""

import struct
from dataclasses import dataclass
from typing import IO

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


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ACCEPTED_TYPES: tuple[FileType, ...] = (
    FileType("application/pdf", ".pdf", b"%PDF-"),
    FileType("image/jpeg", ".jpg", JPEG_MAGIC),
    FileType("image/png", ".png", PNG_MAGIC),
)
_HEAD_LENGTH = max(len(t.magic) for t in ACCEPTED_TYPES)


def sniff(head: bytes) -> FileType | None:
    """The accepted type whose signature the bytes start with, if any."""
    return next((t for t in ACCEPTED_TYPES if head.startswith(t.magic)), None)


# JPEG frame headers (SOF0-SOF15) state the size; DHT (C4), JPG (C8) and DAC (CC) share the range but do not.
_JPEG_FRAME_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Markers without a length: TEM and the restart markers.
_JPEG_BARE_MARKERS = frozenset({0x01, *range(0xD0, 0xD8)})
# Real files state their size within a few dozen segments; a file that does not is not searched further.
_JPEG_MAX_SEGMENTS = 1000
# A drawn signature is a canvas at most a few thousand pixels wide.
SIGNATURE_MAX_PIXELS = 8_000_000


def _jpeg_size(stream: IO[bytes]) -> tuple[int, int] | None:
    """Walk the JPEG's segments (skipping their contents) to the frame header; None when there is none."""
    stream.seek(2)
    for _segment in range(_JPEG_MAX_SEGMENTS):
        if stream.read(1) != b"\xff":
            return None
        marker = stream.read(1)
        while marker == b"\xff":  # fill bytes before a marker
            marker = stream.read(1)
        if not marker or marker in (b"\xd9", b"\xda"):  # end of image, or the scan began without a frame
            return None
        code = marker[0]
        if code in _JPEG_BARE_MARKERS:
            continue
        length_bytes = stream.read(2)
        if len(length_bytes) < 2:
            return None
        (length,) = struct.unpack(">H", length_bytes)
        if code in _JPEG_FRAME_MARKERS:
            frame = stream.read(5)
            if len(frame) < 5:
                return None
            height, width = struct.unpack(">HH", frame[1:5])
            return width, height
        if length < 2:
            return None
        stream.seek(length - 2, 1)
    return None


def image_pixel_size(stream: IO[bytes]) -> tuple[int, int] | None:
    """Width and height as a PNG's or JPEG's header states them, read without decoding a pixel."""
    stream.seek(0)
    head = stream.read(24)
    try:
        if head.startswith(PNG_MAGIC) and head[12:16] == b"IHDR":
            width, height = struct.unpack(">II", head[16:24])
            return width, height
        if head.startswith(JPEG_MAGIC):
            return _jpeg_size(stream)
        return None
    finally:
        stream.seek(0)


def check_image_pixels(stream: IO[bytes], *, limit: int | None = None) -> None:
    """Refuse a picture whose header claims more pixels than the limit (a decompression bomb) before any
    decoding; ``UPLOAD_MAX_PIXELS`` unless a limit is given."""
    limit = limit or settings.UPLOAD_MAX_PIXELS
    size = image_pixel_size(stream)
    if size is not None and size[0] * size[1] > limit:
        raise ValidationError(
            _("The picture is too large (%(width)d × %(height)d pixels); the limit is %(limit)s megapixels.")
            % {"width": size[0], "height": size[1], "limit": f"{limit / 1_000_000:g}"},
            code="too_many_pixels",
        )


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
    if file_type.content_type.startswith("image/"):
        check_image_pixels(file)
    return file_type
