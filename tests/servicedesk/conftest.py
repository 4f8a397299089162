"""Service desk fixtures: documents stored in a temporary folder, a category and a unit to report on."""

import pytest

from servicedesk import sla
from tests.leasing.factories import UnitFactory

from .factories import CategoryFactory


@pytest.fixture(autouse=True)
def _document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Users are made by the dozen here; their passwords need not be expensive to hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _forget_warned_years():
    sla._warned_years.clear()
    yield
    sla._warned_years.clear()


@pytest.fixture
def category(db):
    return CategoryFactory(name="空调暖通测试", name_en="Air conditioning (test)", department="engineering")


@pytest.fixture
def unit(db):
    return UnitFactory()
