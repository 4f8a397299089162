"""Credit terms on lease pages: the note on a new draft, the lease page's card, management's exception."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from documents.actors import AnyUser, AuthenticatedRequest
from documents.errors import DomainError
from tenancy.access import has_role, role_required
from tenancy.models import Tenant

from ..models import Lease, Unit
from ..views import _posted
from . import selectors
from .credit import (
    CREDIT_EXCEPTION_ROLES,
    CreditProposal,
    credit_exception_of,
    credit_initial,
    lease_credit_exception,
    softer_than_grade_c,
)
from .forms import ReasonForm


def credit_prefill(initial: dict[str, Any]) -> CreditProposal | None:
    """A new draft's initial values on the grade's terms, from the prefilled tenant and units."""
    tenant = initial.get("tenant")
    tenant_id = (
        tenant.pk if isinstance(tenant, Tenant) else int(tenant) if str(tenant or "").isdigit() else None
    )
    unit_ids = [int(pk) for pk in initial.get("units", []) if str(getattr(pk, "pk", pk)).isdigit()]
    building_id = Unit.objects.filter(pk__in=unit_ids).values_list("building_id", flat=True).first()
    return credit_initial(tenant_id, building_id, initial)


def credit_card(lease: Lease, user: AnyUser) -> dict[str, Any]:
    """For a draft: how it is softer than the grade C terms, and management's exception if recorded."""
    if lease.status != Lease.Status.DRAFT:
        return {}
    reasons = softer_than_grade_c(lease)
    return {
        "reasons": reasons,
        "exception": credit_exception_of(lease) if reasons else None,
        "can_except": has_role(user, CREDIT_EXCEPTION_ROLES),
    }


@role_required(*CREDIT_EXCEPTION_ROLES)
@require_http_methods(["GET", "POST"])
def lease_credit_exception_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Management only: let a grade C tenant's draft be signed on softer terms, with the reason."""
    lease = selectors.lease_get(pk, request.user)
    form = ReasonForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            lease_credit_exception(lease=lease, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            form.add_error("reason" if error.field == "reason" else None, error.message)
        else:
            messages.success(request, _("Exception recorded in the tenant's reward and penalty history."))
            return redirect("leasing:lease-detail", pk=lease.pk)
    context = {"form": form, "lease": lease, "reasons": softer_than_grade_c(lease)}
    return render(request, "leasing/lease_credit_exception.html", context, status=400 if form.errors else 200)
