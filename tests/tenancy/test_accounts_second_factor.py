"""The second factor: a password alone never yields a verified session, every role that approves, pays or sees
confidential data must use it, backup codes work once, and management resets a lost one with a reason."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from documents.errors import DomainError
from tenancy.accounts import services
from tenancy.models import SecondFactorReset
from tenancy.roles import CONFIDENTIAL_PERMISSION, Role
from tests.factories import PASSWORD, UserFactory


def _login(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _is_sent_to_verify(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("otp-verify"))


@pytest.fixture
def require_2fa(settings):
    settings.REQUIRE_2FA = True


@pytest.fixture
def phone(general_manager):
    """The manager's confirmed authenticator."""
    return TOTPDevice.objects.create(user=general_manager, name="phone", confirmed=True)


def _verify(client, device):
    response = client.post(reverse("otp-verify"), {"token": _code(device), "next": reverse("dashboard")})
    assert response.status_code == 302 and response.url == reverse("dashboard")


# --- a password alone --------------------------------------------------------------------------------------


def test_a_password_alone_cannot_replace_a_confirmed_authenticator(client, general_manager, phone):
    # given: someone who knows only the manager's password, with an authenticator of their own
    _login(client, general_manager)
    intruder = TOTPDevice.objects.create(user=general_manager, name="intruder", confirmed=False)
    # when
    page = client.get(reverse("otp-setup"))
    posted = client.post(reverse("otp-setup"), {"token": _code(intruder)})
    # then: both sent to verify; the owner's authenticator stays, the intruder's is not confirmed
    assert _is_sent_to_verify(page) and _is_sent_to_verify(posted)
    assert TOTPDevice.objects.filter(pk=phone.pk, confirmed=True).exists()
    intruder.refresh_from_db()
    assert not intruder.confirmed
    assert _is_sent_to_verify(client.get(reverse("dashboard")))


def test_the_service_refuses_a_replacement_from_an_unverified_session(general_manager, phone):
    # given
    intruder = TOTPDevice.objects.create(user=general_manager, name="intruder", confirmed=False)
    # when / then
    with pytest.raises(DomainError):
        services.second_factor_confirm(user=general_manager, device=intruder, verified=False)
    assert list(TOTPDevice.objects.filter(user=general_manager, confirmed=True)) == [phone]


@pytest.mark.parametrize(
    "url",
    [
        reverse("home"),
        reverse("password_change"),
        reverse("otp-setup"),
        reverse("otp-reset"),
        reverse("admin:index"),
        reverse("tenancy:tenant-list"),
    ],
)
def test_a_password_alone_reaches_no_staff_page_of_an_enrolled_user(client, general_manager, phone, url):
    # given: the second factor is not required by settings, but the user has set one up
    _login(client, general_manager)
    # when
    response = client.get(url)
    # then
    assert _is_sent_to_verify(response)


def test_a_password_alone_cannot_change_the_password_of_an_enrolled_user(client, general_manager, phone):
    # given
    _login(client, general_manager)
    # when
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-better-pass-42",
            "new_password2": "a-much-better-pass-42",
        },
    )
    # then
    assert _is_sent_to_verify(response)
    general_manager.refresh_from_db()
    assert general_manager.check_password(PASSWORD)


