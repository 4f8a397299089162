"""The tenant's side of fit-out: its applications (apply, sign, resubmit drawings, add the fire-safety
approval), review opinions, permit, worker passes and notices, which it answers. Every view is a
``portal_view`` reading only through ``for_tenant``: another tenant's fit-out is 404."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from documents.errors import DomainError
from tenancy.access import PortalRequest, for_tenant, portal_view
from tenancy.forms import add_domain_error
from tenancy.portal_documents import portal_documents
from tenancy.portal_roles import OPERATIONS_ACTORS, OPERATIONS_READERS

from . import selectors, services
from .forms import AnswerForm, ApplicationForm, DrawingsForm, ExtensionForm, FileForm
from .models import Application, Notice, Worker
from .views.applications import input_from, sign_page


def _get_application(request: HttpRequest, pk: int) -> Application:
    return get_object_or_404(for_tenant(request, selectors.application_detail()), pk=pk)


def _document_ids(application: Application, workers: list[tuple[Worker, str, str]]) -> list[int | None]:
    """Every document the fit-out page links (the relations are prefetched)."""
    return [
        application.agreement_document_id,
        application.fire_approval_document_id,
        application.permit_document_id,
        application.charge_sheet_document_id,
        *(drawing.document_id for drawing in application.drawings.all()),
        *(review.document_id for review in application.reviews.all()),
        *(worker.pass_document_id for worker, _state, _masked in workers),
        *(notice.document_id for notice in application.notices.all()),
    ]


def _detail(request: HttpRequest, application: Application, **bound: object) -> HttpResponse:
    workers = selectors.workers_with_status(application)
    context = {
        "application": application,
        "deposit": selectors.deposit_state(application),
        "charges": selectors.charges_state(application),
        "workers": workers,
        "portal_documents": portal_documents(request, _document_ids(application, workers)),
        "drawings_form": DrawingsForm(),
        "file_form": FileForm(),
        "answer_form": AnswerForm(),
        "extension_form": ExtensionForm(),
        **bound,
    }
    return render(request, "fitout/portal/detail.html", context)


@require_GET
@portal_view(roles=OPERATIONS_READERS)
def portal_list(request: HttpRequest) -> HttpResponse:
    """Portal users of the tenant only: its fit-outs."""
    applications = for_tenant(request, selectors.application_list())
    return render(request, "fitout/portal/list.html", {"applications": applications})


@portal_view(roles=OPERATIONS_ACTORS)
def portal_apply(request: PortalRequest) -> HttpResponse:
    """Portal users of the tenant only: apply for a fit-out of units of a live lease."""
    form = ApplicationForm(request.POST or None, request.FILES or None, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                data=input_from(form, form.cleaned_data["drawings"]), tenant=request.tenant, by=request.user
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Application %(number)s submitted; now both sides sign the agreement.")
                % {"number": application.number},
            )
            return redirect("fitout_portal:sign", pk=application.pk)
    return render(request, "fitout/application_form.html", {"form": form, "base": "portal/base.html"})


@require_GET
@portal_view(roles=OPERATIONS_READERS)
def portal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: one fit-out, its documents and notices."""
    return _detail(request, _get_application(request, pk))


@portal_view(roles=OPERATIONS_ACTORS)
def portal_sign(request: PortalRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: tenant and contractor sign the agreement on screen."""
    application = _get_application(request, pk)
    page = sign_page(request, application, "portal/base.html", "fitout_portal:detail")
    return page or redirect("fitout_portal:detail", pk=pk)


@require_POST
@portal_view(roles=OPERATIONS_ACTORS)
def portal_resubmit(request: PortalRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: upload revised drawings after a review asked for changes."""
    application = _get_application(request, pk)
    form = DrawingsForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.application_resubmit(
                application=application, drawings=form.cleaned_data["drawings"], by=request.user
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Revised drawings submitted."))
            return redirect("fitout_portal:detail", pk=pk)
    return _detail(request, _get_application(request, pk), drawings_form=form)


@require_POST
@portal_view(roles=OPERATIONS_ACTORS)
def portal_fire_approval(request: PortalRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: add the fire-safety approval document."""
    application = _get_application(request, pk)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.fire_approval_upload(
                application=application, file=form.cleaned_data["file"], by=request.user
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Fire-safety approval added."))
            return redirect("fitout_portal:detail", pk=pk)
    return _detail(request, _get_application(request, pk), file_form=form)


@require_POST
@portal_view(roles=OPERATIONS_ACTORS)
def portal_notice_answer(request: PortalRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: answer a rectification or violation notice."""
    notice = get_object_or_404(for_tenant(request, Notice.objects.all(), "application__tenant"), pk=pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.notice_answer(notice=notice, answer=form.cleaned_data["answer"], by=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you: your answer is recorded."))
            return redirect("fitout_portal:detail", pk=notice.application_id)
    return _detail(
        request,
        _get_application(request, notice.application_id),
        answer_form=form,
        answer_notice_id=notice.pk,
    )


@require_POST
@portal_view(roles=OPERATIONS_ACTORS)
def portal_extension_request(request: PortalRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: ask to end the works later; a bad date comes back at its field."""
    application = _get_application(request, pk)
    form = ExtensionForm(request.POST)
    if form.is_valid():
        try:
            services.extension_request(
                application=application,
                ends_on=form.cleaned_data["ends_on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your request is sent to engineering."))
            return redirect("fitout_portal:detail", pk=pk)
    return _detail(request, _get_application(request, pk), extension_form=form)
