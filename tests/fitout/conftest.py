import pytest

from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 -- a fixture


@pytest.fixture(autouse=True)
def _documents(document_root):
    """Every fit-out test renders or stores documents in a fresh folder."""
