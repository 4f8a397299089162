"""Demo logins: one staff user per role, two portal users of different tenants, a superuser."""

from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from tenancy.models import Tenant, TenantMembership
from tenancy.roles import Role

from .common import DemoLogin, SeedReport, person_name, rng

DEMO_PASSWORD = "demo12345678!"  # noqa: S105 (the published demo password, long enough for staff)
SUPERUSER = "admin"
STAFF_USERNAMES: dict[str, str] = {
    Role.FRONT_DESK: "frontdesk",
    Role.BUSINESS: "business",
    Role.LEGAL: "legal",
    Role.FINANCE: "finance",
    Role.ENGINEERING: "engineer",
    Role.SECURITY: "security",
    Role.MANAGEMENT: "manager",
}
PORTAL_USERNAMES = ("tenant1", "tenant2")


def seed_users(tenants: list[Tenant], report: SeedReport) -> list[DemoLogin]:
    """Create the demo logins that are missing; staff users are put in their role's group."""
    draw = rng("users")
    ensure_user(report, SUPERUSER, is_staff=True, is_superuser=True, last_name="管理员")
    logins = [DemoLogin("superuser", SUPERUSER, DEMO_PASSWORD)]
    # The groups come from a migration; get_or_create keeps the seed working on a flushed database too.
    groups = {role: Group.objects.get_or_create(name=role)[0] for role in STAFF_USERNAMES}
    for role, username in STAFF_USERNAMES.items():
        name = person_name(draw)
        user = ensure_user(report, username, is_staff=True, last_name=name[0], first_name=name[1:])
        user.groups.add(groups[role])  # a no-op when it is already a member
        logins.append(DemoLogin(role, username, DEMO_PASSWORD))
    companies = [tenant for tenant in tenants if tenant.kind == Tenant.Kind.COMPANY]
    for username, tenant in zip(PORTAL_USERNAMES, companies, strict=False):
        contact = tenant.contacts.filter(is_primary=True).first()
        name = contact.name if contact else person_name(draw)
        user = ensure_user(report, username, is_staff=False, last_name=name[0], first_name=name[1:])
        _membership, created = TenantMembership.objects.get_or_create(user=user, defaults={"tenant": tenant})
        report.count("memberships", int(created))
        logins.append(DemoLogin("portal", username, DEMO_PASSWORD, tenant=tenant.name))
    return logins


def ensure_user(report: SeedReport, username: str, **fields: Any) -> Any:
    """Create the user with the demo password; an existing user is left as it is (password included)."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = user_model(username=username, email=f"{username}@demo.example.com", **fields)
        user.password = _demo_password_hash(settings.PASSWORD_HASHERS[0])
        user.save()
        report.count("users", 1)
    return user


@cache
def _demo_password_hash(hasher: str) -> str:
    """The demo password hashed once per process and hasher: every demo login shares it, and hashing it for
    each of them took most of the seed's time (the hasher is slow on purpose)."""
    return make_password(DEMO_PASSWORD)
