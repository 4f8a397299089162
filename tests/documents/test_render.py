"""document_render: a print template becomes a numbered PDF/A-3b with Chinese text, fonts and a QR code."""

import hashlib
import re
import xml.etree.ElementTree as ET
from io import BytesIO

import pytest
from django.conf import settings
from django.utils import timezone, translation
from pypdf import PdfReader
from weasyprint import URLFetcher

from documents.models import Document
from documents.rendering import LocalOnlyFetcher, page_counter_css, pdf_render, qr_svg
from documents.services import document_number_next, document_render, document_verify_url
from documents.storage import document_storage
from tenancy.document_kinds import TENANT_CARD

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
TEMPLATE = "documents_test/chinese_form.html"


def _render(tenant=None, rows: int = 2, **kwargs) -> Document:
    context = {
        "tenant_name": "上海示例科技有限公司",
        "credit_code": "91310000MA1FL0XX1X",
        "note": "租赁准入通知书",
    }
    arguments = {
        "template": TEMPLATE,
        "context": {**context, "rows": range(rows)},
        "kind": TENANT_CARD,
        "title": "租户信息卡",
        "tenant": tenant,
        "number_prefix": "TC",
        **kwargs,
    }
    return document_render(**arguments)


def _reader(document: Document) -> PdfReader:
    with document_storage().open(document.file_path, "rb") as handle:
        return PdfReader(BytesIO(handle.read()))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _embedded_fonts(reader: PdfReader) -> list[str]:
    names = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)[
                "/FontDescriptor"
            ].get_object()
            if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                names.append(str(font["/BaseFont"]))
    return names


def test_document_render_prints_chinese_text_with_embedded_cjk_fonts(tenant, print_templates, front_desk):
    # when
    document = _render(tenant=tenant, by=front_desk)
    # then
    reader = _reader(document)
    text = _text(reader)
    assert "租户名称" in text and "上海示例科技有限公司" in text and "客户入驻通知书" in text
    fonts = _embedded_fonts(reader)
    assert any("Noto-Sans-CJK-SC" in name for name in fonts), fonts
    assert document.tenant == tenant and document.created_by == front_desk
    assert document.content_type == "application/pdf" and document.kind == TENANT_CARD


def test_document_render_declares_pdfa_3b(tenant, print_templates):
    # when
    reader = _reader(_render(tenant=tenant))
    # then: the XMP metadata says PDF/A part 3, conformance B, and there is an output intent
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    root = ET.fromstring(xmp)  # noqa: S314 -- the PDF we just made
    descriptions = root.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")
    ids = {key: value for d in descriptions for key, value in d.attrib.items() if key.startswith(PDFAID)}
    assert ids[f"{PDFAID}part"] == "3"
    assert ids[f"{PDFAID}conformance"] == "B"
    assert "/OutputIntents" in reader.trailer["/Root"]


def test_document_render_prints_number_date_verify_link_and_page_count(tenant, print_templates):
    # given: a tenant who reads English (the clerk reads Chinese)
    tenant.language = "en"
    # when: a long form spills onto a second page
    with translation.override("zh-hans"):
        document = _render(tenant=tenant, rows=40)
    # then
    text = _text(_reader(document))
    assert re.fullmatch(rf"TC-{timezone.localdate().year}-\d{{6}}", document.number)
    assert document.number in text
    assert timezone.localdate().isoformat() in text
    # the verification link may wrap in the footer
    assert document_verify_url(document.verify_token) in "".join(text.split())
    assert "Page 1 of 2" in text and "Page 2 of 2" in text


def test_document_render_records_the_sha256_of_the_stored_pdf(tenant, print_templates, document_root):
    document = _render(tenant=tenant)
    stored = (document_root / document.file_path).read_bytes()
    assert stored.startswith(b"%PDF-")
    assert document.sha256 == hashlib.sha256(stored).hexdigest()
    assert document.size == len(stored)


def test_document_render_numbers_each_prefix_in_sequence(tenant, print_templates):
    first = _render(tenant=tenant)
    second = _render(tenant=tenant)
    other = document_number_next(prefix="AN")
    year = timezone.localdate().year
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1
    assert other == f"AN-{year}-000001"


def test_document_render_files_the_document_about_a_record(tenant, print_templates):
    document = _render(tenant=tenant, about=tenant)
    assert document.about == tenant


def test_document_number_next_refuses_a_malformed_prefix(db):
    with pytest.raises(ValueError):
        document_number_next(prefix="tc; drop")


def test_document_render_refuses_an_unknown_kind_and_stores_nothing(tenant, print_templates):
    with pytest.raises(ValueError):
        _render(tenant=tenant, kind="poem")
    assert Document.objects.count() == 0


def test_qr_code_is_an_inline_svg_of_the_verify_link():
    svg = qr_svg("https://example.test/documents/verify/x/")
    assert svg.startswith("<svg") and "viewBox" in svg and "width=" not in svg.split(">")[0]


def test_page_counter_is_translated():
    with translation.override("zh-hans"):
        css = page_counter_css()
    assert css == '"第 " counter(page) " 页，共 " counter(pages) " 页"'


def test_rendering_never_fetches_from_the_network(monkeypatch):
    # given: a page asking for a remote image and a local file outside static/
    asked = []
    monkeypatch.setattr(URLFetcher, "fetch", lambda self, url, headers=None: asked.append(url))
    html = '<p>x</p><img src="http://example.invalid/logo.png"><img src="file:///etc/hostname">'
    # when
    pdf = pdf_render(html)
    # then: the PDF is made, and neither URL reached the real fetcher
    assert pdf.startswith(b"%PDF-")
    assert asked == []


def test_local_only_fetcher_allows_data_and_static_files_only():
    fetcher = LocalOnlyFetcher()
    css = (settings.BASE_DIR / "static" / "css" / "app.css").resolve()
    assert fetcher.fetch(css.as_uri()).read()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    for url in ("http://example.invalid/", "https://example.invalid/", "file:///etc/hostname", "ftp://x/"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    escape = (settings.BASE_DIR / "static" / ".." / "config" / "settings.py").as_uri()
    with pytest.raises(ValueError):
        fetcher.fetch(escape)
