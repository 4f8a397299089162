"""Service desk fixtures: documents stored in a temporary folder, a category and a unit to report on."""

from datetime import timedelta

import pytest
from django.utils import timezone

from leasing.models import Lease
from tests.leasing.factories import UnitFactory
from tests.leasing.lease_factories import lease_in

from .factories import CategoryFactory


@pytest.fixture(autouse=True)
def _document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Users are made by the dozen here; their passwords need not be expensive to hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def category(db):
    return CategoryFactory(name="空调暖通测试", name_en="Air conditioning (test)", department="engineering")


@pytest.fixture
def unit(db):
    return UnitFactory()


@pytest.fixture
def leased_unit(tenant):
    """A unit the tenant holds under a running lease: one a portal user may report on."""
    today = timezone.localdate()
    lease = lease_in(
        Lease.Status.ACTIVE,
        tenant=tenant,
        start_date=today - timedelta(days=30),
        end_date=today + timedelta(days=365),
    )
    return lease.units.get()
