"""The dossier's credit tab: grade history, and a new assessment for the business and finance departments."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from documents.errors import DomainError

from ..access import has_role, role_required
from ..forms import add_domain_error
from ..intake.selectors import latest_grade
from ..models import Tenant
from ..roles import ALL_STAFF
from ..selectors import identifier_for
from . import services
from .forms import AssessmentForm


@role_required(*ALL_STAFF)
def tenant_credit(request: HttpRequest, pk: int) -> HttpResponse:
    """All staff roles see the history; business, finance and management assess."""
    tenant = get_object_or_404(Tenant, pk=pk)
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
