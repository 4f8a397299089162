"""Every tenant page: the roles allowed get it, every other role gets 403, portal users the staff-only page,
anonymous users the login page."""

import pytest
from django.urls import reverse

from tenancy.roles import Role
from tests.factories import ContactFactory, MembershipFactory, TenantFactory

ALL = set(Role.values)
EDITORS = {Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT}
ACCOUNT_MANAGERS = {Role.FRONT_DESK, Role.MANAGEMENT}

# (url name, objects the URL needs, method, roles allowed). The card is tested for allowed roles in test_card.
PAGES = [
    ("tenancy:tenant-list", (), "get", ALL),
    ("tenancy:tenant-create", (), "get", EDITORS),
    ("tenancy:tenant-detail", ("tenant",), "get", ALL),
    ("tenancy:tenant-edit", ("tenant",), "get", EDITORS),
    ("tenancy:tenant-documents", ("tenant",), "get", ALL),
    ("tenancy:tenant-history", ("tenant",), "get", ALL),
    ("tenancy:contact-add", ("tenant",), "get", EDITORS),
    ("tenancy:contact-edit", ("tenant", "contact"), "get", EDITORS),
    ("tenancy:contact-remove", ("tenant", "contact"), "get", EDITORS),
    ("tenancy:portal-account-add", ("tenant",), "get", ACCOUNT_MANAGERS),
    ("tenancy:portal-account-deactivate", ("tenant", "membership"), "get", ACCOUNT_MANAGERS),
    ("tenancy:tenant-card", ("tenant",), "post", EDITORS),
]
CASES = [
    (name, needs, method, role, role in allowed)
    for name, needs, method, allowed in PAGES
    for role in Role.values
]


@pytest.fixture
def page_url(db):
    tenant = TenantFactory()
    objects = {
        "tenant": tenant.pk,
        "contact": ContactFactory(tenant=tenant).pk,
        "membership": MembershipFactory(tenant=tenant).pk,
    }
    return lambda name, needs: reverse(name, args=[objects[n] for n in needs])


@pytest.mark.parametrize(
    ("name", "needs", "method", "role", "allowed"),
    [case for case in CASES if not (case[0] == "tenancy:tenant-card" and case[4])],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_tenant_pages_open_for_their_roles_only(
    client, staff_by_role, page_url, name, needs, method, role, allowed
):
    # given
    client.force_login(staff_by_role[role])
    # when
    response = getattr(client, method)(page_url(name, needs))
    # then
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize(("name", "needs", "method", "allowed"), PAGES, ids=[page[0] for page in PAGES])
def test_tenant_pages_refuse_portal_users(client, tenant_user, page_url, name, needs, method, allowed):
    # given
    client.force_login(tenant_user)
    # when
    response = getattr(client, method)(page_url(name, needs))
    # then
    assert response.status_code == 403
    assert "403_staff_only.html" in [t.name for t in response.templates]


@pytest.mark.parametrize(("name", "needs", "method", "allowed"), PAGES, ids=[page[0] for page in PAGES])
def test_tenant_pages_send_anonymous_users_to_login(client, page_url, name, needs, method, allowed):
    # when
    response = getattr(client, method)(page_url(name, needs))
    # then
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_writes_are_refused_to_other_roles_and_change_nothing(client, staff_by_role, page_url, tenant):
    # given
    client.force_login(staff_by_role[Role.FINANCE])
    # when
    response = client.post(reverse("tenancy:tenant-edit", args=[tenant.pk]), {"kind": "company", "name": "X"})
    # then
    assert response.status_code == 403
    tenant.refresh_from_db()
    assert tenant.name != "X"
