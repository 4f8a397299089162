"""document_upload and DocumentFileField accept files by their bytes, within the size and pixel caps,
fingerprinted."""

import base64
import hashlib
import io
import struct
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image

from documents.filetypes import image_pixel_size
from documents.forms import DocumentFileField
from documents.kinds import OTHER, PHOTO
from documents.models import Document
from documents.selectors import documents_about
from documents.services import document_upload
from documents.storage import document_storage
from fitout.forms import SignForm as FitoutSignForm
from handover.forms import SignForm as HandoverSignForm
from servicedesk.services._base import photo_check
from tenancy.document_kinds import BUSINESS_LICENCE, FINANCIAL_STATEMENT, ID_COPY
from tests.documents.factories import EXE_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES, upload


def test_document_upload_accepts_a_pdf_named_png_as_a_pdf(tenant, front_desk):
    # given: a PDF whose name and claimed type say PNG
    file = upload("scan.png", PDF_BYTES, content_type="image/png")
    # when
    document = document_upload(file=file, kind=OTHER, tenant=tenant, by=front_desk)
    # then: it is stored as what it is
    assert document.content_type == "application/pdf"
    assert document.file_path.endswith(".pdf")
    assert document.original_filename == "scan.png"
    assert document.download_name == "scan.pdf"
    assert document.created_by == front_desk
    assert document.number.startswith("UP-")


@pytest.mark.parametrize(
    ("content", "content_type", "extension"),
    [
        (JPEG_BYTES, "image/jpeg", ".jpg"),
        (PNG_BYTES, "image/png", ".png"),
        (PDF_BYTES, "application/pdf", ".pdf"),
    ],
)
def test_document_upload_recognises_each_accepted_type(tenant, content, content_type, extension):
    # when: the browser claims nothing useful
    document = document_upload(file=upload("file.bin", content), kind=OTHER, tenant=tenant)
    # then
    assert document.content_type == content_type
    assert document.file_path.endswith(extension)


def test_document_upload_records_sha256_and_size_and_stores_the_bytes(tenant, stored_files):
    # when
    document = document_upload(file=upload("bilan.pdf", PDF_BYTES), kind=FINANCIAL_STATEMENT)
    # then
    assert document.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert document.size == len(PDF_BYTES)
    assert stored_files.read(document.file_path) == PDF_BYTES
    assert "bilan" not in document.file_path  # stored under a random name, not the client's


def test_document_upload_never_overwrites_a_file_with_the_same_name(tenant):
    # when
    first = document_upload(file=upload("licence.pdf", PDF_BYTES), kind=OTHER)
    second = document_upload(file=upload("licence.pdf", PDF_BYTES + b"%second"), kind=OTHER)
    # then
    assert first.file_path != second.file_path
    assert first.number != second.number
    assert document_storage().open(first.file_path).read() == PDF_BYTES


@pytest.mark.parametrize(
    ("name", "content"),
    [("setup.pdf", EXE_BYTES), ("notes.pdf", b"just some text, not a PDF"), ("%PDF.pdf", b" %PDF-1.4")],
)
def test_document_upload_refuses_other_content_and_stores_nothing(tenant, stored_files, name, content):
    # given: an executable renamed .pdf that claims to be a PDF
    file = upload(name, content, content_type="application/pdf")
    # when / then
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        document_upload(file=file, kind=OTHER, tenant=tenant)
    assert "not a PDF, JPEG or PNG" in refused.value.messages[0]
    assert Document.objects.count() == 0
    assert stored_files.names() == []


def test_document_upload_refuses_an_oversized_file(tenant, settings, stored_files):
    # given
    settings.UPLOAD_MAX_BYTES = 1000
    file = upload("big.pdf", PDF_BYTES + b"0" * 1000)
    # when / then
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        document_upload(file=file, kind=OTHER, tenant=tenant)
    assert "too large" in refused.value.messages[0]
    assert Document.objects.count() == 0
    assert stored_files.names() == []


def test_document_upload_accepts_a_file_exactly_at_the_cap(tenant, settings):
    # given
    settings.UPLOAD_MAX_BYTES = 1000
    content = PDF_BYTES + b"0" * (1000 - len(PDF_BYTES))
    # when
    document = document_upload(file=upload("edge.pdf", content), kind=OTHER)
    # then
    assert document.size == 1000


def test_document_upload_refuses_an_empty_file(tenant):
    with pytest.raises(ValidationError):
        document_upload(file=upload("empty.pdf", b""), kind=OTHER)
    assert Document.objects.count() == 0


@pytest.mark.parametrize("kind", [BUSINESS_LICENCE, ID_COPY])
def test_document_upload_makes_licences_and_id_copies_confidential(tenant, kind):
    # when: the caller does not ask for confidentiality
    document = document_upload(file=upload("scan.jpg", JPEG_BYTES), kind=kind, tenant=tenant)
    # then
    assert document.confidential is True


def test_document_upload_keeps_other_kinds_open_unless_asked(tenant):
    open_document = document_upload(file=upload("a.pdf", PDF_BYTES), kind=OTHER)
    closed_document = document_upload(file=upload("b.pdf", PDF_BYTES), kind=OTHER, confidential=True)
    assert open_document.confidential is False
    assert closed_document.confidential is True


