"""HTML print templates to PDF/A-3b with WeasyPrint: local resources only, Chinese fonts embedded, a QR code.

Nothing is fetched from the network while rendering: a template may only use ``data:`` URIs and files under
the project's ``static/`` folder (and the system fonts, which fontconfig finds without a URL).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from weasyprint import HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

PDF_VARIANT = "pdf/a-3b"


def _static_root() -> Path:
    return (Path(settings.BASE_DIR) / "static").resolve()


class LocalOnlyFetcher(URLFetcher):
    """Refuses all but ``data:`` URLs and files under the static folder: a print never reaches the network."""

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if path.is_relative_to(_static_root()):
                return super().fetch(url, headers)
        raise ValueError(f"Refused to fetch {url!r} while rendering a document.")


@dataclass(frozen=True)
class PrintInfo:
    """What the print shell shows on every page, available to templates as ``doc``."""

    number: str
    title: str
    kind: str
    date: date
    verify_url: str
    qr_svg: SafeString
    management_name: str
    page_counter_css: SafeString


def qr_svg(url: str) -> SafeString:
    """An inline SVG QR code for the URL, sized by CSS (no width/height attributes)."""
    svg = segno.make(url, error="m").svg_inline(omitsize=True, border=0, dark="#000")
    return mark_safe(svg)  # noqa: S308 -- produced by segno from our own URL, contains no user input


def page_counter_css() -> SafeString:
    """The translated "Page x of y" as a CSS ``content`` value: ``"Page " counter(page) " of " ...``."""
    text = _("Page [page] of [pages]")
    parts = re.split(r"(\[page\]|\[pages\])", text)
    counters = {"[page]": "counter(page)", "[pages]": "counter(pages)"}
    css = " ".join(counters.get(part) or '"' + re.sub(r'["\\]', "", part) + '"' for part in parts if part)
    return mark_safe(css)  # noqa: S308 -- quotes and backslashes removed from the translated text


# Who issues a form about a record: higher apps register a function of the record giving the issuing office's
# name ("" when it cannot tell); the first name found is printed in the header, else the company-wide name.
# The documents app knows no building: the app that owns buildings says whose a record is.
_ISSUERS: list[Callable[[Any], str]] = []


def issuer_register(find: Callable[[Any], str]) -> None:
    """Register a function naming the office that issues forms about a record (at start-up, in ``ready``)."""
    if find not in _ISSUERS:
        _ISSUERS.append(find)


def issuer_for(about: Any) -> str:
    """The name printed at the head of a form about ``about``: its building's office, else the company's."""
    if about is not None:
        for find in _ISSUERS:
            name = find(about)
            if name:
                return name
    return management_name()


def management_name() -> str:
    """The building management's name printed in every header (``settings.BUILDING_MANAGEMENT_NAME``)."""
    return getattr(settings, "BUILDING_MANAGEMENT_NAME", "") or _("Building Management Office")


def html_render(*, template: str, context: dict[str, Any], info: PrintInfo) -> str:
    return render_to_string(template, {**context, "doc": info})


def pdf_render(html: str) -> bytes:
    """The PDF/A-3b bytes of the HTML, resources resolved against ``static/`` and nothing else."""
    document = HTML(string=html, base_url=_static_root().as_uri() + "/", url_fetcher=LocalOnlyFetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT, font_config=FontConfiguration())
