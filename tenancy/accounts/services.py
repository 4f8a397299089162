"""The verbs of accounts: confirm an authenticator, issue backup codes, reset a colleague's second factor, and
mail a portal user a password reset link.

Each runs in one transaction, checks who acts, and raises DomainError with a translated message.
"""

import smtplib
from typing import TYPE_CHECKING

import pghistory
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from documents.errors import DomainError

from ..access import require_role
from ..models import SecondFactorReset, TenantMembership
from ..models.tenants import PASSWORD_RESET_SENT
from ..roles import Role
from ..services import PORTAL_ACCOUNT_MANAGERS
from .policy import enrolment_changed

if TYPE_CHECKING:
    from django.contrib.auth.models import User

BACKUP_CODE_COUNT = 10


# --- the second factor -----------------------------------------------------------------------------------


@transaction.atomic
def second_factor_confirm(*, user: "User", device: TOTPDevice, verified: bool) -> list[str]:
    """A checked authenticator becomes the staff member's only one, with ten new backup codes (returned once).

    It may replace a confirmed authenticator only from a session that proved the second factor (``verified``):
    a password alone never takes over an account that has one.
    """
    if not user.is_staff or device.user_id != user.pk:
        raise PermissionDenied
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    others = TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk)
    if others.exists() and not verified:
        raise DomainError(_("Confirm the code of your current authenticator first."))
    others.delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    enrolment_changed(user.pk)
    return _backup_codes_replace(user)


@transaction.atomic
def backup_codes_issue(*, user: "User", verified: bool) -> list[str]:
    """Ten new backup codes replace the old ones, only for a session that proved the second factor."""
    if not verified:
        raise DomainError(_("Confirm a code of your authenticator first."))
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise DomainError(_("Set up an authenticator app before backup codes."))
    return _backup_codes_replace(user)


def _backup_codes_replace(user: "User") -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _n in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def second_factor_reset(*, user: "User", by: "User", reason: str) -> SecondFactorReset:
    """Management removes another staff member's authenticator and backup codes (a lost phone), with a reason.

    The member sets up a new authenticator at the next login; the reset is recorded.
    """
    require_role(by, (Role.MANAGEMENT,))
    if user.pk == by.pk:
        raise DomainError(_("Replace your own authenticator on your two-factor page."), field="user")
    if not user.is_staff:
        raise DomainError(_("Only staff members have a second factor."), field="user")
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give the reason for the reset."), field="reason")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    enrolment_changed(user.pk)
    return SecondFactorReset.objects.create(user=user, by=by, reason=reason)


# --- portal passwords ------------------------------------------------------------------------------------


def portal_password_reset_send(*, membership: TenantMembership, by: "User") -> None:
    """The front desk (or management) mails a portal user a link to choose a new password.

    The link goes only to the user's own e-mail address; the sending is recorded in the tenant's history.
    """
    require_role(by, PORTAL_ACCOUNT_MANAGERS)
    with transaction.atomic(), pghistory.context(user=by.pk):
        membership = TenantMembership.objects.select_for_update().select_related("user").get(pk=membership.pk)
        user = membership.user
        if membership.deactivated_at is not None or not user.is_active:
            raise DomainError(_("This portal account is deactivated."))
        if not user.email:
            raise DomainError(_("This portal account has no e-mail address."))
        pghistory.create_event(membership, label=PASSWORD_RESET_SENT)
        try:
            _send_reset_mail(user)
        except (OSError, smtplib.SMTPException) as error:
            raise DomainError(
                _("The e-mail could not be sent (%(error)s). Try again later.") % {"error": error}
            ) from None


def _send_reset_mail(user: "User") -> None:
    """The reset e-mail of the portal's own reset page, in the portal's default language."""
    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "site_url": settings.SITE_URL,
        "sent_by_staff": True,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = "".join(render_to_string("portal/password_reset_subject.txt", context).splitlines())
        body = render_to_string("portal/password_reset_email.txt", context)
    send_mail(subject, body, None, [user.email])
