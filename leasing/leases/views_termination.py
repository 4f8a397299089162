"""The landlord's termination pages: propose from the lease page (business, finance, management), the list of
proposals waiting for management, and a proposal's page where management (not its proposer) approves or
rejects it and the proposer withdraws it."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from tenancy.access import has_role, role_required
from tenancy.scope import scope, scoped_or_404

from ..models import LeaseTermination
from ..views import _posted
from . import selectors
from .termination import (
    TERMINATION_DECIDERS,
    TERMINATION_PROPOSERS,
    termination_approve,
    termination_reject,
    termination_withdraw,
    terminations_pending,
)
from .termination import (
    termination_propose as propose,
)
from .views import show_error


class ProposeForm(forms.Form):
    grounds = forms.ChoiceField(label=gettext_lazy("Grounds"), choices=LeaseTermination.Grounds.choices)
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Printed on the termination letter: the arrears or the breach, with dates."),
    )
    effective_date = forms.DateField(
        label=gettext_lazy("Effective date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("The lease ends on this day; rent and charges run to it."),
    )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required when you reject the termination: say why."),
    )


@role_required(*TERMINATION_PROPOSERS)
@require_http_methods(["GET", "POST"])
def termination_propose(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Business, finance, management: propose ending the lease for arrears, breach or other grounds."""
    lease = selectors.lease_get(pk, request.user)
    form = ProposeForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            termination = propose(lease, by=request.user, **form.cleaned_data)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Termination proposed: it waits for management."))
            return redirect("leasing:termination-detail", pk=termination.pk)
    return render(request, "leasing/termination_propose.html", {"lease": lease, "form": form})


@role_required(*TERMINATION_PROPOSERS)
def termination_list(request: HttpRequest) -> HttpResponse:
    """Business, finance, management: the terminations waiting for management, oldest first."""
    context = {
        "terminations": list(scope(terminations_pending(), request.user, "lease__building")),
        "can_decide": has_role(request.user, TERMINATION_DECIDERS),
    }
    return render(request, "leasing/termination_list.html", context)


@role_required(*TERMINATION_PROPOSERS)
@require_http_methods(["GET", "POST"])
def termination_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The proposal; management (not its proposer) approves or rejects it, the proposer may withdraw it."""
    terminations = LeaseTermination.objects.select_related(
        "lease__tenant", "lease__building", "proposed_by", "decided_by"
    )
    termination = scoped_or_404(terminations, request.user, "lease__building", pk=pk)
    form = DecisionForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        action = request.POST.get("decision")
        try:
            if action == "approve":
                termination_approve(termination=termination, by=request.user, note=note)
                messages.success(request, _("Termination approved: the letter is sent to the tenant."))
            elif action == "reject":
                termination_reject(termination=termination, by=request.user, note=note)
                messages.success(request, _("Termination rejected: the lease runs on."))
            else:
                termination_withdraw(termination=termination, by=request.user, note=note)
                messages.success(request, _("Termination withdrawn."))
        except DomainError as error:
            show_error(form, error)
        else:
            return redirect("leasing:lease-detail", pk=termination.lease_id)
    user = request.user
    open_ = termination.status == LeaseTermination.Status.PROPOSED
    context = {
        "termination": termination,
        "lease": termination.lease,
        "form": form,
        "can_decide": open_
        and has_role(user, TERMINATION_DECIDERS)
        and termination.proposed_by_id != user.pk,
        "can_withdraw": open_
        and (termination.proposed_by_id == user.pk or has_role(user, TERMINATION_DECIDERS)),
    }
    return render(request, "leasing/termination_detail.html", context)
