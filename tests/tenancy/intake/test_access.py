"""Every intake page: the roles allowed get it, other roles 403, portal users the staff-only page,
anonymous users the login page; the portal's pages show a tenant its own applications only."""

import pytest
from django.urls import reverse

from tenancy.models import Application, ReviewStep
from tenancy.roles import Role
from tests.factories import TenantFactory, UserFactory

from .factories import ApplicationFactory, draft

ALL = set(Role.values)
VIEWERS = {Role.FRONT_DESK, Role.BUSINESS, Role.LEGAL, Role.FINANCE, Role.MANAGEMENT}
INTAKE = {Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT}
REVIEWERS = {Role.BUSINESS, Role.LEGAL, Role.FINANCE, Role.MANAGEMENT}
ASSESSORS = {Role.BUSINESS, Role.FINANCE, Role.MANAGEMENT}

# (url name, objects the URL needs, method, roles allowed)
PAGES = [
    ("intake:application-list", (), "get", VIEWERS),
    ("intake:application-create", (), "get", INTAKE),
    ("intake:application-detail", ("application",), "get", VIEWERS),
    ("intake:application-edit", ("application",), "get", INTAKE),
    ("intake:application-submit", ("application",), "post", INTAKE),
    ("intake:application-link-tenant", ("application",), "post", INTAKE),
    ("intake:application-decide", ("application", "business"), "post", REVIEWERS),
    ("intake:queue-mine", (), "get", REVIEWERS),
    ("tenancy:tenant-applications", ("tenant",), "get", ALL),
    ("tenancy:tenant-credit", ("tenant",), "get", ALL),
    ("tenancy:tenant-credit", ("tenant",), "post", ASSESSORS),
]
CASES = [
    (name, needs, method, role, role in allowed)
    for name, needs, method, allowed in PAGES
    for role in Role.values
]


@pytest.fixture
def page_url(db):
    clerk = UserFactory(username="clerk", roles=[Role.FRONT_DESK])
    objects = {"application": draft(clerk).pk, "tenant": TenantFactory().pk, "business": "business"}
    return lambda name, needs: reverse(name, args=[objects[n] for n in needs])


@pytest.mark.parametrize(
    ("name", "needs", "method", "role", "allowed"), CASES, ids=lambda v: v if isinstance(v, str) else None
)
def test_intake_pages_open_for_their_roles_only(
    client, staff_by_role, page_url, name, needs, method, role, allowed
):
    # given
    client.force_login(staff_by_role[role])
    # when
    response = getattr(client, method)(page_url(name, needs))
    # then: allowed roles get the page, a redirect after a write, or the form's own refusal; others 403
    assert (response.status_code != 403) == allowed


@pytest.mark.parametrize(("name", "needs", "method", "allowed"), PAGES, ids=[p[0] + p[2] for p in PAGES])
def test_intake_pages_refuse_portal_users(client, tenant_user, page_url, name, needs, method, allowed):
    # given
    client.force_login(tenant_user)
    # when
    response = getattr(client, method)(page_url(name, needs))
    # then
    assert response.status_code == 403
    assert "403_staff_only.html" in [t.name for t in response.templates]


@pytest.mark.parametrize(("name", "needs", "method", "allowed"), PAGES, ids=[p[0] + p[2] for p in PAGES])
def test_intake_pages_send_anonymous_users_to_login(client, page_url, name, needs, method, allowed):
    # when
    response = getattr(client, method)(page_url(name, needs))
    # then
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("department", ReviewStep.Department.values)
@pytest.mark.parametrize("role", Role.values)
def test_each_department_sees_its_own_queue_only(client, staff_by_role, department, role):
    # given
    client.force_login(staff_by_role[role])
    # when
    response = client.get(reverse("intake:queue", args=[department]))
    # then
    assert response.status_code == (200 if role == department else 403)


def test_a_tenant_sees_only_its_own_applications_in_the_portal(client, tenant, tenant_user, other_tenant):
    # given
    own = ApplicationFactory(tenant=tenant, channel=Application.Channel.PORTAL)
    other = ApplicationFactory(tenant=other_tenant, channel=Application.Channel.PORTAL)
    client.force_login(tenant_user)
    # when
    listing = client.get(reverse("portal:applications"))
    mine = client.get(reverse("portal:application-detail", args=[own.pk]))
    theirs = client.get(reverse("portal:application-detail", args=[other.pk]))
    # then
    assert own.number in listing.content.decode()
    assert other.number not in listing.content.decode()
    assert mine.status_code == 200
    assert theirs.status_code == 404


@pytest.mark.parametrize("name", ["portal:applications", "portal:application-create"])
def test_portal_application_pages_are_for_tenants(client, staff_by_role, name):
    # when: anonymous
    response = client.get(reverse(name))
    # then
    assert response.status_code == 302 and reverse("portal:login") in response.url
    # when: staff
    client.force_login(staff_by_role[Role.FRONT_DESK])
    assert client.get(reverse(name)).status_code == 404


def test_public_pages_need_no_account(client):
    assert client.get(reverse("intake:apply")).status_code == 200
    assert client.get(reverse("intake:follow", args=["forged-token"])).status_code == 404


def test_the_portal_menu_leads_to_the_applications(client, tenant_user):
    client.force_login(tenant_user)
    page = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("portal:applications")}"' in page
