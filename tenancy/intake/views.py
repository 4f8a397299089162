"""Staff pages of intake: applications (walk-in entry, drafts, submission), department queues, decisions."""

import uuid
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.access import staff_downloadable_ids
from documents.actors import AuthenticatedRequest, User
from documents.errors import DomainError

from ..access import can_see_confidential, has_role, role_required
from ..forms import add_domain_error
from ..models import Application, ReviewStep
from ..roles import Role
from ..scope import application_scope
from ..workdays import calendar_missing
from . import linking, review, selectors, services
from .filters import ApplicationFilter
from .forms import ApplicationForm, DecisionForm
from .selectors import age_in_working_days

INTAKE_ROLES = services.INTAKE_ROLES
REVIEW_ROLES: tuple[str, ...] = (Role.BUSINESS, Role.LEGAL, Role.FINANCE, Role.MANAGEMENT)
VIEW_ROLES: tuple[str, ...] = (Role.FRONT_DESK, *REVIEW_ROLES)
PER_PAGE = 25


def _get_application(request: HttpRequest, pk: int) -> Application:
    """The application if it is for one of the user's buildings (or names none an office runs), else 404."""
    try:
        return selectors.application_page(pk, user=request.user)
    except Application.DoesNotExist:
        raise Http404 from None


@role_required(*VIEW_ROLES)
def application_list(request: HttpRequest) -> HttpResponse:
    """Front desk, business, legal, finance, management."""
    filterset = ApplicationFilter(
        request.GET or None, queryset=application_scope(selectors.application_list(), request.user)
    )
    queryset = filterset.qs if filterset.is_bound else filterset.queryset
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "paginator": page.paginator,
        "query": request.GET.copy(),
        "can_enter": has_role(request.user, INTAKE_ROLES),
    }
    return render(request, "tenancy/intake/application_list.html", context)


