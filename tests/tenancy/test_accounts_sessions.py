"""Staff sessions end after a working day of idleness; staff passwords have at least 12 characters."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tenancy.middleware import SEEN_SESSION_KEY
from tests.factories import PASSWORD


def _login(client, username, url="login"):
    response = client.post(reverse(url), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def _expires_in(client) -> timedelta:
    return Session.objects.get(session_key=client.session.session_key).expire_date - timezone.now()


def test_a_staff_session_ends_after_a_working_day_without_requests(client, front_desk, settings):
    # given
    settings.STAFF_SESSION_IDLE_SECONDS = 10 * 60 * 60
    # when
    _login(client, "frontdesk")
    # then: ten hours, not Django's two weeks
    assert client.session.get_expiry_age() == 10 * 60 * 60
    assert timedelta(hours=9, minutes=59) < _expires_in(client) <= timedelta(hours=10)
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 10 * 60 * 60


def test_each_request_moves_the_end_of_a_staff_session_forward(client, front_desk, settings):
    # given: a session last seen an hour ago, ending in nine hours
    _login(client, "frontdesk")
    session = client.session
    session[SEEN_SESSION_KEY] -= 60 * 60
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + timedelta(hours=9)
    )
    # when
    assert client.get(reverse("dashboard")).status_code == 200
    # then: ten hours from now again
    assert _expires_in(client) > timedelta(hours=9, minutes=59)


def test_a_portal_session_keeps_the_longer_default(client, tenant_user, settings):
    # when
    _login(client, "tenantuser", url="portal:login")
    client.get(reverse("portal:home"))
    # then
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert _expires_in(client) > timedelta(days=13)


def _change(client, url, new_password):
    return client.post(
        reverse(url), {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password}
    )


def test_a_staff_password_needs_twelve_characters(client, front_desk):
    # given
    client.force_login(front_desk)
    # when
    response = _change(client, "password_change", "Tq8#vLm2x!z")  # 11 characters
    # then: refused with a translated message at the field
    assert response.status_code == 200
    assert "员工密码至少需要 12 个字符" in response.content.decode()
    front_desk.refresh_from_db()
    assert front_desk.check_password(PASSWORD)
    # when: twelve
    assert _change(client, "password_change", "Tq8#vLm2x!zK").status_code == 302


def test_a_portal_password_keeps_djangos_minimum(client, tenant_user):
    # given
    client.force_login(tenant_user)
    assert "12" not in str(
        client.get(reverse("portal:password-change")).context["form"]["new_password1"].help_text
    )
    # when
    response = _change(client, "portal:password-change", "Tq8#vLm2")  # 8 characters
    # then
    assert response.status_code == 302 and response.url == reverse("portal:password-change-done")
    tenant_user.refresh_from_db()
    assert tenant_user.check_password("Tq8#vLm2")
