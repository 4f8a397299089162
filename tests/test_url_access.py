"""Walks the URL configuration: every URL is declared in ``tests/url_access_table.py`` and answers each kind
of visitor as declared (anonymous, every staff role, the owning tenant's portal user, another tenant's).
Pages another tenant's user opens show none of the tenant's names and numbers; staff pages show the tenant's
ID number only to roles with the confidential permission.

A new URL without a declaration fails here, so no page ships without its access tested. The records are built
once for the module (``tests/url_access_world.py``); each request runs in a savepoint rolled back after it,
so a POST by one visitor changes nothing the next visitor sees.
"""

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.staticfiles.views import serve
from django.http import HttpResponse
from django.urls import reverse

from tenancy.roles import CONFIDENTIAL_PERMISSION
from tests.url_access_table import (
    ANONYMOUS,
    OTHER_TENANT,
    URLS,
    VISITORS,
    WHOLE_NAMESPACES,
    Outcome,
)
from tests.url_access_world import World
from tests.url_walk import (
    ADMIN_PAGES,
    CHECKED,
    ROUTES,
    TABLE,
    Route,
    declaration,
    describe,
    url_of,
    world_fixture,  # noqa: F401 - fixture
)
from tests.url_walk import ask as _ask

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("url_access")]


def undeclared(routes: list[Route]) -> list[str]:
    """The routes neither declared in the table nor in a namespace declared as a whole, one line each."""
    return [
        f"  {r.name or '(unnamed: give it a name)'}  /{r.pattern}  ({r.view.__module__})"
        for r in routes
        if r.name not in URLS and r.namespace.split(":")[0] not in WHOLE_NAMESPACES and r.view is not serve
    ]


# ---------------------------------------------------------------- the table covers the URL configuration


def test_every_url_has_an_access_declaration():
    # given
    missing = undeclared(ROUTES)
    # then
    assert not missing, f"URLs without an access declaration; declare each in URLS of {TABLE}:\n" + "\n".join(
        missing
    )


def _a_view(request: Any) -> HttpResponse:
    return HttpResponse()


def test_a_new_url_without_a_declaration_is_named_with_the_place_to_declare_it():
    # given
    new = Route("billing:bill-void", "billing/bills/<int:pk>/void/", _a_view, "billing")
    unnamed = Route(None, "billing/legacy/", _a_view, "billing")
    declared = Route("billing:bill-list", "billing/", _a_view, "billing")
    admin_page = Route("admin:index", "admin/", _a_view, "admin")
    # when
    missing = undeclared([new, unnamed, declared, admin_page])
    # then
    assert len(missing) == 2
    assert "billing:bill-void" in missing[0] and "/billing/bills/<int:pk>/void/" in missing[0]
    assert "unnamed: give it a name" in missing[1]


def test_the_table_declares_no_url_that_is_gone():
    # given
    names = {r.name for r in ROUTES}
    # then
    assert not sorted(set(URLS) - names), f"remove these from {TABLE}: {sorted(set(URLS) - names)}"


@pytest.mark.parametrize("name", CHECKED)
def test_the_table_names_the_roles_the_view_allows(name):
    # given
    (view,) = {r.view for r in ROUTES if r.name == name}
    declared = declaration(name)
    allowed = getattr(view, "allowed_roles", None)
    # then: a staff page's decorator and the table agree; other pages carry no role decorator
    if declared.kind == "staff":
        assert allowed is not None, f"{name} is declared staff-only but its view has no role_required(...)"
        assert set(allowed) == set(declared.roles), (
            f"{name}: the view allows {sorted(map(str, allowed))}, {TABLE} says {sorted(declared.roles)}"
        )
    else:
        assert allowed is None, (
            f"{name} is declared {declared.kind} but its view allows roles {sorted(map(str, allowed))}"
        )


# ---------------------------------------------------------------- every visitor, every URL


def _goes_to(response: HttpResponse, url_name: str) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse(url_name))