@role_required(*INTAKE_ROLES)
def application_create(request: AuthenticatedRequest) -> HttpResponse:
    """Front desk, business, management: enter a walk-in application (saved as a draft, or submitted)."""
    form = ApplicationForm(request.POST or None, request.FILES or None, initial={"form_key": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                channel=Application.Channel.FRONT_DESK,
                by=request.user,
                idempotency_key=form.cleaned_data["form_key"],
                files=form.files_by_kind(),
                **form.field_values(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _after_save(request, application)
    return render(request, "tenancy/intake/application_form.html", {"form": form, "application": None})


@role_required(*INTAKE_ROLES)
def application_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, business, management: complete a draft, or update a returned application."""
    application = _get_application(request, pk)
    if not application.is_editable:
        messages.error(request, _("This application can no longer be changed."))
        return redirect("intake:application-detail", pk=pk)
    form = ApplicationForm(request.POST or None, request.FILES or None, instance=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(
                application=application, by=request.user, files=form.files_by_kind(), **form.field_values()
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _after_save(request, application)
    context = {"form": form, "application": application, "missing": services.application_missing(application)}
    return render(request, "tenancy/intake/application_form.html", context)


def _after_save(request: AuthenticatedRequest, application: Application) -> HttpResponse:
    """ "Save draft" stays a draft; "Submit" sends it to review, or lists what is still missing."""
    if "submit" not in request.POST:
        messages.success(request, _("Draft %(n)s saved.") % {"n": application.number})
        return redirect("intake:application-detail", pk=application.pk)
    return _submit(request, application)


def _submit(request: AuthenticatedRequest, application: Application) -> HttpResponse:
    try:
        services.application_submit(application=application, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("intake:application-edit", pk=application.pk)
    messages.success(request, _("Application %(n)s submitted for review.") % {"n": application.number})
    return redirect("intake:application-detail", pk=application.pk)


@role_required(*INTAKE_ROLES)
@require_POST
def application_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, business, management."""
    return _submit(request, _get_application(request, pk))


@role_required(*VIEW_ROLES)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk, business, legal, finance, management (decisions: the open step's department)."""
    application = _get_application(request, pk)
    return render(request, "tenancy/intake/application_detail.html", _detail_context(request, application))


def _detail_context(request: HttpRequest, application: Application, **extra: Any) -> dict[str, Any]:
    steps = list(application.steps.all())
    documents = list(selectors.application_documents(application))
    decidable = [
        step
        for step in steps
        if step.status == ReviewStep.Status.OPEN
        and application.status == Application.Status.IN_REVIEW
        and review.may_decide(application=application, department=step.department, user=request.user)
    ]
    return {
        "application": application,
        "steps": steps,
        "events": application.events.all(),
        "documents": documents,
        "downloadable": staff_downloadable_ids(user=request.user, ids=[d.pk for d in documents]),
        "missing": services.application_missing(application) if application.is_editable else [],
        "grade": selectors.latest_grade(application.tenant_id),
        "match": linking.matching_tenant(application),
        "can_link": has_role(request.user, linking.LINK_ROLES) and not application.is_final,
        "linked": linking.is_linked(application),
        "decidable": decidable,
        "form": extra.pop("form", None) or DecisionForm(),
        "can_enter": has_role(request.user, INTAKE_ROLES),
        "can_see_confidential": can_see_confidential(request.user),
        **extra,
    }


@role_required(*linking.LINK_ROLES)
@require_POST
def application_link_tenant(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, business, management: join the application to the existing tenant its identifier names."""
    application = _get_application(request, pk)
    try:
        linking.application_link_tenant(application=application, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Application linked to the existing tenant."))
    return redirect("intake:application-detail", pk=pk)


@role_required(*REVIEW_ROLES)
@require_POST
def application_decide(request: HttpRequest, pk: int, department: str) -> HttpResponse:
    """Business, legal, finance, management: each only its own department's open step."""
    application = _get_application(request, pk)
    if department not in ReviewStep.Department.values:
        raise Http404
    form = DecisionForm(request.POST)
    if form.is_valid():
        verdict, comment = form.cleaned_data["verdict"], form.cleaned_data["comment"]
        try:
            _apply_verdict(application, department, cast(Any, request.user), verdict, comment)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("intake:application-detail", pk=pk)
    application = _get_application(request, pk)
    context = _detail_context(request, application, form=form, form_department=department)
    return render(request, "tenancy/intake/application_detail.html", context, status=400)


def _apply_verdict(application: Application, department: str, by: User, verdict: str, comment: str) -> None:
    if verdict == "approve":
        review.review_approve(application=application, department=department, by=by, comment=comment)
    elif verdict == "reject":
        review.review_reject(application=application, department=department, by=by, reason=comment)
    else:
        review.review_return(application=application, department=department, by=by, needed=comment)


@role_required(*REVIEW_ROLES)
def review_queue(request: HttpRequest, department: str = "") -> HttpResponse:
    """Business, legal, finance, management: each sees its own department's queue."""
    if not department:  # the menu's entry: the first queue of the user's departments
        department = next(d for d in ReviewStep.Department.values if has_role(request.user, (d,)))
    if department not in ReviewStep.Department.values:
        raise Http404
    if not has_role(request.user, (department,)):
        raise PermissionDenied(_("Your role may not use this page."))
    page = Paginator(selectors.review_queue(department, user=request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    rows = [(step, age_in_working_days(step.opened_at, today)) for step in page.object_list]
    context = {
        "department": ReviewStep.Department(department),
        "page": page,
        "paginator": page.paginator,
        "rows": rows,
        "departments": [d for d in ReviewStep.Department if has_role(request.user, (d.value,))],
        # The ages count working days: a year the calendar does not hold is counted Monday–Friday, said here.
        "missing": calendar_missing(*(timezone.localdate(step.opened_at) for step, _age in rows), today),
    }
    return render(request, "tenancy/intake/review_queue.html", context)
