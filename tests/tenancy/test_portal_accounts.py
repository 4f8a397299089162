"""Portal accounts made from the tenant page: the new user logs in to /portal/ and sees their tenant only."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tenancy.models import TenantMembership
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def portal_login(username: str, password: str) -> Client:
    browser = Client()
    response = browser.post(reverse("portal:login"), {"username": username, "password": password})
    assert response.status_code == 302, "login refused"
    return browser


def test_portal_account_created_with_a_generated_password_logs_in_and_sees_its_tenant(
    client, front_desk, tenant, other_tenant
):
    # given
    client.force_login(front_desk)
    # when
    response = client.post(
        reverse("tenancy:portal-account-add", args=[tenant.pk]),
        {"username": "alice", "email": "alice@tenant.example.com", "password": ""},
    )
    # then: the password is shown once, on the page that answers the form
    assert response.status_code == 200
    password = response.context["password"]
    assert password in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0") and "no-store" in response["Cache-Control"]
    user = get_user_model().objects.get(username="alice")
    assert not user.is_staff and user.tenant_membership.tenant == tenant
    # and the tenant can use it
    portal = portal_login("alice", password).get(reverse("portal:home")).content.decode()
    assert tenant.name in portal and other_tenant.name not in portal


def test_portal_account_created_with_a_chosen_password(client, general_manager, tenant):
    # given
    client.force_login(general_manager)
    # when
    client.post(
        reverse("tenancy:portal-account-add", args=[tenant.pk]),
        {"username": "bob", "email": "bob@tenant.example.com", "password": "Blue-Harbour-2026"},
    )
    # then
    assert (
        tenant.name in portal_login("bob", "Blue-Harbour-2026").get(reverse("portal:home")).content.decode()
    )


def test_portal_account_form_keeps_a_taken_username_with_the_message_at_the_field(client, front_desk, tenant):
    # given
    MembershipFactory(tenant=tenant, user__username="carol")
    client.force_login(front_desk)
    # when
    response = client.post(
        reverse("tenancy:portal-account-add", args=[tenant.pk]),
        {"username": "Carol", "email": "carol2@example.com", "password": ""},
    )
    # then
    assert response.status_code == 200
    assert any("已被使用" in error for error in response.context["form"].errors["username"])
    assert 'value="Carol"' in response.content.decode()
    assert TenantMembership.objects.count() == 1


def test_portal_account_form_refuses_a_weak_password_and_creates_nothing(client, front_desk, tenant):
    # given
    client.force_login(front_desk)
    # when
    response = client.post(
        reverse("tenancy:portal-account-add", args=[tenant.pk]),
        {"username": "dave", "email": "dave@example.com", "password": "12345678"},
    )
    # then
    assert response.context["form"].errors["password"]
    assert not get_user_model().objects.filter(username="dave").exists()


def test_deactivated_portal_account_can_no_longer_log_in(client, front_desk, tenant):
    # given
    client.force_login(front_desk)
    response = client.post(
        reverse("tenancy:portal-account-add", args=[tenant.pk]),
        {"username": "erin", "email": "erin@example.com", "password": ""},
    )
    password = response.context["password"]
    membership = TenantMembership.objects.get(user__username="erin")
    # when
    client.post(reverse("tenancy:portal-account-deactivate", args=[tenant.pk, membership.pk]))
    # then
    membership.refresh_from_db()
    assert membership.deactivated_at is not None and not membership.user.is_active
    refused = Client().post(reverse("portal:login"), {"username": "erin", "password": password})
    assert refused.status_code == 200 and refused.context["form"].errors
    page = client.get(reverse("tenancy:tenant-detail", args=[tenant.pk])).content.decode()
    history = client.get(reverse("tenancy:tenant-history", args=[tenant.pk])).content.decode()
    assert "erin" in page and "erin" in history


def test_deactivating_another_tenants_account_is_not_found(
    client, general_manager, tenant, other_tenant_user
):
    # given
    client.force_login(general_manager)
    membership = other_tenant_user.tenant_membership
    # when
    response = client.post(reverse("tenancy:portal-account-deactivate", args=[tenant.pk, membership.pk]))
    # then
    assert response.status_code == 404
    other_tenant_user.refresh_from_db()
    assert other_tenant_user.is_active
