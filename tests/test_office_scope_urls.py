"""Generated from the URL configuration: staff of one management office never reach another office's records.

The URL world (``tests/url_access_world.py``) is office B's: every building in it is given to office B. Office
A runs a building of its own, with a tenant and a lease there, and has a staff user per role. For every staff
URL of the table (``tests/url_access_table.py``), a user of office A whose role may open it:

- gets 404 for a URL naming one of office B's records (``B_RECORDS``), by GET (or POST for action URLs),
  pages any signed-in account may open included (a document's download);
- sees none of office B's names and numbers (the world's markers) on any other page (lists, queues, forms).
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from leasing.models import Building, Lease
from tenancy.models import Application
from tests.factories import OfficeFactory, TenantFactory, UserFactory
from tests.leasing.factories import BuildingFactory, UnitFactory
from tests.leasing.lease_factories import lease_in
from tests.url_access_table import ALL, URLS, WHOLE_NAMESPACES, Outcome, Url
from tests.url_access_world import World, build_world

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("office_scope_urls")]

# Entries of the URL world that are records of office B's buildings: naming one is a 404 for office A.
B_RECORDS = frozenset(
    {
        "tenant", "contact", "membership", "application", "credit_review", "active_lease", "building", "unit",
        "draft_lease", "legal_review", "signed_lease", "amendment", "renewal_case", "termination", "bill",
        "payment", "deposit_account", "refund", "fapiao", "collection_case", "recommendation", "visit",
        "pre_inspection", "rectification", "meter_round", "ticket", "ticket_photo", "tenant_visit",
        "visit_issue", "document", "quarantined", "notice", "fitout", "worker", "fitout_notice", "survey",
        "import_batch",  # run by a clerk who is not of office A: its rows are that clerk's offices' business
    }
)  # fmt: skip


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace and (f"{namespace}:{entry.namespace}" if namespace else entry.namespace)
            yield from _walk(entry.url_patterns, inner or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            if name.split(":")[0] not in WHOLE_NAMESPACES:
                yield name


# Staff pages, and pages any signed-in account opens (a document's download) with what a staff user sees.
STAFF_URLS = sorted(
    {
        name
        for name in _walk(get_resolver().url_patterns)
        if name in URLS and URLS[name].kind in ("staff", "signed_in")
    }
)


def _role_for(declared: Url) -> str | None:
    """A role that may open the URL (for this record, when the table narrows it)."""
    return next((role for role in ALL if declared.expect[role] is Outcome.ALLOWED), None)


@pytest.fixture(scope="module")
def offices(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """The URL world as office B's, office A with its own building, tenant and lease, and a session per role
    of office A; rolled back after the module."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(DOCUMENT_ROOT=tmp_path_factory.mktemp("documents"), PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        world = build_world()
        office_b, office_a = OfficeFactory(name="B 管理处"), OfficeFactory(name="A 管理处")
        Building.objects.update(office=office_b)
        # The world's application names a building of office B (as typed at the counter: its code).
        Application.objects.filter(pk=world["application"].pk).update(building=world["building"].code)
        own = lease_in(
            Lease.Status.ACTIVE,
            units=[UnitFactory(building=BuildingFactory(office=office_a))],
            tenant=TenantFactory(name="A座自己的租户"),
        )
        users = {
            role: UserFactory(username=f"office-a-{role}", roles=[role], offices=[office_a]) for role in ALL
        }
        world["office_a"] = {"own": own, "sessions": {role: _session(user) for role, user in users.items()}}
        yield world
        transaction.set_rollback(True)


def _session(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _ask(world: World, role: str, url: str, post: bool) -> HttpResponse:
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = world["office_a"]["sessions"][role]
    with transaction.atomic():
        response = client.post(url, {}) if post else client.get(url)
        transaction.set_rollback(True)
    return response


def _url(world: World, name: str, declared: Url) -> str:
    kwargs = {
        key: (world[entry] if isinstance(world[entry], str) else world[entry].pk)
        for key, entry in declared.args.items()
    }
    return reverse(name, kwargs=kwargs)


def _wrong(world: World, name: str) -> str:
    """What office A's user got wrong on this URL ("" when nothing)."""
    declared = URLS[name]
    role = _role_for(declared)
    if role is None:
        return ""
    url = _url(world, name, declared)
    if B_RECORDS & set(declared.args.values()):
        response = _ask(world, role, url, declared.post)
        return "" if response.status_code == 404 else f"{role}: expected 404, got {response.status_code}"
    if declared.post:
        return ""  # an action on no record of office B: nothing to list
    response = _ask(world, role, url, post=False)
    if response.status_code >= 500:
        return f"{role}: got {response.status_code}"
    page = response.content.decode() if response.get("Content-Type", "").startswith("text/") else ""
    leaked = [label for label, marker in world["markers"].items() if marker and marker in page]
    return f"{role}: the page shows office B's {', '.join(leaked)}" if leaked else ""


@pytest.mark.parametrize("name", STAFF_URLS)
def test_office_a_never_reaches_office_b(offices, name):
    # when
    wrong = _wrong(offices, name)
    # then
    assert not wrong, f"{name}: {wrong}"


def test_office_a_sees_its_own_tenant_and_lease(offices):
    # given
    own = offices["office_a"]["own"]
    # when
    tenants = _ask(offices, "front_desk", reverse("tenancy:tenant-list"), post=False)
    lease = _ask(offices, "business", reverse("leasing:lease-detail", kwargs={"pk": own.pk}), post=False)
    # then
    assert own.tenant.name in tenants.content.decode()
    assert offices["tenant"].name not in tenants.content.decode()
    assert lease.status_code == 200
