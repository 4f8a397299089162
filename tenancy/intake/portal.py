"""Portal pages of intake: a tenant applies for more space and follows its own (others: 404)."""

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from documents.errors import DomainError

from ..access import PortalRequest, for_tenant, portal_view
from ..forms import add_domain_error
from ..models import Application
from ..portal_roles import COMPANY_ACTORS
from . import services
from .forms import ApplicationForm


@portal_view
def portal_application_list(request: HttpRequest) -> HttpResponse:
    """Portal users of the tenant only: its own applications."""
    applications = for_tenant(request, Application.objects.order_by("-created_at", "-pk"))
    return render(request, "tenancy/intake/portal_application_list.html", {"applications": applications})


@portal_view(roles=COMPANY_ACTORS)
def portal_application_create(request: PortalRequest) -> HttpResponse:
    """Portal users of the tenant only: apply for more space."""
    form = ApplicationForm(
        request.POST or None, request.FILES or None, initial={"form_key": uuid.uuid4()}, with_identity=False
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                channel=Application.Channel.PORTAL,
                by=request.user,
                tenant=request.tenant,
                idempotency_key=form.cleaned_data["form_key"],
                files=form.files_by_kind(),
                **form.field_values(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _after_save(request, application)
    return render(request, "tenancy/intake/portal_application_form.html", {"form": form})


@portal_view
def portal_application_detail(request: PortalRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only (another tenant's is a 404); update and resubmit when returned."""
    application = get_object_or_404(for_tenant(request, Application.objects.all()), pk=pk)
    form = None
    if application.is_editable:
        form = ApplicationForm(
            request.POST or None, request.FILES or None, instance=application, with_identity=False
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.application_update(
                    application=application,
                    by=request.user,
                    files=form.files_by_kind(),
                    **form.field_values(),
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                return _after_save(request, application)
    context = {
        "application": application,
        "form": form,
        "missing": services.application_missing(application) if application.is_editable else [],
        "steps": application.steps.order_by("pk"),
        "events": application.events.order_by("at", "pk"),
    }
    return render(request, "tenancy/intake/portal_application_detail.html", context)


def _after_save(request: PortalRequest, application: Application) -> HttpResponse:
    if "submit" in request.POST:
        try:
            services.application_submit(application=application, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Application %(n)s submitted for review.") % {"n": application.number}
            )
    else:
        messages.success(request, _("Draft %(n)s saved.") % {"n": application.number})
    return redirect("portal:application-detail", pk=application.pk)
