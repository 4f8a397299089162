"""Pages without an account: the public application (throttled per address), the private follow link, and the
portal invitation's choose-a-password page.
"""

import uuid
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from documents.clientip import client_ip
from documents.errors import DomainError

from ..forms import add_domain_error
from ..models import Application
from . import services
from .forms import ApplicationForm
from .links import application_for_token, follow_token, follow_url

THROTTLE_WINDOW_S = 60 * 60


def _throttled(request: HttpRequest) -> bool:
    """More than ``INTAKE_PUBLIC_MAX_PER_HOUR`` posts from one address this hour (counted in Redis)."""
    limit = int(getattr(settings, "INTAKE_PUBLIC_MAX_PER_HOUR", 5))
    key = f"intake:public:{client_ip(request) or ''}"
    cache.add(key, 0, THROTTLE_WINDOW_S)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, THROTTLE_WINDOW_S)
        count = 1
    return count > limit


@never_cache
def public_apply(request: HttpRequest) -> HttpResponse:
    """Anyone, no account: apply for space; a confirmation e-mail brings the private link."""
    form = ApplicationForm(request.POST or None, request.FILES or None, initial={"form_key": uuid.uuid4()})
    if request.method == "POST":
        if _throttled(request):
            context = {"form": form, "throttled": True}
            return render(request, "tenancy/intake/public_apply.html", context, status=429)
        if form.is_valid():
            key = form.cleaned_data["form_key"]
            repeated = key is not None and Application.objects.filter(idempotency_key=key).exists()
            try:
                application = services.application_create(
                    channel=Application.Channel.PUBLIC,
                    idempotency_key=key,
                    files=form.files_by_kind(),
                    **form.field_values(),
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                if not repeated:  # a double click confirms once
                    _confirm(application)
                return _after_save(request, application)
    return render(request, "tenancy/intake/public_apply.html", {"form": form})


def _confirm(application: Application) -> None:
    if not application.contact_email:
        return
    body = _(
        "We have received your application %(n)s. Follow it, complete it and answer our questions here "
        "(keep this link private): %(l)s"
    ) % {"n": application.number, "l": follow_url(application)}
    message = EmailMessage(
        subject=_("Your space lease application %(n)s") % {"n": application.number},
        body=body,
        to=[application.contact_email],
    )
    transaction.on_commit(partial(message.send, fail_silently=True))


def _after_save(request: HttpRequest, application: Application) -> HttpResponse:
    token = follow_token(application)
    if "submit" in request.POST:
        try:
            services.application_submit(application=application)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Application %(n)s submitted for review.") % {"n": application.number}
            )
    else:
        messages.success(request, _("Draft %(n)s saved.") % {"n": application.number})
    return redirect("intake:follow", token=token)


@never_cache
def public_follow(request: HttpRequest, token: str) -> HttpResponse:
    """Whoever holds the private link: state and timeline; update and resubmit when returned."""
    application = application_for_token(token)
    if application is None:
        raise Http404
    form = None
    if application.is_editable:
        form = ApplicationForm(request.POST or None, request.FILES or None, instance=application)
        if request.method == "POST" and form.is_valid():
            try:
                services.application_update(
                    application=application, files=form.files_by_kind(), **form.field_values()
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                return _after_save(request, application)
    elif request.method == "POST":
        messages.error(request, _("This application can no longer be changed."))
    application.refresh_from_db()
    context = {
        "application": application,
        "form": form,
        "missing": services.application_missing(application) if application.is_editable else [],
        "steps": application.steps.order_by("pk"),
        "events": application.events.order_by("at", "pk"),
    }
    return render(request, "tenancy/intake/public_follow.html", context)


class InvitationView(auth_views.PasswordResetConfirmView):
    """The portal invitation's link: the new tenant user chooses a password, then logs in at the portal."""

    template_name = "tenancy/intake/invitation.html"
    success_url = reverse_lazy("portal:login")
    post_reset_login = False

    def form_valid(self, form: object) -> HttpResponse:
        messages.success(self.request, _("Your password is set. Please log in."))
        return super().form_valid(form)
