"""The fit-out list, applying on a tenant's behalf, the detail page and the on-screen signing."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from documents.actors import AuthenticatedRequest
from documents.clientip import client_ip
from documents.errors import DomainError
from documents.lists import table_page
from handover.services import SignerInput
from tenancy.access import role_required, user_roles
from tenancy.forms import add_domain_error
from tenancy.scope import scope

from .. import selectors, services
from ..filters import ApplicationFilter
from ..forms import ApplicationForm, SignForm
from ..list_tables import ApplicationTable
from ..models import Application
from ..permissions import APPLICANTS, FITOUT_VIEWERS
from .common import detail_page, get_application


@require_GET
@role_required(*FITOUT_VIEWERS)
def application_list(request: HttpRequest) -> HttpResponse:
    """Front desk, finance, engineering, security, management: every fit-out, filtered."""
    mine = scope(selectors.application_list(), request.user, "lease__building")
    filterset = ApplicationFilter(request.GET or None, queryset=mine)
    table = ApplicationTable(
        filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    )
    if export := table_page(request, table, filename="fit-outs"):
        return export
    context = {
        "filter": filterset,
        "table": table,
        "may_apply": bool(user_roles(request.user) & set(APPLICANTS)),
    }
    return render(request, "fitout/application_list.html", context)


def input_from(form: ApplicationForm, files: list) -> services.ApplicationInput:
    data = form.cleaned_data
    return services.ApplicationInput(
        lease=data["lease"],
        units=list(data["units"]),
        contractor_company=data["contractor_company"],
        contractor_licence=data["contractor_licence"],
        site_manager=data["site_manager"],
        site_manager_phone=data["site_manager_phone"],
        scope=data["scope"],
        needs_fire_approval=data["needs_fire_approval"],
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        drawings=files,
        fire_approval=data.get("fire_approval"),
    )


@role_required(*APPLICANTS)
def application_create(request: AuthenticatedRequest) -> HttpResponse:
    """Front desk, management: apply for a fit-out on a tenant's behalf."""
    lease_id = request.POST.get("lease") or request.GET.get("lease")
    form = ApplicationForm(request.POST or None, request.FILES or None, lease_id=lease_id)
    fields: Any = form.fields
    fields["lease"].queryset = scope(fields["lease"].queryset, request.user, "building")
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                data=input_from(form, form.cleaned_data["drawings"]),
                tenant=form.cleaned_data["lease"].tenant,
                by=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Application %(number)s submitted; now both sides sign the agreement.")
                % {"number": application.number},
            )
            return redirect("fitout:application-sign", pk=application.pk)
    context = {"form": form, "base": "base.html", "choose_lease": not lease_id}
    return render(request, "fitout/application_form.html", context)


@require_GET
@role_required(*FITOUT_VIEWERS)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk, finance, engineering, security, management: one fit-out and the actions of each role."""
    return detail_page(request, get_application(request, pk))


def sign_page(
    request: AuthenticatedRequest, application: Application, base: str, back: str
) -> HttpResponse | None:
    """The signing page (staff and portal share it); returns None when the agreement got signed."""
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not application.agreement_document_id:
        data = form.cleaned_data
        try:
            services.application_sign(
                application=application,
                tenant_signer=SignerInput(data["tenant_name"], data["tenant_signature"]),
                contractor_signer=SignerInput(data["contractor_name"], data["contractor_signature"]),
                by=request.user,
                ip_address=client_ip(request),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The fit-out management agreement is signed."))
            return None
    context = {"form": form, "application": application, "base": base, "back": back}
    return render(request, "fitout/sign.html", context)


@role_required(*APPLICANTS)
def application_sign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, management: tenant and contractor sign the fit-out management agreement on screen."""
    application = get_application(request, pk)
    page = sign_page(request, application, "base.html", "fitout:application-detail")
    return page or redirect("fitout:application-detail", pk=pk)
