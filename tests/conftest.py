"""One fixture per role, and two tenants with a portal user each."""

import uuid

import pytest

from tenancy.roles import Role
from tests.factories import MembershipFactory, TenantFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Fixtures set a password for every user; the production hasher would make the role matrices crawl."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_cache(settings):
    """Each test its own key space in the real Redis: throttles never leak between parallel tests."""
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"},
    }


DB_FIXTURES = {
    "db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server",
}  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_working_day_calendar(request):
    """The working-day calendar is cached per process; a test's rows (rolled back after it) must not leak.
    Its seeded years come from a migration, which a transactional test's flush empties: they are put back
    (committed, before the test's own transaction) for the next test that uses the database."""
    from tenancy import workdays

    if request.node.get_closest_marker("django_db") or DB_FIXTURES & set(request.fixturenames):
        from tenancy.calendar.seed import calendar_seed
        from tenancy.models import CalendarDay

        request.getfixturevalue("django_db_setup")
        with request.getfixturevalue("django_db_blocker").unblock():
            if not CalendarDay.objects.exists():
                calendar_seed(CalendarDay)
    workdays.cache_clear()
    yield
    workdays.cache_clear()


def _staff(username: str, role: str):
    return UserFactory(username=username, roles=[role], first_name=username)


@pytest.fixture
def front_desk(db):
    return _staff("frontdesk", Role.FRONT_DESK)


@pytest.fixture
def business_manager(db):
    return _staff("business", Role.BUSINESS)


@pytest.fixture
def legal_manager(db):
    return _staff("legal", Role.LEGAL)


@pytest.fixture
def finance_manager(db):
    return _staff("finance", Role.FINANCE)


@pytest.fixture
def engineer(db):
    return _staff("engineer", Role.ENGINEERING)


@pytest.fixture
def security_guard(db):
    return _staff("security", Role.SECURITY)


@pytest.fixture
def general_manager(db):
    return _staff("manager", Role.MANAGEMENT)


@pytest.fixture
def staff_by_role(db):
    """A logged-in-able staff user for every role, keyed by role value."""
    return {role: _staff(f"staff_{role}", role) for role in Role.values}


@pytest.fixture
def tenant(db):
    return TenantFactory()


@pytest.fixture
def other_tenant(db):
    return TenantFactory()


@pytest.fixture
def tenant_user(tenant):
    return MembershipFactory(tenant=tenant, user=UserFactory(username="tenantuser")).user


@pytest.fixture
def other_tenant_user(other_tenant):
    return MembershipFactory(tenant=other_tenant, user=UserFactory(username="othertenantuser")).user


@pytest.fixture
def tasks_inline(monkeypatch):
    """Queued Celery tasks run at once in the test's process, as a worker would run them."""
    from config.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