def test_login_logout_verify_and_reset_pages_stay_open_before_the_second_factor(
    client, general_manager, phone
):
    # given
    _login(client, general_manager)
    # when / then
    assert client.get(reverse("otp-verify")).status_code == 200
    assert client.get(reverse("password_reset")).status_code == 200
    assert client.get(reverse("password_reset_done")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_verify_page_returns_to_the_page_asked_for(client, general_manager, phone):
    # given
    _login(client, general_manager)
    asked = client.get(reverse("tenancy:tenant-list"))
    # when
    response = client.post(asked.url, {"token": _code(phone)})
    # then
    assert response.url == reverse("tenancy:tenant-list")
    assert client.get(reverse("tenancy:tenant-list")).status_code == 200


def test_a_verified_user_replaces_the_authenticator(client, general_manager, phone):
    # given
    _login(client, general_manager)
    _verify(client, phone)
    assert client.get(reverse("otp-setup")).context["backup_codes_left"] == 0
    # when
    page = client.get(reverse("otp-setup"), {"replace": 1})
    assert not TOTPDevice.objects.filter(user=general_manager, confirmed=False).exists()
    response = client.post(
        reverse("otp-setup") + "?replace=1", {"token": _code(TOTPDevice(key=page.context["secret"]))}
    )
    new = TOTPDevice.objects.get(user=general_manager, key=page.context["secret"])
    # then: the new one is the only authenticator, with ten backup codes
    assert "<svg" in page.content.decode()
    assert response.status_code == 200 and len(response.context["codes"]) == 10
    assert list(TOTPDevice.objects.filter(user=general_manager, confirmed=True)) == [new]


# --- who must use it ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.BUSINESS, Role.LEGAL, Role.FINANCE, Role.MANAGEMENT])
def test_every_role_that_approves_pays_or_sees_confidential_data_must_use_it(db, client, require_2fa, role):
    # given
    user = UserFactory(username=f"user_{role}", roles=[role])
    _login(client, user)
    # when
    response = client.get(reverse("dashboard"))
    # then: sent to verify, which sends a user without an authenticator to set one up
    assert _is_sent_to_verify(response)
    assert client.get(response.url).url == reverse("otp-setup")
    assert client.get(reverse("otp-setup")).status_code == 200


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.ENGINEERING, Role.SECURITY])
def test_other_roles_may_but_need_not_use_it(db, client, require_2fa, role):
    # given
    user = UserFactory(username=f"user_{role}", roles=[role])
    _login(client, user)
    # when / then: the pages open, and the two-factor page offers the setup
    assert client.get(reverse("dashboard")).status_code == 200
    assert "<svg" in client.get(reverse("otp-setup")).content.decode()


def test_whoever_may_see_confidential_data_must_use_it(client, require_2fa, front_desk):
    # given: a front desk clerk granted the confidential permission
    app_label, codename = CONFIDENTIAL_PERMISSION.split(".")
    front_desk.user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    _login(client, front_desk)
    # when / then
    assert _is_sent_to_verify(client.get(reverse("dashboard")))


def test_an_enrolled_front_desk_clerk_is_asked_for_the_code(client, front_desk):
    # given: a role that need not use it, but whose user turned it on
    TOTPDevice.objects.create(user=front_desk, name="phone", confirmed=True)
    _login(client, front_desk)
    # when / then
    assert _is_sent_to_verify(client.get(reverse("dashboard")))


def test_the_user_menu_links_to_the_two_factor_page(client, engineer):
    # given
    client.force_login(engineer)
    # when
    page = client.get(reverse("dashboard")).content.decode()
    # then
    assert f'href="{reverse("otp-setup")}"' in page


# --- backup codes ------------------------------------------------------------------------------------------


def test_a_backup_code_gives_the_second_factor_once(client, general_manager, phone, require_2fa):
    # given
    codes = services.backup_codes_issue(user=general_manager, verified=True)
    _login(client, general_manager)
    # when: a backup code, typed in two groups, instead of the phone's code
    first = client.post(
        reverse("otp-verify"), {"token": f"{codes[0][:4]} {codes[0][4:].upper()}", "next": "/"}
    )
    # then
    assert first.status_code == 302 and first.url == "/"
    assert client.get(reverse("dashboard")).status_code == 200
    # when: the same code at the next login
    client.post(reverse("logout"))
    _login(client, general_manager)
    again = client.post(reverse("otp-verify"), {"token": codes[0]})
    # then: refused at the field, still unverified; nine codes left
    assert again.status_code == 200 and again.context["form"].errors["token"]
    assert _is_sent_to_verify(client.get(reverse("dashboard")))
    assert StaticToken.objects.filter(device__user=general_manager).count() == 9


