"""Billing tests read pages in English (the messages they look for); the browser test reads Chinese."""

import pytest


@pytest.fixture(autouse=True)
def _english_pages(settings):
    settings.LANGUAGE_CODE = "en"