def _matches(outcome: Outcome, response: HttpResponse) -> bool:
    code = response.status_code
    if outcome is Outcome.ALLOWED:
        to_login = any(_goes_to(response, name) for name in ("login", "portal:login", "admin:login"))
        return code < 500 and code not in (401, 403, 404) and not to_login
    if outcome is Outcome.STAFF_ONLY:
        templates = [t.name for t in getattr(response, "templates", [])]
        return code == 404 or (code == 403 and "403_staff_only.html" in templates)
    if outcome is Outcome.LOGIN:
        return _goes_to(response, "login")
    if outcome is Outcome.PORTAL_LOGIN:
        return _goes_to(response, "portal:login")
    return code == {Outcome.FORBIDDEN: 403, Outcome.NOT_FOUND: 404}[outcome]


def _text(response: HttpResponse) -> str:
    """The page's text; empty for files (PDFs, downloads), which are checked where they are made."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/"):
        return ""
    return response.content.decode()


def _leaks(world: World, response: HttpResponse) -> list[str]:
    """The owning tenant's names and numbers found in a page (another tenant must see none of them)."""
    page = _text(response)
    return [label for label, marker in world["markers"].items() if page and marker in page]


def _shows_confidential(world: World, visitor: str, response: HttpResponse) -> bool:
    """A staff page shows the tenant's full ID number to a role without ``tenancy.view_confidential``."""
    user = world["users"].get(visitor)
    if user is None or not user.is_staff or user.has_perm(CONFIDENTIAL_PERMISSION):
        return False
    return world["tenant"].id_number in _text(response)


@pytest.mark.parametrize("name", CHECKED)
def test_each_visitor_gets_the_declared_answer(world, name):
    # given
    declared = declaration(name)
    url = url_of(world, name, declared)
    wrong = []
    for visitor in VISITORS:
        # when
        answer = _ask(world, visitor, url, declared.post)
        # then
        expected = declared.expect[visitor]
        if isinstance(answer, Exception) or not _matches(expected, answer):
            method = "POST" if declared.post else "GET"
            wrong.append(f"  {visitor}: {method} expected {expected.value}, got {describe(answer)}")
        elif visitor == OTHER_TENANT and (leaked := _leaks(world, answer)):
            wrong.append(f"  {visitor}: the page shows the other tenant's {', '.join(leaked)}")
        elif _shows_confidential(world, visitor, answer):
            wrong.append(
                f"  {visitor}: the page shows the tenant's ID number to a role without the permission"
            )
        # and a refused visitor cannot write through a page it may not read
        if expected is not Outcome.ALLOWED and not declared.post:
            answer = _ask(world, visitor, url, post=True)
            if isinstance(answer, Exception) or not (answer.status_code == 405 or _matches(expected, answer)):
                wrong.append(f"  {visitor}: POST expected {expected.value} (or 405), got {describe(answer)}")
    note = f"; declared so because {declared.why}" if declared.why else ""
    assert not wrong, f"{url} ({name}, declared in {TABLE}{note}):\n" + "\n".join(wrong)


# ---------------------------------------------------------------- Django's admin, declared as a whole


def _admin_model(name: str) -> Any:
    return next(
        model
        for model in admin.site._registry
        if name == f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
    )


@pytest.mark.parametrize("name", ["admin:index", *ADMIN_PAGES])
def test_the_admin_is_for_staff_with_model_permissions(world, name):
    # given
    url = reverse(name)
    model = _admin_model(name) if name != "admin:index" else None
    wrong = []
    for visitor in VISITORS:
        # when
        answer = _ask(world, visitor, url, post=False)
        # then: anonymous to the admin login, tenants the staff-only page, staff per model permission
        if visitor == ANONYMOUS:
            ok = not isinstance(answer, Exception) and _goes_to(answer, "admin:login")
        elif visitor not in world["users"] or not world["users"][visitor].is_staff:
            ok = not isinstance(answer, Exception) and _matches(Outcome.STAFF_ONLY, answer)
        else:
            user = world["users"][visitor]
            may = model is None or any(
                user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
                for action in ("view", "change")
            )
            ok = not isinstance(answer, Exception) and _matches(
                Outcome.ALLOWED if may else Outcome.FORBIDDEN, answer
            )
        if not ok:
            wrong.append(f"  {visitor}: got {describe(answer)}")
    assert not wrong, f"GET {url} ({name}):\n" + "\n".join(wrong)
