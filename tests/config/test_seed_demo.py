"""``manage.py seed_demo``: realistic, valid, deterministic demo data that a second run leaves untouched."""

import hashlib
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from leasing.demo import SUPERUSER
from leasing.models import Building, Floor, Unit
from tenancy.models import Contact, Tenant, TenantMembership

User = get_user_model()
SEEDED_MODELS = (Building, Floor, Unit, Tenant, Contact, TenantMembership, User, User.groups.through)


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    # The demo password is hashed for ten users per seed; the default PBKDF2 would make these tests slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def development(settings):
    # The demo is for a development machine: seed_demo runs only with DEBUG on (tests run with it off).
    settings.DEBUG = True


def _seed(scale: int = 1) -> str:
    out = StringIO()
    call_command("seed_demo", scale=scale, stdout=out)
    return out.getvalue()


def _row_counts() -> dict[str, int]:
    """Rows of every table in the database, the audit trail's event tables included."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (table names from the catalogue)
            counts[table] = cursor.fetchone()[0]
    return counts


def _fingerprint(models=SEEDED_MODELS) -> str:
    """A hash of every column of every seeded row, timestamps and password hashes included."""
    digest = hashlib.sha256()
    for model in models:
        digest.update(repr(list(model._default_manager.order_by("pk").values_list())).encode())
    return digest.hexdigest()


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing():
    # given
    _seed()
    counts, fingerprint = _row_counts(), _fingerprint()
    # when
    output = _seed()
    # then
    assert _row_counts() == counts
    assert _fingerprint() == fingerprint
    assert "added nothing" in output


@pytest.mark.django_db
def test_seed_demo_scale_adds_buildings_and_tenants_without_touching_the_first():
    # given
    _seed(scale=1)
    first = _fingerprint_of_first_building_and_batch()
    # when
    _seed(scale=3)
    # then: 30 tenants a building (besides the applicant the demo admitted)
    assert list(Building.objects.values_list("code", flat=True)) == ["A", "B", "C"]
    assert Unit.objects.count() == 600
    seeded = Tenant.objects.filter(applications__isnull=True)
    assert seeded.count() == 90
    assert len(set(seeded.values_list("name", flat=True))) == 90
    assert _fingerprint_of_first_building_and_batch() == first


def _fingerprint_of_first_building_and_batch() -> str:
    """The scale-1 rows, read back after a larger seed: the lowest ids, as they were inserted first."""
    first_tenants = (
        Tenant.objects.filter(applications__isnull=True).order_by("pk")[:30].values_list("pk", flat=True)
    )
    digest = hashlib.sha256()
    for queryset in (
        Building.objects.filter(code="A"),
        Floor.objects.filter(building__code="A"),
        Unit.objects.filter(building__code="A"),
        Tenant.objects.filter(pk__in=list(first_tenants)),
        Contact.objects.filter(tenant_id__in=list(first_tenants)),
    ):
        digest.update(repr(list(queryset.order_by("pk").values_list())).encode())
    return digest.hexdigest()


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_when_debug_is_off(settings):
    # given: production settings
    settings.DEBUG = False
    # when / then: refused with a clear message, and no login with the published password exists
    with pytest.raises(CommandError, match="only when DEBUG is on"):
        _seed()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_seed_demo_runs_without_debug_only_when_told_to(settings):
    # given: a throw-away database with DEBUG off (the bench)
    settings.DEBUG = False
    # when
    call_command("seed_demo", allow_without_debug=True, stdout=StringIO())
    # then
    assert User.objects.filter(username=SUPERUSER).exists()


def test_seed_demo_refuses_a_scale_below_one():
    # when / then
    with pytest.raises(CommandError, match="at least 1"):
        _seed(scale=0)
