"""The URL configuration walked once, and one request of any URL as any visitor of the URL world: shared by
the access test (``tests/test_url_access.py``) and the GET-writes-nothing test (``tests/test_get_writes.py``).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from tests.url_access_table import ANONYMOUS, URLS, WHOLE_NAMESPACES, Url
from tests.url_access_world import World, build_world

TABLE = "tests/url_access_table.py"


@dataclass(frozen=True)
class Route:
    name: str | None
    pattern: str
    view: Any
    namespace: str = ""


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    """Every URL pattern under ``patterns``, with its full name and pattern."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace and (f"{namespace}:{entry.namespace}" if namespace else entry.namespace)
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner or namespace)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield Route(name or None, prefix + str(entry.pattern), entry.callback, namespace)


ROUTES = list(walk(get_resolver().url_patterns))
# The named URLs the table declares one by one (Django's admin and the API are declared as a whole).
CHECKED = sorted({r.name for r in ROUTES if r.name and r.namespace.split(":")[0] not in WHOLE_NAMESPACES})
# Django's admin: its index and a list page per registered model.
ADMIN_PAGES = sorted(
    r.name for r in ROUTES if r.name and r.name.startswith("admin:") and "_changelist" in r.name
)


@pytest.fixture(scope="module", name="world")
def world_fixture(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[World]:
    """The records and a logged-in session per visitor, in a transaction rolled back after the module."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(DOCUMENT_ROOT=tmp_path_factory.mktemp("documents"), PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


def declaration(name: str) -> Url:
    """The table's declaration of a URL (the test fails, naming the table, for a URL without one)."""
    if name not in URLS:
        pytest.fail(f"{name} has no access declaration: add it to URLS in {TABLE}")
    return URLS[name]


def url_of(world: World, name: str, declared: Url) -> str:
    """The URL with its keywords taken from the world's records, as the table declares them."""
    try:
        return reverse(name, kwargs={key: _argument(world, entry) for key, entry in declared.args.items()})
    except NoReverseMatch:
        (pattern,) = {r.pattern for r in ROUTES if r.name == name}
        pytest.fail(f"{name} (/{pattern}): declare its URL keywords in args= in {TABLE}")


def _argument(world: World, entry: str) -> Any:
    value = world[entry]
    return value if isinstance(value, str) else value.pk


def ask(world: World, visitor: str, url: str, post: bool) -> HttpResponse | Exception:
    """One request by the visitor, in a savepoint rolled back after it (a 500 is returned as its error)."""
    client = Client()
    if visitor != ANONYMOUS:
        client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][visitor]
    try:
        with transaction.atomic():
            response = client.post(url, {}) if post else client.get(url)
            transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - a 500 is reported with the visitor who caused it
        return error
    return response


def describe(answer: HttpResponse | Exception) -> str:
    """A response in a few words for a failure message."""
    if isinstance(answer, Exception):
        return f"500 ({type(answer).__name__}: {answer})"
    location = f" to {answer['Location']}" if answer.has_header("Location") else ""
    return f"{answer.status_code}{location}"