def test_document_upload_files_a_document_about_any_record(tenant, other_tenant):
    # when: a document is about a record (here, a tenant row; any model works)
    document = document_upload(file=upload("a.pdf", PDF_BYTES), kind=OTHER, about=tenant)
    # then
    assert document.about == tenant
    assert list(documents_about(tenant)) == [document]
    assert list(documents_about(other_tenant)) == []


def test_document_upload_refuses_an_unknown_kind(tenant):
    with pytest.raises(ValueError):
        document_upload(file=upload("a.pdf", PDF_BYTES), kind="poem")


class _LicenceForm(forms.Form):
    scan = DocumentFileField(label="Licence scan")


def test_document_file_field_shows_the_refusal_at_the_field():
    # given: an executable renamed .pdf
    form = _LicenceForm(files={"scan": upload("licence.pdf", EXE_BYTES, content_type="application/pdf")})
    # when
    with translation.override("en"):
        valid = form.is_valid()
        errors = form.errors["scan"]
    # then
    assert not valid
    assert "not a PDF, JPEG or PNG" in errors[0]


def test_document_file_field_refuses_oversize_and_accepts_a_png(settings):
    settings.UPLOAD_MAX_BYTES = 100
    with translation.override("en"):
        big = _LicenceForm(files={"scan": upload("a.png", PNG_BYTES + b"0" * 100)})
        assert not big.is_valid() and "too large" in big.errors["scan"][0]
        small = _LicenceForm(files={"scan": upload("a.pdf", PNG_BYTES)})
        assert small.is_valid(), small.errors


def test_document_file_field_message_is_translated():
    # given the default language (Simplified Chinese)
    form = _LicenceForm(files={"scan": upload("licence.pdf", EXE_BYTES)})
    # when
    with translation.override("zh-hans"):
        form.is_valid()
        message = form.errors["scan"][0]
    # then
    assert "PDF" in message and "not a PDF" not in message


# ---- pictures are measured by their header before anything decodes them (decompression bombs) ----


def _png_claiming(width: int, height: int) -> bytes:
    """A small, well-formed PNG whose header claims the given size (its data would unpack to gigabytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 4096))
        + chunk(b"IEND", b"")
    )


def _jpeg_claiming(width: int, height: int) -> bytes:
    """A JPEG with an EXIF segment before its frame header, which claims the given size."""
    exif = b"\xff\xe1" + struct.pack(">H", 2 + 300) + b"Exif\x00\x00" + b"\x00" * 294
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + exif + frame + b"\xff\xd9"


def _real_picture(fmt: str, size: tuple[int, int] = (30, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_image_pixel_size_reads_the_header_of_real_pictures(fmt):
    assert image_pixel_size(io.BytesIO(_real_picture(fmt))) == (30, 20)


@pytest.mark.parametrize(
    ("name", "content"),
    [("bomb.png", _png_claiming(50_000, 50_000)), ("bomb.jpg", _jpeg_claiming(60_000, 60_000))],
)
def test_document_upload_refuses_a_picture_claiming_too_many_pixels(tenant, stored_files, name, content):
    # when / then
    with pytest.raises(ValidationError) as refusal:
        document_upload(file=upload(name, content), kind=PHOTO, tenant=tenant)
    assert refusal.value.code == "too_many_pixels"
    assert stored_files.names() == []


def test_document_file_field_shows_a_decompression_bomb_at_the_field_in_chinese():
    # given: a 40 KB-class PNG claiming 50,000 × 50,000 pixels
    form = _LicenceForm(files={"scan": upload("scan.png", _png_claiming(50_000, 50_000))})
    # when
    with translation.override("zh-hans"):
        valid = form.is_valid()
        message = form.errors["scan"][0]
    # then: refused at the field, in the page's language
    assert not valid
    assert "50000 × 50000" in message and "too large" not in message


def test_a_picture_within_the_pixel_limit_is_accepted(settings):
    settings.UPLOAD_MAX_PIXELS = 600
    with translation.override("en"):
        assert _LicenceForm(files={"scan": upload("a.png", _real_picture("PNG"))}).is_valid()
        over = _LicenceForm(files={"scan": upload("a.jpg", _real_picture("JPEG", (30, 21)))})
        assert not over.is_valid() and "too large" in over.errors["scan"][0]


def _data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


@pytest.mark.parametrize("form_class", [HandoverSignForm, FitoutSignForm])
def test_a_signature_claiming_too_many_pixels_is_refused_at_the_field(form_class):
    # given: both names typed; the first signature box posts a bomb instead of the canvas
    names = [name for name in form_class.base_fields if name.endswith("_name")]
    boxes = [name for name in form_class.base_fields if name.endswith("_signature")]
    data = {name: "张三" for name in names} | {box: _data_url(_real_picture("PNG")) for box in boxes}
    data[boxes[0]] = _data_url(_png_claiming(50_000, 50_000))
    form = form_class(data=data)
    # when
    with translation.override("en"):
        valid = form.is_valid()
    # then: a message at that field, not a server error
    assert not valid
    assert "too large" in form.errors[boxes[0]][0]


def test_a_ticket_photo_claiming_too_many_pixels_is_refused():
    with pytest.raises(ValidationError) as refusal:
        photo_check(upload("leak.jpg", _jpeg_claiming(60_000, 60_000)))
    assert refusal.value.code == "too_many_pixels"
