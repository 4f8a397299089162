"""Forms of the account pages: a code of the second factor, a reset of it, and password reset by e-mail."""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from documents.actors import AnyUser

from ..people import display_name
from .passwords import StaffMinimumLengthValidator

TOTP_DIGITS = 6


def _normalised(token: str) -> str:
    """Codes are typed or pasted with spaces or hyphens now and then; backup codes are lower case."""
    return "".join(token.split()).replace("-", "").replace("\u2011", "").lower()


class EnrolForm(forms.Form):
    """The first code of a new authenticator, which proves it was set up right."""

    token = forms.CharField(
        label=gettext_lazy("Six-digit code from your authenticator app"),
        max_length=TOTP_DIGITS,
        min_length=TOTP_DIGITS,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args: Any, device: TOTPDevice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = _normalised(self.cleaned_data["token"])
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(_("That code is not valid. Check your device's clock and try again."))
        return token


class VerifyForm(forms.Form):
    """A code of the user's authenticator, or one of their backup codes (each works once)."""

    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app, or a backup code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device: Device | None = None

    def clean_token(self) -> str:
        token = _normalised(self.cleaned_data["token"])
        # Each kind of code is checked against its own device, whose throttle slows down guessing.
        for device in self._devices(numeric=token.isdigit() and len(token) == TOTP_DIGITS):
            if device.verify_token(token):
                self.device = device
                return token
        raise forms.ValidationError(_("That code is not valid. Check your device's clock and try again."))

    def _devices(self, *, numeric: bool) -> Iterator[Device]:
        model = TOTPDevice if numeric else StaticDevice
        yield from model.objects.filter(user=self.user, confirmed=True)


class _StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{display_name(obj)} ({obj.username})"


class SecondFactorResetForm(forms.Form):
    user = _StaffChoiceField(
        label=gettext_lazy("Staff member"),
        queryset=get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username"),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("For example: phone lost on 3 May, identity checked in person."),
    )


class StaffPasswordResetForm(PasswordResetForm):
    """Reset links of the staff pages go only to staff accounts."""

    def get_users(self, email: str) -> Any:
        users: Any = super().get_users(email)
        return (user for user in users if user.is_staff)


def _portal_password_help() -> str:
    """The password rules a portal user meets (the staff minimum is not theirs)."""
    validators = [
        validator
        for validator in password_validation.get_default_password_validators()
        if not isinstance(validator, StaffMinimumLengthValidator)
    ]
    return password_validation.password_validators_help_text_html(validators)


class PortalPasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = _portal_password_help()


class PortalSetPasswordForm(SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = _portal_password_help()


class PortalPasswordResetForm(PasswordResetForm):
    """Reset links of the portal go only to portal users who may still log in."""

    def get_users(self, email: str) -> Any:
        users: Any = super().get_users(email)
        return (
            user
            for user in users
            if not user.is_staff and getattr(user, "tenant_membership", None) is not None
        )
