"""Staff account pages: the second factor (verify, set up, backup codes, reset by management) and password
reset by e-mail. Login, logout and password change are Django's own views (see ``tenancy.urls_accounts``)."""

from typing import Any, cast

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from documents.actors import User
from documents.errors import DomainError
from documents.lists import table_page

from ..access import has_role, role_required
from ..forms import add_domain_error
from ..models import SecondFactorReset
from ..roles import ALL_STAFF, Role
from . import services
from .forms import EnrolForm, SecondFactorResetForm, StaffPasswordResetForm, VerifyForm
from .policy import enrolment_changed, has_authenticator, second_factor_required
from .tables import SecondFactorResetTable

# The session entry keeping the key of an authenticator being set up (see ``_device_being_set_up``).
SETUP_KEY_SESSION = "otp_setup_key"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


def _actor(request: HttpRequest) -> Any:
    """The signed-in user, with django-otp's ``is_verified`` (the views are behind a login)."""
    return request.user


def _verified(request: HttpRequest) -> bool:
    return bool(_actor(request).is_verified())


def _to_verify(request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse('otp-verify')}?{urlencode({'next': request.get_full_path()})}")


@never_cache
@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Staff with an authenticator prove the second factor here after login (a backup code also works)."""
    user = _actor(request)
    if not user.is_staff:
        return redirect("portal:home")
    enrolment_changed(user.pk)  # read afresh: a reset by management may have removed the device
    if not has_authenticator(user):
        if second_factor_required(user):
            return redirect("otp-setup")
        return redirect(_next_url(request))
    form = VerifyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(_next_url(request))
    return render(request, "registration/otp_verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@role_required(*ALL_STAFF)
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Every staff member's two-factor page: set up an authenticator, or (verified) see it and replace it.

    Whoever has an authenticator reaches this page only with a verified session: a password alone never
    sets up a new one.
    """
    enrolled = has_authenticator(request.user)
    if enrolled and not _verified(request):
        return _to_verify(request)
    if enrolled and "replace" not in request.GET:
        return render(request, "registration/otp_status.html", _status(request))
    device = _device_being_set_up(request)
    form = EnrolForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.second_factor_confirm(
                user=_actor(request), device=device, verified=_verified(request)
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            otp_login(request, device)
            request.session.pop(SETUP_KEY_SESSION, None)
            messages.success(request, _("Two-factor authentication is on for your account."))
            return render(request, "registration/otp_backup_codes.html", {"codes": codes})
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4)
    context = {
        "form": form,
        "qr_svg": mark_safe(qr_svg),  # noqa: S308 (segno's own SVG)
        "secret": device.key,
        "replacing": enrolled,
        "can_reset_others": has_role(request.user, (Role.MANAGEMENT,)),
    }
    return render(request, "registration/otp_setup.html", context)


def _device_being_set_up(request: HttpRequest) -> TOTPDevice:
    """The authenticator being set up. Its key waits in the session until a first code proves it, so
    showing the page stores nothing: the device is written by the POST that checks the code."""
    key = request.session.get(SETUP_KEY_SESSION)
    if key is None:
        key = request.session[SETUP_KEY_SESSION] = default_key()
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False, key=key).first()
    return device or TOTPDevice(user=request.user, name="authenticator", confirmed=False, key=key)


def _status(request: HttpRequest) -> dict[str, Any]:
    remaining = StaticToken.objects.filter(device__user=request.user, device__confirmed=True).count()
    return {"backup_codes_left": remaining, "can_reset_others": has_role(request.user, (Role.MANAGEMENT,))}


@never_cache
@role_required(*ALL_STAFF)
@require_POST
def otp_backup_codes(request: HttpRequest) -> HttpResponse:
    """Staff with an authenticator, in a verified session: ten new backup codes, shown once."""
    if not _verified(request):
        return _to_verify(request)
    try:
        codes = services.backup_codes_issue(user=_actor(request), verified=True)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("otp-setup")
    return render(request, "registration/otp_backup_codes.html", {"codes": codes})


@never_cache
@role_required(Role.MANAGEMENT)
def otp_reset(request: HttpRequest) -> HttpResponse:
    """Management: remove a colleague's authenticator and backup codes (a lost phone), with a reason; every
    reset made is listed (sorted, paginated, exported)."""
    form = SecondFactorResetForm(request.POST or None)
    choices = cast(forms.ModelChoiceField, form.fields["user"])
    choices.queryset = choices.queryset.exclude(pk=request.user.pk)  # type: ignore[union-attr]
    if request.method == "POST" and form.is_valid():
        try:
            reset = services.second_factor_reset(by=_actor(request), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The second factor of %(user)s is reset; a new authenticator is set up at the next login.")
                % {"user": reset.user.username},
            )
            return redirect("otp-reset")
    resets = SecondFactorResetTable(SecondFactorReset.objects.select_related("user", "by"), prefix="resets-")
    if export := table_page(request, resets, filename="second-factor-resets"):
        return export
    return render(request, "registration/otp_reset.html", {"form": form, "resets": resets})


# --- forgotten password ---------------------------------------------------------------------------------


class ResetMailMixin:
    """Reset e-mails link to the configured public address, never to the Host header a request brought."""

    def form_valid(self, form: Any) -> HttpResponse:
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)  # type: ignore[misc]


class StaffPasswordResetView(ResetMailMixin, auth_views.PasswordResetView):
    form_class = StaffPasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class KindPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A reset link sets a password of its own kind of account only (staff pages: staff; portal: tenants)."""

    staff: bool = True

    def get_user(self, uidb64: str) -> Any:
        user: User | None = super().get_user(uidb64)
        return user if user is not None and bool(user.is_staff) == self.staff else None
