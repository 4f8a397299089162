import pytest

from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 -- a fixture

from .factories import move_in_visit


@pytest.fixture(autouse=True)
def _documents(document_root):
    """Every handover test renders or stores documents in a fresh folder."""


@pytest.fixture
def visit(db, tenant):
    """An open move-in visit of a signed lease of ``tenant`` (one unit, one electricity meter)."""
    return move_in_visit(tenant=tenant)
