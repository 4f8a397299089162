"""Login, lockout after repeated failures, password change, and the TOTP second factor."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD


def _login(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_staff_logs_in_and_lands_on_the_dashboard(client, front_desk):
    response = _login(client, "frontdesk")
    assert response.status_code == 302
    assert client.get(response.url, follow=True).request["PATH_INFO"] in ("/", reverse("dashboard"))


def test_wrong_password_shows_a_translated_message_and_keeps_the_username(client, front_desk):
    response = _login(client, "frontdesk", "wrong")
    page = response.content.decode()
    assert response.status_code == 200
    assert "请输入一个正确的" in page  # Django's own zh-Hans message
    assert 'value="frontdesk"' in page


def test_repeated_failures_lock_the_account_until_the_lock_expires(client, front_desk, settings):
    # given: as many failures as the limit allows
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "frontdesk", "wrong")
    # when: the right password is tried while locked
    locked = _login(client, "frontdesk")
    # then: refused with the lockout page
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
    # when: the cool-off time has passed
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(hours=1))
    # then: the right password works again
    assert _login(client, "frontdesk").status_code == 302


def test_password_change(client, front_desk):
    client.force_login(front_desk)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-better-pass-42",
            "new_password2": "a-much-better-pass-42",
        },
    )
    assert response.status_code == 302
    front_desk.refresh_from_db()
    assert front_desk.check_password("a-much-better-pass-42")


def test_logout_ends_the_session(client, front_desk):
    client.force_login(front_desk)
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.fixture
def require_2fa(settings):
    settings.REQUIRE_2FA = True


def test_finance_must_enrol_a_second_factor_when_required(client, finance_manager, require_2fa):
    # given
    _login(client, "finance")
    # when
    response = client.get(reverse("dashboard"))
    # then: sent to verify, which sends an unenrolled user to setup
    assert response.status_code == 302 and response.url.startswith(reverse("otp-verify"))
    assert client.get(response.url).url == reverse("otp-setup")


def test_enrolment_with_a_valid_code_turns_the_second_factor_on(client, general_manager, require_2fa):
    # given
    _login(client, "manager")
    setup = client.get(reverse("otp-setup"))
    assert "<svg" in setup.content.decode()
    assert not TOTPDevice.objects.filter(user=general_manager).exists()  # showing the page stores nothing
    shown = TOTPDevice(key=setup.context["secret"])
    # when
    response = client.post(reverse("otp-setup"), {"token": _code(shown)})
    # then: on, with ten backup codes shown this once
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    device = TOTPDevice.objects.get(user=general_manager, key=shown.key)
    assert device.confirmed
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_wrong_code_is_refused_at_the_field(client, general_manager, require_2fa):
    _login(client, "manager")
    client.get(reverse("otp-setup"))
    response = client.post(reverse("otp-setup"), {"token": "000000"})
    assert "验证码无效" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=general_manager, confirmed=True).exists()


def test_enrolled_manager_must_verify_at_each_login(client, general_manager, require_2fa):
    # given: a confirmed device
    device = TOTPDevice.objects.create(user=general_manager, name="phone", confirmed=True)
    _login(client, "manager")
    assert client.get(reverse("dashboard")).url.startswith(reverse("otp-verify"))
    # when
    response = client.post(reverse("otp-verify"), {"token": _code(device), "next": reverse("dashboard")})
    # then
    assert response.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_front_desk_is_not_forced_to_use_a_second_factor(client, front_desk, require_2fa):
    _login(client, "frontdesk")
    assert client.get(reverse("dashboard")).status_code == 200
