from pathlib import Path

import pytest

TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path):
    """Every documents test stores its files in a fresh folder of its own."""
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return settings.DOCUMENT_ROOT


@pytest.fixture
def print_templates(settings):
    """Adds tests/documents/templates, which holds a sample form extending the print shell."""
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEST_TEMPLATES]}]
