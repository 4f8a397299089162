import csv
import io
from datetime import date, timedelta

import pytest
from openpyxl import Workbook

TODAY = date.today()


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path):
    """The uploaded files are kept in a fresh folder per test."""
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return settings.DOCUMENT_ROOT


def as_csv(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def as_xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def days(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


@pytest.fixture(autouse=True)
def _english():
    """The messages are read in English here (the browser test reads them in Chinese)."""
    from django.utils import translation

    with translation.override("en"):
        yield