def test_new_backup_codes_need_a_verified_session(client, general_manager, phone):
    # given
    old = set(services.backup_codes_issue(user=general_manager, verified=True))
    _login(client, general_manager)
    # when: asked with the password only
    refused = client.post(reverse("otp-backup-codes"))
    # then
    assert _is_sent_to_verify(refused)
    assert set(StaticToken.objects.values_list("token", flat=True)) == old
    # when: asked after the second factor
    _verify(client, phone)
    response = client.post(reverse("otp-backup-codes"))
    # then: ten new codes shown once; the old ones no longer work
    new = response.context["codes"]
    assert response.status_code == 200 and len(new) == 10
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)
    assert not old & set(new)


def test_the_service_gives_backup_codes_only_to_a_verified_session(general_manager, phone):
    with pytest.raises(DomainError):
        services.backup_codes_issue(user=general_manager, verified=False)
    assert not StaticDevice.objects.exists()


# --- reset by management -----------------------------------------------------------------------------------


def test_management_resets_a_colleagues_lost_second_factor_with_a_reason(
    client, general_manager, finance_manager, settings
):
    # given: the finance manager lost the phone
    TOTPDevice.objects.create(user=finance_manager, name="phone", confirmed=True)
    services.backup_codes_issue(user=finance_manager, verified=True)
    client.force_login(general_manager)
    # when
    response = client.post(
        reverse("otp-reset"),
        {"user": finance_manager.pk, "reason": "Phone lost; identity checked in person."},
    )
    # then: recorded with its reason; the colleague's authenticator and backup codes are gone
    assert response.status_code == 302
    reset = SecondFactorReset.objects.get()
    assert (reset.user, reset.by, reset.reason) == (
        finance_manager,
        general_manager,
        "Phone lost; identity checked in person.",
    )
    assert not TOTPDevice.objects.filter(user=finance_manager).exists()
    assert not StaticDevice.objects.filter(user=finance_manager).exists()
    assert "Phone lost" in client.get(reverse("otp-reset")).content.decode()
    # when: the colleague logs in again, the second factor being required
    settings.REQUIRE_2FA = True
    colleague = Client()
    _login(colleague, finance_manager)
    # then: sent to set up a new authenticator
    first = colleague.get(reverse("dashboard"))
    assert colleague.get(first.url).url == reverse("otp-setup")


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.MANAGEMENT])
def test_only_management_may_reset_a_second_factor(client, role, finance_manager):
    # given
    user = UserFactory(username=f"user_{role}", roles=[role])
    TOTPDevice.objects.create(user=finance_manager, name="phone", confirmed=True)
    client.force_login(user)
    # when / then
    assert client.get(reverse("otp-reset")).status_code == 403
    assert client.post(reverse("otp-reset"), {"user": finance_manager.pk, "reason": "x"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.second_factor_reset(user=finance_manager, by=user, reason="x")
    assert TOTPDevice.objects.filter(user=finance_manager).exists()


def test_a_reset_needs_a_reason_and_another_staff_member(general_manager, finance_manager, tenant_user):
    with pytest.raises(DomainError) as no_reason:
        services.second_factor_reset(user=finance_manager, by=general_manager, reason="  ")
    with pytest.raises(DomainError) as self_reset:
        services.second_factor_reset(user=general_manager, by=general_manager, reason="lost")
    with pytest.raises(DomainError) as portal_user:
        services.second_factor_reset(user=tenant_user, by=general_manager, reason="lost")
    assert (no_reason.value.field, self_reset.value.field, portal_user.value.field) == (
        "reason",
        "user",
        "user",
    )
    assert not SecondFactorReset.objects.exists()


def test_a_portal_user_cannot_reach_the_two_factor_pages(client, tenant_user):
    # given
    client.force_login(tenant_user)
    # when / then
    assert client.get(reverse("otp-setup")).status_code == 403
    assert client.get(reverse("otp-reset")).status_code == 403
