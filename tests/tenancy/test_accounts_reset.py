"""A forgotten password: reset by e-mail for staff and portal users, a link the front desk sends to a tenant's
user, and the portal's own password change."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from documents.errors import DomainError
from tenancy.accounts import services
from tenancy.roles import Role
from tests.factories import PASSWORD, UserFactory

LINK = re.compile(r"https?://\S+/password/reset/[^/\s]+/[^/\s]+/")


def _link(message) -> str:
    return LINK.search(message.body).group(0)


def _choose(client, link: str, password: str):
    """Open the e-mailed link and set ``password`` (Django swaps the token for a session marker first)."""
    opened = client.get(link, follow=True)
    assert opened.context["validlink"]
    return client.post(opened.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})


def test_the_login_pages_link_to_their_reset_pages(client):
    assert f'href="{reverse("password_reset")}"' in client.get(reverse("login")).content.decode()
    assert (
        f'href="{reverse("portal:password-reset")}"' in client.get(reverse("portal:login")).content.decode()
    )


def test_staff_reset_a_forgotten_password_by_e_mail(client, front_desk, settings):
    # given
    settings.SITE_URL = "https://backoffice.example.com"
    # when
    response = client.post(reverse("password_reset"), {"email": front_desk.email})
    # then: one e-mail to the account's address, linking to the configured site
    assert response.url == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.to == [front_desk.email]
    link = _link(message)
    assert link.startswith("https://backoffice.example.com/accounts/password/reset/")
    # when: the link is followed and a new password chosen
    done = _choose(client, link.removeprefix(settings.SITE_URL), "a-new-staff-pass-77")
    # then
    assert done.url == reverse("password_reset_complete")
    front_desk.refresh_from_db()
    assert front_desk.check_password("a-new-staff-pass-77")


def test_a_portal_user_resets_a_forgotten_password_inside_the_portal(client, tenant_user, settings):
    # given
    page = client.get(reverse("portal:password-reset"))
    # when
    response = client.post(reverse("portal:password-reset"), {"email": tenant_user.email})
    # then
    assert "app-navbar-portal" in page.content.decode()
    assert response.url == reverse("portal:password-reset-done")
    (message,) = mail.outbox
    link = _link(message)
    assert "/portal/account/password/reset/" in link
    done = _choose(client, link.removeprefix(settings.SITE_URL), "Tq8#vLm2")
    assert done.url == reverse("portal:password-reset-complete")
    tenant_user.refresh_from_db()
    assert tenant_user.check_password("Tq8#vLm2")
    assert "app-navbar-portal" in client.get(done.url).content.decode()


def test_each_reset_page_serves_its_own_kind_of_account(client, front_desk, tenant_user):
    # when: each address asked on the other kind's page
    client.post(reverse("password_reset"), {"email": tenant_user.email})
    client.post(reverse("portal:password-reset"), {"email": front_desk.email})
    # then: no e-mail
    assert mail.outbox == []


def test_a_staff_users_token_does_not_open_the_portal_reset_page(client, front_desk):
    # given: a valid token of a staff account
    uid = urlsafe_base64_encode(force_bytes(front_desk.pk))
    token = default_token_generator.make_token(front_desk)
    # when
    response = client.get(
        reverse("portal:password-reset-confirm", kwargs={"uidb64": uid, "token": token}), follow=True
    )
    # then
    assert not response.context["validlink"]


# --- the front desk sends a link ---------------------------------------------------------------------------


@pytest.fixture
def membership(tenant_user):
    return tenant_user.tenant_membership


def _send_url(membership) -> str:
    return reverse(
        "tenancy:portal-account-reset-link",
        kwargs={"pk": membership.tenant_id, "membership_pk": membership.pk},
    )


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.MANAGEMENT])
def test_the_front_desk_sends_a_tenants_user_a_reset_link(client, membership, role, settings):
    # given
    clerk = UserFactory(username=f"clerk_{role}", roles=[role])
    client.force_login(clerk)
    page = client.get(reverse("tenancy:tenant-detail", kwargs={"pk": membership.tenant_id}))
    assert _send_url(membership) in page.content.decode()
    # when
    response = client.post(_send_url(membership))
    # then: the link goes to the user's own address and works in the portal
    assert response.url == reverse("tenancy:tenant-detail", kwargs={"pk": membership.tenant_id})
    (message,) = mail.outbox
    assert message.to == [membership.user.email]
    anonymous = Client()
    assert _choose(anonymous, _link(message).removeprefix(settings.SITE_URL), "Tq8#vLm2").status_code == 302
    # then: the tenant's history shows who sent it
    history = client.get(reverse("tenancy:tenant-history", kwargs={"pk": membership.tenant_id}))
    entries = history.context["history"]
    sent = [entry for entry in entries if entry.action.startswith("已发送密码重置链接")]
    assert len(sent) == 1 and sent[0].user == clerk


@pytest.mark.parametrize("role", [Role.BUSINESS, Role.LEGAL, Role.FINANCE, Role.ENGINEERING, Role.SECURITY])
def test_other_roles_cannot_send_a_reset_link(client, membership, role):
    # given
    user = UserFactory(username=f"user_{role}", roles=[role])
    client.force_login(user)
    # when / then
    assert client.post(_send_url(membership)).status_code == 403
    with pytest.raises(PermissionDenied):
        services.portal_password_reset_send(membership=membership, by=user)
    assert mail.outbox == []


def test_a_reset_link_is_not_sent_through_another_tenants_page(client, front_desk, membership, other_tenant):
    # given
    client.force_login(front_desk)
    url = reverse(
        "tenancy:portal-account-reset-link", kwargs={"pk": other_tenant.pk, "membership_pk": membership.pk}
    )
    # when / then
    assert client.post(url).status_code == 404
    assert mail.outbox == []


def test_a_portal_user_cannot_send_reset_links(client, membership, other_tenant_user):
    client.force_login(other_tenant_user)
    assert client.post(_send_url(membership)).status_code == 403
    assert mail.outbox == []


def test_no_link_for_an_account_without_e_mail_or_deactivated(front_desk, membership):
    # given
    user = membership.user
    user.email = ""
    user.save()
    # when / then
    with pytest.raises(DomainError):
        services.portal_password_reset_send(membership=membership, by=front_desk)
    user.email = "someone@example.com"
    user.is_active = False
    user.save()
    with pytest.raises(DomainError):
        services.portal_password_reset_send(membership=membership, by=front_desk)
    assert mail.outbox == []


# --- the portal's password change --------------------------------------------------------------------------


def test_the_portal_user_menu_links_to_the_password_change(client, tenant_user):
    # given
    client.force_login(tenant_user)
    # when
    page = client.get(reverse("portal:home")).content.decode()
    # then
    assert f'href="{reverse("portal:password-change")}"' in page
    assert "app-navbar-portal" in client.get(reverse("portal:password-change")).content.decode()


def test_staff_do_not_use_the_portals_password_page(client, front_desk):
    client.force_login(front_desk)
    assert client.get(reverse("portal:password-change")).status_code == 404


def test_the_portal_password_change_asks_for_the_old_password(client, tenant_user):
    # given
    client.force_login(tenant_user)
    # when
    response = client.post(
        reverse("portal:password-change"),
        {"old_password": "wrong", "new_password1": "Tq8#vLm2x", "new_password2": "Tq8#vLm2x"},
    )
    # then
    assert response.status_code == 200 and response.context["form"].errors["old_password"]
    tenant_user.refresh_from_db()
    assert tenant_user.check_password(PASSWORD)
