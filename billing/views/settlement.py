"""The move-out settlement pages: finance's queue (leases to settle, and settled leases where something
arrived later), the settlement page (preview, settle, then supplementary settlements), and management's
record of why a lease is settled without its signed move-out confirmation."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.lists import table_page
from leasing.models import Lease
from tenancy.access import has_role, role_required
from tenancy.scope import scope, scoped_or_404

from ..forms import PayeeForm
from ..models import Refund
from ..queues import leases_awaiting_settlement
from ..report_tables import UnconfirmedTable
from ..services.deposits import Payee
from ..services.settlement import settlement_make
from ..services.settlement_gate import (
    SETTLEMENT_OVERRIDERS,
    leases_awaiting_confirmation,
    settlement_override_record,
    settlement_refusals,
)
from ..services.settlement_preview import settlement_preview
from ..services.settlement_supplement import (
    leases_awaiting_supplement,
    settlement_supplement,
    something_arrived,
    supplement_preview,
)
from ._common import READERS, WRITERS, form_error


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is the lease settled without its signed confirmation?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


def _payee(form: PayeeForm) -> Payee:
    data = form.cleaned_data
    return Payee(name=data["payee_name"], bank=data["payee_bank"], account=data["payee_account"])


@role_required(*WRITERS)
def settlement_view(request: AuthenticatedRequest, lease_pk: int) -> HttpResponse:
    """Finance: what settling will charge (the preview), then settle the lease at move-out (once, after its
    move-out confirmation is signed); later, settle what arrived after it (supplementary settlements)."""
    leases = Lease.objects.select_related("tenant", "building")
    lease = scoped_or_404(leases, request.user, "building", pk=lease_pk)
    settlement = getattr(lease, "settlement", None)
    form = PayeeForm(
        request.POST if request.method == "POST" else None, initial={"payee_name": lease.tenant.name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            if settlement is None:
                settlement_make(lease=lease, by=request.user, payee=_payee(form))
                messages.success(request, _("Lease settled."))
            else:
                settlement_supplement(lease=lease, by=request.user, payee=_payee(form))
                messages.success(request, _("What arrived later is settled."))
        except DomainError as error:
            form_error(form, error)  # shown above the form; the payee typed stays in it
        else:
            return redirect("billing:settlement", lease_pk=lease.pk)
    return render(request, "billing/settlement.html", _context(lease, settlement, form))


def _context(lease: Lease, settlement: object, form: PayeeForm) -> dict[str, object]:
    today = timezone.localdate()
    context: dict[str, object] = {"lease": lease, "settlement": settlement, "form": form}
    if settlement is None:
        context["preview"] = settlement_preview(lease=lease, today=today)
        context["refusals"] = settlement_refusals(lease)
        return context
    supplement = supplement_preview(lease=lease, today=today)
    context["supplements"] = list(lease.supplementary_settlements.order_by("sequence"))
    context["supplement"] = supplement if something_arrived(supplement) else None
    context["refund"] = Refund.objects.filter(account__lease=lease).order_by("-requested_at").first()
    return context


@role_required(*READERS)
def settlement_queue(request: HttpRequest) -> HttpResponse:
    """Finance and management: leases to settle (the move-out confirmation signed, or management's reason
    recorded), settled leases where something arrived later, and leases still waiting for their signed
    confirmation (management may let them be settled without it)."""
    waiting = list(scope(leases_awaiting_settlement(), request.user, "building"))
    unconfirmed = UnconfirmedTable(
        scope(leases_awaiting_confirmation(excluded=[x.pk for x in waiting]), request.user, "building"),
        prefix="unconfirmed-",
    )
    if export := table_page(request, unconfirmed, filename="move-outs-unconfirmed"):
        return export
    context = {
        "leases": waiting,
        "supplements": list(scope(leases_awaiting_supplement(), request.user, "building")),
        "unconfirmed": unconfirmed,
        "can_settle": has_role(request.user, WRITERS),
        "can_override": has_role(request.user, SETTLEMENT_OVERRIDERS),
    }
    return render(request, "billing/settlement_queue.html", context)


@role_required(*SETTLEMENT_OVERRIDERS)
@require_http_methods(["GET", "POST"])
def settlement_override(request: AuthenticatedRequest, lease_pk: int) -> HttpResponse:
    """Management: let finance settle a lease whose move-out confirmation is not signed, saying why."""
    lease = scoped_or_404(Lease.objects.select_related("tenant"), request.user, "building", pk=lease_pk)
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            settlement_override_record(lease=lease, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Recorded: finance may settle the lease."))
            return redirect("billing:settlement-queue")
    context = {"lease": lease, "form": form, "refusals": settlement_refusals(lease)}
    return render(request, "billing/settlement_override.html", context)
