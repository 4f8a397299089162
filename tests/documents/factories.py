"""Documents with real files on disk (under the test's DOCUMENT_ROOT), notices, and sample file contents."""

import hashlib

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.kinds import OTHER
from documents.models import Document, Notice
from documents.storage import file_store
from tests.factories import TenantFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40 + b"\xff\xd9"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """A browser upload: the name and claimed content type are whatever the client says."""
    return SimpleUploadedFile(name, content, content_type=content_type)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    class Params:
        content = PDF_BYTES

    kind = OTHER
    title = factory.Sequence(lambda n: f"材料{n}")
    number = factory.Sequence(lambda n: f"UP-2026-{n + 1:06d}")
    tenant = factory.SubFactory(TenantFactory)
    file_path = factory.LazyAttribute(lambda o: file_store(file=ContentFile(o.content), extension=".pdf"))
    original_filename = factory.LazyAttribute(lambda o: f"{o.title}.pdf")
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda o: len(o.content))
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    tenant = factory.SubFactory(TenantFactory)
    subject = factory.Sequence(lambda n: f"缴费通知{n}")
    body = "请于月底前缴清本月管理费。"
