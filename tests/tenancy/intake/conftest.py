"""Intake tests store uploaded and rendered documents in a folder of their own."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return settings.DOCUMENT_ROOT


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """The public page counts posts per address in Redis: the test client's address starts from zero."""
    cache.delete("intake:public:127.0.0.1")
    yield
    cache.delete("intake:public:127.0.0.1")


@pytest.fixture(autouse=True)
def _english():
    """Services' messages are read in English here; pages are checked in the language they are served in."""
    from django.utils import translation

    with translation.override("en"):
        yield
