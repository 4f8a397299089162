"""The arrears file's pages: the case list, a case (the tenant's arrears by age, letters, contact log with
promises, payment plans, owner) and management's decisions on recommendations to terminate."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.lists import table_page
from tenancy.access import has_role, role_required
from tenancy.scope import scope, scoped_or_404, tenant_scope

from .. import collection_selectors as selectors
from ..forms_collection import ContactForm, DecisionForm, OwnerForm, PlanForm
from ..models import CollectionCase, TerminationRecommendation
from ..report_tables import DecidedRecommendationTable
from ..services.collection import (
    CASE_DECIDERS,
    CASE_READERS,
    ContactInput,
    collection_case_assign,
    collection_contact_log,
    payment_plan_grant,
)
from ..services.recommendations import RECOMMENDATION_DECIDERS, DecisionInput, recommendation_decide
from ..suspension import tenant_suspension
from ._common import form_error


@role_required(*CASE_READERS)
def collection_list(request: HttpRequest) -> HttpResponse:
    """Front desk, business, finance and management: the open arrears files, raised ones first."""
    status = request.GET.get("status", "")
    rows = selectors.case_rows(today=timezone.localdate(), status=status, user=request.user)
    context = {"rows": rows, "status": status, "statuses": CollectionCase.Status.choices[:2]}
    return render(request, "billing/collection_list.html", context)


def _case(request: HttpRequest, pk: int) -> CollectionCase:
    """The arrears file of a tenant the user's offices see (another office's tenant: 404)."""
    cases = CollectionCase.objects.select_related("tenant", "owner")
    return get_object_or_404(tenant_scope(cases, request.user, "tenant"), pk=pk)


def _detail(request: HttpRequest, case: CollectionCase, status: int = 200, **forms: Any) -> HttpResponse:
    today = timezone.localdate()
    may_decide = has_role(request.user, CASE_DECIDERS)
    plans = list(case.plans.prefetch_related("instalments").select_related("granted_by"))
    context = {
        "case": case,
        "today": today,
        "bills": selectors.tenant_open_bills(case.tenant_id, today, request.user),
        "letters": selectors.tenant_letters(case.tenant_id, request.user),
        "suspension": tenant_suspension(case.tenant_id, today=today),
        "contacts": case.contacts.select_related("by").prefetch_related("promises"),
        "promises": case.promises.select_related("by"),
        "plans": plans,
        "recommendations": case.recommendations.select_related("lease", "decided_by"),
        "events": case.events.select_related("by"),
        "contact_form": forms.get("contact_form") or ContactForm(),
        "may_decide": may_decide,
        "may_decide_termination": has_role(request.user, RECOMMENDATION_DECIDERS),
        "owner_form": forms.get("owner_form")
        or (OwnerForm(initial={"owner": case.owner_id}) if may_decide else None),
        "plan_form": forms.get("plan_form") or (PlanForm() if may_decide else None),
        "open_form": next(iter(forms), ""),
    }
    return render(request, "billing/collection_detail.html", context, status=status)


@role_required(*CASE_READERS)
def collection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The arrears file of one tenant."""
    return _detail(request, _case(request, pk))


@require_POST
@role_required(*CASE_READERS)
def collection_contact(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Log a call, visit or letter (with a promise to pay when there is one)."""
    case = _case(request, pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        data = ContactInput(**form.cleaned_data)
        try:
            collection_contact_log(case=case, data=data, by=request.user)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Contact logged."))
            return redirect("billing:collection-detail", pk=case.pk)
    return _detail(request, case, status=400, contact_form=form)


@require_POST
@role_required(*CASE_DECIDERS)
def collection_owner(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Finance or management: who follows the file."""
    case = _case(request, pk)
    form = OwnerForm(request.POST)
    if form.is_valid():
        try:
            collection_case_assign(case=case, owner=form.cleaned_data["owner"], by=request.user)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Owner saved."))
            return redirect("billing:collection-detail", pk=case.pk)
    return _detail(request, case, status=400, owner_form=form)


@require_POST
@role_required(*CASE_DECIDERS)
def collection_plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Finance or management: grant a payment plan in monthly instalments."""
    case = _case(request, pk)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            payment_plan_grant(case=case, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Payment plan granted."))
            return redirect("billing:collection-detail", pk=case.pk)
    return _detail(request, case, status=400, plan_form=form)


@role_required(*RECOMMENDATION_DECIDERS)
def recommendation_list(request: HttpRequest) -> HttpResponse:
    """Management: the recommendations to terminate, undecided ones with their age; the decided ones sorted,
    paginated and exported."""
    today = timezone.localdate()
    waiting = (TerminationRecommendation.Status.PENDING, TerminationRecommendation.Status.WAIT)
    recommendations = scope(selectors.recommendations_for_page(), request.user, "lease__building")
    rows = list(recommendations.filter(status__in=waiting))
    for row in rows:
        row.age = (today - row.made_on).days  # type: ignore[attr-defined]
    decided = DecidedRecommendationTable(recommendations.exclude(status__in=waiting), prefix="decided-")
    if export := table_page(request, decided, filename="termination-decisions"):
        return export
    return render(request, "billing/recommendation_list.html", {"waiting": rows, "decided": decided})


@role_required(*RECOMMENDATION_DECIDERS)
def recommendation_decide_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Management decides: terminate the lease, grant a payment plan, or wait until a date."""
    recommendation = scoped_or_404(
        TerminationRecommendation.objects.select_related(
            "case__tenant", "lease", "letter__bill", "termination"
        ),
        request.user,
        "lease__building",
        pk=pk,
    )
    today = timezone.localdate()
    undecided = recommendation.status in (
        TerminationRecommendation.Status.PENDING,
        TerminationRecommendation.Status.WAIT,
    )
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST" and not undecided:
        messages.error(request, _("This recommendation is decided already."))
        return redirect("billing:recommendation-list")
    if request.method == "POST":
        if form.is_valid():
            try:
                recommendation_decide(
                    recommendation=recommendation, data=DecisionInput(**form.cleaned_data), by=request.user
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, _("The decision is recorded."))
                return redirect("billing:recommendation-list")
        status = 400
    context = {
        "recommendation": recommendation,
        "case": recommendation.case,
        "age": (today - recommendation.made_on).days,
        "bills": selectors.tenant_open_bills(recommendation.case.tenant_id, today, request.user),
        "suspension": tenant_suspension(recommendation.case.tenant_id, today=today),
        "form": form if undecided else None,
    }
    return render(request, "billing/recommendation_decide.html", context, status=status)
