"""``manage.py seed_demo``: realistic, valid, deterministic demo data that a second run leaves untouched."""

import hashlib
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from stdnum.cn import ric, uscc

from leasing.demo import DEMO_PASSWORD, PORTAL_USERNAMES, STAFF_USERNAMES, SUPERUSER
from leasing.models import Building, Floor, Lease, LeaseUnit, Unit
from tenancy.models import Contact, Tenant, TenantMembership
from tenancy.validators import validate_credit_code, validate_mobile, validate_resident_id

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
def test_seed_demo_loads_one_building_of_twenty_floors_and_two_hundred_units():
    # when
    _seed()
    # then
    building = Building.objects.get()
    assert building.floors.count() == 20
    units = list(building.units.select_related("floor"))
    assert len(units) == 200
    assert all(re.fullmatch(rf"{building.code}-(0[1-9]|1\d|20)(0[1-9]|10)", u.code) for u in units)
    assert all(u.code[2:4] == f"{u.floor.number:02d}" for u in units)
    assert {u.use for u in units} == set(Unit.Use.values)
    vacant_or_occupied = [u for u in units if u.status in (Unit.Status.VACANT, Unit.Status.OCCUPIED)]
    assert len(vacant_or_occupied) > 150
    assert all(0 < u.usable_area <= u.gross_area for u in units)
    assert all(isinstance(u.guide_rent, Decimal) and u.guide_rent > 0 for u in units)


@pytest.mark.django_db
def test_seed_demo_lets_only_the_units_its_leases_hold():
    # when
    _seed()
    # then: the units counted let, reserved or under fit-out (dashboard cards) are the ones demo leases hold
    taken = (Unit.Status.OCCUPIED, Unit.Status.RESERVED, Unit.Status.FIT_OUT)
    let = set(Unit.objects.filter(status__in=taken).values_list("pk", flat=True))
    held = LeaseUnit.objects.filter(blocking=True, lease__status__in=Lease.LIVE)
    assert let == set(held.values_list("unit_id", flat=True))
    assert len(let) == Lease.objects.filter(status__in=Lease.LIVE).count() > 0


@pytest.mark.django_db
def test_seed_demo_tenants_have_valid_identifiers_and_contacts():
    # when
    _seed()
    # then
    tenants = list(Tenant.objects.prefetch_related("contacts"))
    assert len(tenants) == 30
    companies = [t for t in tenants if t.kind == Tenant.Kind.COMPANY]
    persons = [t for t in tenants if t.kind == Tenant.Kind.PERSON]
    assert persons and len(companies) > len(persons)
    assert all(uscc.is_valid(t.credit_code) for t in companies)
    assert all(ric.is_valid(t.id_number) for t in persons)
    assert all(t.name.endswith("有限公司") for t in companies)
    assert all(1 <= len(t.contacts.all()) <= 3 for t in tenants)
    assert all(sum(c.is_primary for c in t.contacts.all()) == 1 for t in tenants)
    # and the app's own form validators accept them
    assert all(validate_credit_code(t.credit_code) == t.credit_code for t in companies)
    assert all(validate_resident_id(t.id_number) == t.id_number for t in persons)
    assert all(validate_mobile(c.mobile) == c.mobile for t in tenants for c in t.contacts.all())


@pytest.mark.django_db
def test_seed_demo_staff_users_log_in_and_are_in_their_role_group():
    # when
    _seed()
    # then
    for role, username in STAFF_USERNAMES.items():
        user = User.objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [role]
        _assert_logs_in(username)
    admin = User.objects.get(username=SUPERUSER)
    assert admin.is_superuser and admin.is_staff
    _assert_logs_in(SUPERUSER)


@pytest.mark.django_db
def test_seed_demo_portal_users_act_for_different_tenants():
    # when
    _seed()
    # then
    users = [User.objects.get(username=username) for username in PORTAL_USERNAMES]
    assert not any(u.is_staff or u.is_superuser or u.groups.exists() for u in users)
    tenants = {TenantMembership.objects.get(user=u).tenant_id for u in users}
    assert len(tenants) == 2
    for username in PORTAL_USERNAMES:
        _assert_logs_in(username)


@pytest.mark.django_db
def test_seed_demo_prints_the_address_and_a_login_per_role():
    # when
    output = _seed()
    # then
    assert settings.SITE_URL in output
    for username in [SUPERUSER, *STAFF_USERNAMES.values(), *PORTAL_USERNAMES]:
        assert re.search(rf"\s{username}\s+{re.escape(DEMO_PASSWORD)}$", output, re.MULTILINE)


@pytest.mark.django_db
def test_seed_demo_scale_adds_buildings_and_tenants_without_touching_the_first():
    # given
    _seed(scale=1)
    first = _fingerprint((Building, Floor, Unit, Tenant, Contact))
    # when
    _seed(scale=3)
    # then
    assert list(Building.objects.values_list("code", flat=True)) == ["A", "B", "C"]
    assert Unit.objects.count() == 600
    assert Tenant.objects.count() == 90
    assert len(set(Tenant.objects.values_list("name", flat=True))) == 90
    assert _fingerprint_of_first_building_and_batch() == first


def _fingerprint_of_first_building_and_batch() -> str:
    """The scale-1 rows, read back after a larger seed: the lowest ids, as they were inserted first."""
    first_tenants = Tenant.objects.order_by("pk")[:30].values_list("pk", flat=True)
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


def _assert_logs_in(username: str) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{username} could not log in"
    assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)
