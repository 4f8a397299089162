"""Who must give a second factor, and whether a request has given it (asked by the middleware and views)."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from documents.actors import AnyUser

from ..access import user_roles
from ..roles import CONFIDENTIAL_PERMISSION, TWO_FACTOR_ROLES

# Whether a user has a confirmed authenticator is asked on every unverified staff request; the answer is
# cached for a while and dropped by the services that add or remove one.
ENROLLED_CACHE_SECONDS = 15 * 60


def second_factor_required(user: AnyUser) -> bool:
    """With REQUIRE_2FA on, staff who approve, pay or see confidential data must use a second factor."""
    if not settings.REQUIRE_2FA or not user.is_authenticated or not user.is_staff:
        return False
    return bool(user_roles(user) & TWO_FACTOR_ROLES) or user.has_perm(CONFIDENTIAL_PERMISSION)


def has_authenticator(user: AnyUser) -> bool:
    """The user has confirmed an authenticator app (backup codes come with it and never stand alone)."""
    key = _enrolled_key(user.pk)
    enrolled = cache.get(key)
    if enrolled is None:
        enrolled = TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()
        cache.set(key, enrolled, ENROLLED_CACHE_SECONDS)
    return bool(enrolled)


def enrolment_changed(user_id: int) -> None:
    """Forget the cached answer of ``has_authenticator`` after a device was confirmed or removed."""
    cache.delete(_enrolled_key(user_id))


def second_factor_missing(request: HttpRequest) -> bool:
    """A staff session must prove the second factor if the user has an authenticator or the role needs it."""
    user = request.user
    if not user.is_authenticated or not user.is_staff or user.is_verified():  # type: ignore[attr-defined]
        return False
    return has_authenticator(user) or second_factor_required(user)


def _enrolled_key(user_id: int) -> str:
    return f"otp-enrolled:{user_id}"
