"""Tariffs and fee standards: what is in force (finance and management read), finance's proposals,
management's decisions (approve or reject, never one's own proposal), and each standard's history."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.lists import table_page
from leasing.models import Building
from tenancy.access import has_role, role_required

from .. import standards_selectors as selectors
from ..forms_standards import DecisionForm, ProposalForm
from ..models import StandardKind, StandardProposal
from ..report_tables import DecidedProposalTable
from ..services.standards import (
    DECIDERS,
    PROPOSERS,
    READERS,
    ProposalInput,
    standard_approve,
    standard_propose,
    standard_reject,
    standard_withdraw,
)
from ._common import form_error


@role_required(*READERS)
def standard_list(request: HttpRequest) -> HttpResponse:
    """Finance and management: the tariffs and each building's fit-out fees in force, and the proposals."""
    today = timezone.localdate()
    decided = DecidedProposalTable(selectors.proposals(decided=True), prefix="decided-")
    if export := table_page(request, decided, filename="price-proposals-decided"):
        return export
    context = {
        "tariffs": selectors.tariff_rows(today),
        "fees": selectors.fee_rows(today),
        "waiting": selectors.proposals(status=StandardProposal.Status.PROPOSED),
        "decided": decided,
        "may_propose": has_role(request.user, PROPOSERS),
        "active": "standards",
    }
    return render(request, "billing/standard_list.html", context)


@role_required(*PROPOSERS)
def standard_propose_view(request: AuthenticatedRequest) -> HttpResponse:
    """Finance: propose a new price from a date (today or later)."""
    initial = {key: request.GET[key] for key in ("kind", "building") if request.GET.get(key)}
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = standard_propose(
                data=ProposalInput(
                    data["kind"], data["building"], data["price"], data["effective_from"], data["reason"]
                ),
                by=request.user,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Proposal sent to management for approval."))
            return redirect("billing:standard-proposal", pk=proposal.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": _("Propose a tariff or fee standard"), "active": "standards"}
    return render(request, "billing/standard_propose.html", context, status=status)


def _proposal(pk: int) -> StandardProposal:
    return get_object_or_404(selectors.proposals(), pk=pk)


def _detail(
    request: HttpRequest, proposal: StandardProposal, form: DecisionForm | None = None
) -> HttpResponse:
    waiting = proposal.status == StandardProposal.Status.PROPOSED
    own = proposal.proposed_by_id == request.user.pk
    context = {
        "proposal": proposal,
        "form": form or DecisionForm(),
        "may_decide": waiting and has_role(request.user, DECIDERS) and not own,
        "own_waiting": waiting and own,
        "may_withdraw": waiting and own and has_role(request.user, PROPOSERS),
        "active": "standards",
    }
    return render(request, "billing/standard_proposal.html", context, status=400 if form else 200)


@role_required(*READERS)
def standard_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    """Finance and management: one proposal, with the decision for a manager who did not propose it."""
    return _detail(request, _proposal(pk))


@require_POST
@role_required(*DECIDERS)
def standard_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Management: approve or reject (with a note) a proposal someone else made."""
    proposal = _proposal(pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if request.POST.get("decision") == "approve":
                standard_approve(proposal=proposal, by=request.user, note=note)
                messages.success(request, _("Approved: the price applies from its effective date."))
            else:
                standard_reject(proposal=proposal, by=request.user, note=note)
                messages.success(request, _("Proposal rejected."))
        except DomainError as error:
            form_error(form, error)
        else:
            return redirect("billing:standard-proposal", pk=proposal.pk)
    return _detail(request, _proposal(pk), form)


@require_POST
@role_required(*PROPOSERS)
def standard_withdraw_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Finance: the proposer withdraws a proposal still waiting."""
    proposal = _proposal(pk)
    try:
        standard_withdraw(proposal=proposal, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Proposal withdrawn."))
    return redirect("billing:standard-proposal", pk=proposal.pk)


@role_required(*READERS)
def standard_history(request: HttpRequest, kind: str) -> HttpResponse:
    """Finance and management: every price of one standard (and building), who proposed and approved it."""
    if kind not in StandardKind.values:
        raise Http404
    building: Any = None
    if kind not in selectors.TARIFF_KINDS or request.GET.get("building"):  # a tariff: general without one
        building = get_object_or_404(Building, pk=request.GET.get("building") or 0)
    context = {
        "kind": StandardKind(kind),
        "building": building,
        "rows": selectors.history(kind, building),
        "may_propose": has_role(request.user, PROPOSERS),
        "active": "standards",
    }
    return render(request, "billing/standard_history.html", context)
