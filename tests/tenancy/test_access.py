"""Who may open what: staff roles, the staff-only area, and the portal's tenant scoping."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from tenancy.access import for_tenant, role_required
from tenancy.models import Contact
from tenancy.roles import Role
from tests.factories import ContactFactory, UserFactory


def test_dashboard_opens_for_every_staff_role(client, staff_by_role):
    for role, user in staff_by_role.items():
        client.force_login(user)
        response = client.get(reverse("home"))
        assert response.status_code == 200, role
        assert 'data-testid="dashboard-cards"' in response.content.decode()


def test_anonymous_user_is_sent_to_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_portal_user_cannot_open_any_staff_page(client, tenant_user):
    client.force_login(tenant_user)
    for url in [
        reverse("tenancy:tenant-list"),
        reverse("leasing:unit-list"),
        "/admin/",
        reverse("dashboard"),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:  # only the home page may send a tenant somewhere: to the portal
            assert response.url == reverse("portal:home"), url
        else:
            assert "租户门户" in response.content.decode()


def test_home_sends_a_portal_user_to_the_portal(client, tenant_user):
    client.force_login(tenant_user)
    assert client.get(reverse("home")).url == reverse("portal:home")


def test_staff_user_without_a_role_is_refused(client, db):
    client.force_login(UserFactory(username="norole", is_staff=True))
    assert client.get(reverse("dashboard")).status_code == 403


def test_role_required_refuses_other_roles(staff_by_role):
    # given
    view = role_required(Role.FINANCE)(lambda request: "ok")
    for role, user in staff_by_role.items():
        request = RequestFactory().get("/")
        request.user = user
        # when / then
        if role == Role.FINANCE:
            assert view(request) == "ok"
        else:
            with pytest.raises(Exception) as refused:
                view(request)
            assert refused.type.__name__ == "PermissionDenied", role


def test_portal_sees_its_own_tenant_only(client, tenant_user, other_tenant_user, tenant, other_tenant):
    # given
    ContactFactory(tenant=tenant, name="自己的联系人")
    ContactFactory(tenant=other_tenant, name="别人的联系人")
    client.force_login(tenant_user)
    # when
    page = client.get(reverse("portal:home")).content.decode()
    # then
    assert tenant.name in page and "自己的联系人" in page
    assert other_tenant.name not in page and "别人的联系人" not in page


def test_for_tenant_scopes_queries_to_the_users_tenant(tenant_user, tenant, other_tenant):
    # given
    own = ContactFactory(tenant=tenant)
    ContactFactory(tenant=other_tenant)
    request = RequestFactory().get("/portal/")
    request.user = tenant_user
    # when
    scoped = for_tenant(request, Contact.objects.all())
    # then
    assert list(scoped) == [own]


def test_for_tenant_is_404_for_staff_and_users_without_a_tenant(front_desk):
    request = RequestFactory().get("/portal/")
    request.user = front_desk
    with pytest.raises(Http404):
        for_tenant(request, Contact.objects.all())


def test_staff_cannot_use_the_portal(client, front_desk):
    client.force_login(front_desk)
    assert client.get(reverse("portal:home")).status_code == 404
