"""The dossier's credit tab: grade history, and a new assessment for the business and finance departments."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.lists import table_page

from ..access import has_role, role_required
from ..forms import add_domain_error
from ..intake.selectors import latest_grade
from ..models import CreditReview, Tenant
from ..roles import ALL_STAFF
from ..scope import tenant_scope
from ..selectors import identifier_for
from ..workdays import calendar_missing
from . import services
from .forms import AssessmentForm, ReviewCloseForm
from .list_tables import CreditReviewTable


@role_required(*ALL_STAFF)
def tenant_credit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """All staff roles see the history; business, finance and management assess."""
    tenant = get_object_or_404(tenant_scope(Tenant.objects.all(), request.user), pk=pk)
    can_assess = has_role(request.user, services.ASSESSORS)
    form = AssessmentForm(request.POST or None) if can_assess else None
    if request.method == "POST":
        if form is None:
            return render(request, "403.html", status=403)
        if form.is_valid():
            try:
                services.credit_assess(tenant=tenant, by=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Credit assessment recorded."))
                return redirect("tenancy:tenant-credit", pk=pk)
    context = {
        "tenant": tenant,
        "tab": "credit",
        "identifier": identifier_for(tenant, request.user),
        "assessments": tenant.credit_assessments.select_related("assessed_by"),
        "form": form,
        "grade": latest_grade(tenant.pk),
    }
    return render(request, "tenancy/tenant_credit.html", context, status=400 if form and form.errors else 200)


@role_required(*services.REVIEWERS)
def credit_review_list(request: HttpRequest) -> HttpResponse:
    """Business department and management: open reviews of tenants whose grade dropped, due first."""
    table = CreditReviewTable(tenant_scope(services.credit_reviews_open(), request.user, "tenant"))
    if export := table_page(request, table, filename="credit-reviews"):
        return export
    reviews = [row.record for row in table.page.object_list]
    missing = calendar_missing(*(r.created_at.date() for r in reviews), *(r.due_date for r in reviews))
    context = {
        "table": table,
        "form": ReviewCloseForm(),
        "today": timezone.localdate(),
        "missing": missing,
    }
    return render(request, "tenancy/credit_review_list.html", context)


@role_required(*services.REVIEWERS)
@require_POST
def credit_review_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Business department and management: close a review with its outcome."""
    review = get_object_or_404(tenant_scope(CreditReview.objects.all(), request.user, "tenant"), pk=pk)
    form = ReviewCloseForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Write what the review found and what was decided."), field="outcome")
        services.credit_review_close(review=review, outcome=form.cleaned_data["outcome"], by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Credit review of %(tenant)s closed.") % {"tenant": review.tenant.name})
    return redirect("tenancy:credit-review-list")
