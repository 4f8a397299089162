"""Staff pages of a lease's changes: amendments, renewal cases, move-out notices and an early release."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.lists import table_page
from tenancy.access import has_role, role_required
from tenancy.people import display_name
from tenancy.scope import scoped_or_404

from ..models import Amendment, MoveOutNotice, RenewalCase
from ..views import _posted
from . import selectors
from .amendments import amendment_create, amendment_sign
from .credit import priority_renewals
from .ending import lease_release_early
from .forms import AmendmentForm, FollowUpForm, MoveOutNoticeForm, ReasonForm, RenewalAnswerForm, SignForm
from .list_tables import RenewalCaseTable
from .moveout import move_out_notice_give
from .permissions import LEASE_EDITORS, NOTICE_OVERRIDERS, RENEWAL_STAFF
from .renewals import renewal_case_answer, renewal_follow_up_add
from .views import client_ip, show_error


@role_required(*LEASE_EDITORS)
@require_http_methods(["GET", "POST"])
def amendment_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Business department and management."""
    lease = selectors.lease_get(pk, request.user)
    form = AmendmentForm(*_posted(request), lease=lease)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            amendment_create(
                lease=lease,
                effective_date=data["effective_date"],
                reason=data["reason"],
                rent_basis=data["rent_basis"],
                rent_rate=data["rent_rate"],
                fee_basis=data["fee_basis"],
                fee_rate=data["fee_rate"],
                end_date=data["end_date"],
                units=list(data["units"]) or None,
                by=request.user,
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Draft amendment saved; sign it to make it take effect."))
            return redirect("leasing:lease-detail", pk=lease.pk)
    return render(request, "leasing/amendment_form.html", {"form": form, "lease": lease})


@role_required(*LEASE_EDITORS)
@require_http_methods(["GET", "POST"])
def amendment_sign_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Business department and management."""
    amendments = Amendment.objects.select_related("lease__tenant")
    amendment = scoped_or_404(amendments, request.user, "lease__building", pk=pk)
    lease = amendment.lease
    initial = {"staff_signer": display_name(request.user),
               "tenant_signer": lease.tenant.legal_representative}  # fmt: skip
    form = SignForm(*_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            amendment_sign(
                amendment=amendment, **form.cleaned_data, by=request.user, ip_address=client_ip(request)
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Amendment version %(v)s signed.") % {"v": amendment.version})
            return redirect("leasing:lease-detail", pk=lease.pk)
    context = {"form": form, "lease": lease, "amendment": amendment, "action": "sign-amendment"}
    return render(request, "leasing/lease_action.html", context)


@role_required(*RENEWAL_STAFF)
@require_http_methods(["GET", "POST"])
def move_out_notice_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, business department and management (a shorter notice: management only)."""
    lease = selectors.lease_get(pk, request.user)
    form = MoveOutNoticeForm(*_posted(request), can_override=has_role(request.user, NOTICE_OVERRIDERS))
    if request.method == "POST" and form.is_valid():
        try:
            move_out_notice_give(
                lease=lease,
                move_out_date=form.cleaned_data["move_out_date"],
                reason=form.cleaned_data["reason"],
                override_reason=form.cleaned_data.get("override_reason", ""),
                early_reason=form.cleaned_data.get("early_reason", ""),
                channel=MoveOutNotice.Channel.FRONT_DESK,
                by=request.user,
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Move-out notice recorded."))
            return redirect("leasing:lease-detail", pk=lease.pk)
    return render(request, "leasing/lease_action.html", {"form": form, "lease": lease, "action": "notice"})


@role_required(*RENEWAL_STAFF)
def renewal_case_list(request: HttpRequest) -> HttpResponse:
    """Front desk, business department and management."""
    show_all, priority = request.GET.get("all") == "1", request.GET.get("priority") == "1"
    cases = priority_renewals(selectors.renewal_case_list(request.user), only=priority)
    if not show_all:
        cases = cases.filter(intent=RenewalCase.Intent.UNDECIDED)
    table = RenewalCaseTable(cases)
    if export := table_page(request, table, filename="renewal-cases"):
        return export
    cases = [row.record for row in table.page.object_list]  # this page's cases, in the order shown
    context = {"table": table, "cases": cases, "show_all": show_all, "priority": priority}
    return render(request, "leasing/renewal_case_list.html", context)


@role_required(*RENEWAL_STAFF)
@require_http_methods(["GET", "POST"])
def renewal_case_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, business department and management."""
    case = get_object_or_404(selectors.renewal_case_list(request.user), pk=pk)
    answer = RenewalAnswerForm(*(_posted(request) if "intent" in request.POST else (None,)))
    follow_up = FollowUpForm(*(_posted(request) if "intent" not in request.POST else (None,)))
    if request.method == "POST":
        form = answer if "intent" in request.POST else follow_up
        if form.is_valid():
            try:
                if form is answer:
                    renewal_case_answer(case=case, **form.cleaned_data, by=request.user)
                else:
                    renewal_follow_up_add(case=case, note=form.cleaned_data["note"], by=request.user)
            except DomainError as error:
                show_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("leasing:renewal-case-detail", pk=case.pk)
    context = {"case": case, "answer": answer, "follow_up": follow_up,
               "follow_ups": list(case.follow_ups.select_related("by"))}  # fmt: skip
    return render(request, "leasing/renewal_case_detail.html", context)


@role_required(*NOTICE_OVERRIDERS)
@require_http_methods(["GET", "POST"])
def lease_release(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Management: a tenant who handed the units back before the end date owes nothing after that day."""
    lease = selectors.lease_get(pk, request.user)
    form = ReasonForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            lease_release_early(lease=lease, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("The lease ended on the handback day."))
            return redirect("leasing:lease-detail", pk=lease.pk)
    return render(request, "leasing/lease_action.html", {"form": form, "lease": lease, "action": "release"})
