"""Every page of the space inventory: the roles allowed get it, every other role 403, portal users the
staff-only page, anonymous users the login page."""

import pytest
from django.urls import reverse

from leasing.permissions import SPACE_MANAGERS, SPACE_VIEWERS, UNIT_EDITORS
from tenancy.roles import Role
from tests.leasing.factories import UnitFactory

# (url name, needs a unit or a building pk, roles allowed)
PAGES = [
    ("leasing:unit-list", None, SPACE_VIEWERS),
    ("leasing:unit-detail", "unit", SPACE_VIEWERS),
    ("leasing:unit-create", None, SPACE_MANAGERS),
    ("leasing:unit-edit", "unit", UNIT_EDITORS),
    ("leasing:building-list", None, SPACE_VIEWERS),
    ("leasing:building-detail", "building", SPACE_VIEWERS),
    ("leasing:building-create", None, SPACE_MANAGERS),
    ("leasing:building-edit", "building", SPACE_MANAGERS),
    ("leasing:unit-import", "building", SPACE_MANAGERS),
    ("leasing:unit-import-template", None, SPACE_MANAGERS),
]
CASES = [(name, kind, role, role in allowed) for name, kind, allowed in PAGES for role in Role.values]


def _url(name: str, kind: str | None) -> str:
    if kind is None:
        return reverse(name)
    unit = UnitFactory()
    return reverse(name, kwargs={"pk": unit.pk if kind == "unit" else unit.building_id})


def test_the_roles_are_the_ones_the_issue_names():
    assert set(UNIT_EDITORS) == {Role.FRONT_DESK, Role.BUSINESS, Role.ENGINEERING, Role.MANAGEMENT}
    assert set(SPACE_MANAGERS) == {Role.BUSINESS, Role.MANAGEMENT}
    assert set(SPACE_VIEWERS) == set(Role.values)


@pytest.mark.parametrize(("name", "kind", "role", "allowed"), CASES)
def test_each_role_gets_exactly_the_pages_it_may_use(client, staff_by_role, name, kind, role, allowed):
    # given
    url = _url(name, kind)
    client.force_login(staff_by_role[role])
    # when
    response = client.get(url)
    # then
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize(("name", "kind"), [(name, kind) for name, kind, _allowed in PAGES])
def test_a_portal_user_gets_the_staff_only_page(client, tenant_user, name, kind):
    # given
    url = _url(name, kind)
    client.force_login(tenant_user)
    # when
    response = client.get(url)
    # then
    assert response.status_code == 403
    assert [t.name for t in response.templates][0] == "403_staff_only.html"


@pytest.mark.parametrize(("name", "kind"), [(name, kind) for name, kind, _allowed in PAGES])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, db, name, kind):
    # given
    url = _url(name, kind)
    # when
    response = client.get(url)
    # then
    assert response.status_code == 302
    assert response.url.startswith(reverse("login")) and "next=" in response.url
