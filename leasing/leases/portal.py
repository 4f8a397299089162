"""The tenant's side of leases: its leases, the terms in force, signed documents, the renewal answer and the
move-out notice.
Every view is a ``portal_view`` reading through ``for_tenant``: another tenant's lease is a 404."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from documents.errors import DomainError
from tenancy.access import PortalRequest, for_tenant, portal_role_check, portal_view
from tenancy.portal_roles import COMPANY_ACTORS

from ..models import Lease, MoveOutNotice, RenewalCase
from . import selectors
from .forms import MoveOutNoticeForm, RenewalAnswerForm
from .moveout import move_out_notice_give
from .renewals import renewal_case_answer
from .views import show_error

# Drafts and cancelled leases are the management's business until signed.
PORTAL_STATUSES = (Lease.Status.SIGNED, Lease.Status.ACTIVE, Lease.Status.NOTICE_GIVEN, Lease.Status.ENDED)


def _get_lease(request: HttpRequest, pk: int) -> Lease:
    """The tenant's own signed lease, or 404."""
    return get_object_or_404(
        for_tenant(request, selectors.lease_list().filter(status__in=PORTAL_STATUSES)), pk=pk
    )


def _open_case(lease: Lease) -> RenewalCase | None:
    return lease.renewal_cases.filter(
        intent=RenewalCase.Intent.UNDECIDED, term_end=lease.effective_end
    ).first()


@portal_view
def portal_lease_list(request: HttpRequest) -> HttpResponse:
    """Portal users of the tenant only: the tenant's leases."""
    leases = for_tenant(request, selectors.lease_list().filter(status__in=PORTAL_STATUSES))
    return render(request, "leasing/portal/lease_list.html", {"leases": leases})


@portal_view
@require_http_methods(["GET", "POST"])
def portal_lease_detail(request: PortalRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: terms in force today, units, signed documents, renewal, notice."""
    lease = _get_lease(request, pk)
    case = _open_case(lease)
    answer = RenewalAnswerForm(request.POST if "intent" in request.POST else None)
    notice = MoveOutNoticeForm(request.POST if "move_out_date" in request.POST else None)
    if request.method == "POST" and _handle(request, lease, case, answer, notice):
        return redirect("portal:lease-detail", pk=lease.pk)
    today = timezone.localdate()
    context = {
        "lease": lease,
        "terms": selectors.lease_current_terms(lease, today),
        "units": selectors.lease_units_in_force(lease, today),
        "documents": [d for d in selectors.lease_documents(lease) if d.tenant_may_download],
        "case": case,
        "answer": answer,
        "notice": notice if lease.status == Lease.Status.ACTIVE else None,
        "move_out": MoveOutNotice.objects.filter(lease=lease).first(),
    }
    return render(request, "leasing/portal/lease_detail.html", context)


def _handle(
    request: PortalRequest,
    lease: Lease,
    case: RenewalCase | None,
    answer: RenewalAnswerForm,
    notice: MoveOutNoticeForm,
) -> bool:
    """Apply the posted renewal answer or move-out notice; True when it was recorded. The company's
    administrators answer for it; other roles of the tenant only read the lease."""
    portal_role_check(request.user, COMPANY_ACTORS)
    try:
        if answer.is_bound and case is not None and answer.is_valid():
            renewal_case_answer(case=case, **answer.cleaned_data, by=request.user, portal=True)
            messages.success(request, _("Thank you: your answer is recorded."))
            return True
        if notice.is_bound and notice.is_valid():
            move_out_notice_give(
                lease=lease,
                move_out_date=notice.cleaned_data["move_out_date"],
                reason=notice.cleaned_data["reason"],
                channel=MoveOutNotice.Channel.PORTAL,
                by=request.user,
            )
            messages.success(request, _("Your move-out notice is recorded."))
            return True
    except DomainError as error:
        show_error(answer if answer.is_bound else notice, error)
    return False
