"""Staff pages of leases: the contract ledger (合同台账) with its exports, a lease's page, drafting, signing,
activating and cancelling."""

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from documents.access import staff_downloadable_ids
from documents.actors import AnyUser, AuthenticatedRequest
from documents.clientip import client_ip
from documents.errors import DomainError
from tenancy.access import has_role, role_required
from tenancy.history import object_history
from tenancy.models import Application, Tenant
from tenancy.people import display_name
from tenancy.scope import application_scope, scope, tenant_scope
from tenancy.selectors import approved_applications_without_lease

from ..models import Lease, MoveOutNotice, Unit
from ..views import _paginate, _posted
from . import selectors, services
from .admission import ADMISSION_OVERRIDERS
from .applications import application_initial
from .exports import table_response
from .filters import LeaseFilter
from .forms import LeaseForm, ReasonForm, SignForm
from .guide import guide_initial
from .permissions import LEASE_EDITORS, LEASE_VIEWERS, NOTICE_OVERRIDERS, RENEWAL_STAFF, can_edit_leases
from .reviews import LEGAL_REVIEWERS, review_latest
from .signing import lease_sign, lease_summary_draft_pdf
from .tables import LeaseTable, lease_status_badge
from .termination import TERMINABLE, TERMINATION_PROPOSERS, lease_terminations
from .views_credit import credit_card, credit_prefill


def show_error(form: BaseForm, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@role_required(*LEASE_VIEWERS)
def lease_list(request: HttpRequest) -> HttpResponse:
    """Front desk, business, legal, finance, management."""
    lease_filter = LeaseFilter(request.GET or None, queryset=selectors.lease_list(request.user))
    if request.GET.get("export") in ("csv", "xlsx"):
        return _ledger_export(request.GET["export"], lease_filter.qs)
    table = LeaseTable(lease_filter.qs)
    _paginate(request, table)
    can_create = can_edit_leases(request.user)
    # Every approved application of the user's buildings still without its lease (each soon becomes one).
    awaiting = (
        list(application_scope(approved_applications_without_lease(), request.user)) if can_create else []
    )
    context = {"filter": lease_filter, "table": table, "can_create": can_create, "awaiting": awaiting}
    return render(request, "leasing/lease_list.html", context)


def _ledger_export(fmt: str, leases: Any) -> HttpResponse:
    header = [
        _("Lease number"), _("Tenant"), _("Building"), _("Units"), _("Area (m²)"), _("Start"), _("End"),
        _("Current end"), _("Rent basis"), _("Rent"), _("Management fee basis"), _("Management fee"),
        _("Payment cycle"), _("Deposit"), _("Status"),
    ]  # fmt: skip
    rows = (
        [
            lease.number,
            lease.tenant.name,
            lease.building.name,
            " ".join(r.unit.code for r in lease.held_units),
            lease.area,
            lease.start_date,
            lease.end_date,
            lease.effective_end,
            lease.get_rent_basis_display(),
            lease.rent_rate,
            lease.get_fee_basis_display(),
            lease.fee_rate,
            lease.get_payment_cycle_display(),
            lease.deposit_amount,
            lease.get_status_display(),
        ]  # fmt: skip
        for lease in leases
    )
    filename = f"leases-{timezone.localdate():%Y%m%d}"
    return table_response(fmt, filename, header, rows, money_columns=(9, 11, 13))


@role_required(*LEASE_VIEWERS)
def lease_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk, business, legal, finance, management."""
    lease = selectors.lease_get(pk, request.user)
    today = timezone.localdate()
    on = _date_param(request.GET.get("on", "")) or today
    user = request.user
    documents = list(selectors.lease_documents(lease))
    context = {
        "lease": lease,
        "status_badge": lease_status_badge(lease),
        "terms": selectors.lease_current_terms(lease, on),
        "on": on,
        "today": today,
        "units": selectors.lease_units_in_force(lease, today)
        or list(lease.lease_units.select_related("unit")),
        "amendments": list(lease.amendments.order_by("-version")),
        "cases": list(lease.renewal_cases.select_related("owner", "next_lease").order_by("-term_end")),
        "move_out": MoveOutNotice.objects.filter(lease=lease).first(),
        "documents": documents,
        # An archived tenant's papers are listed for every reader, linked for those who may open them.
        "downloadable": staff_downloadable_ids(user=user, ids=[d.pk for d in documents]),
        "events": list(lease.events.select_related("by")),
        "history": object_history(lease),
        "can_edit": can_edit_leases(user),
        "can_notice": has_role(user, RENEWAL_STAFF) and lease.status == Lease.Status.ACTIVE,
        "can_override": has_role(user, NOTICE_OVERRIDERS),
        "renewal": Lease.objects.filter(previous=lease).first(),
        "legal_review": review_latest(lease) if lease.status == Lease.Status.DRAFT else None,
        "can_review": has_role(user, LEGAL_REVIEWERS),
        "credit": credit_card(lease, user),
        "terminations": (terminations := list(lease_terminations(lease))),
        "can_terminate": has_role(user, TERMINATION_PROPOSERS)
        and lease.status in TERMINABLE
        and not any(t.status in ("proposed", "approved") for t in terminations),
    }
    return render(request, "leasing/lease_detail.html", context)


def _date_param(value: str) -> date | None:
    """A date from ``?on=YYYY-MM-DD``; None when absent or not a date."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@role_required(*LEASE_EDITORS)
@require_http_methods(["GET", "POST"])
def lease_create(request: AuthenticatedRequest) -> HttpResponse:
    """Business department and management."""
    tenant, application_id = request.GET.get("tenant", ""), request.GET.get("application", "")
    application = _approved_application(application_id, request.user)
    initial = _draft_initial(application, tenant, request.GET.getlist("unit"), request.user)
    credit_proposal = credit_prefill(initial)
    form = LeaseForm(*_posted(request), initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            lease = services.lease_create(
                tenant=form.cleaned_data["tenant"],
                units=list(form.cleaned_data["units"]),
                terms=form.draft_terms(),
                by=request.user,
                application=application,
                note=form.past_start_note(),
                admission_override_reason=form.cleaned_data["admission_override_reason"],
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Draft lease %(number)s created.") % {"number": lease.number})
            return redirect("leasing:lease-detail", pk=lease.pk)
    context = {
        "form": form,
        "lease": None,
        "application": application,
        "can_override_admission": has_role(request.user, ADMISSION_OVERRIDERS),
        "draft_tenant": _draft_tenant(form, request.user),
        "credit_proposal": credit_proposal,
    }
    return render(request, "leasing/lease_form.html", context)


def _draft_initial(
    application: Application | None, tenant: str, unit_ids: list[str], user: AnyUser
) -> dict[str, Any]:
    """A new draft's values: the application's (or ``?tenant=``, ``?unit=``), rent and fee from the guide."""
    initial: dict[str, Any] = application_initial(application) if application else {}
    if not application and tenant.isdigit():
        initial["tenant"] = tenant
    if not application and unit_ids:
        initial["units"] = [pk for pk in unit_ids if pk.isdigit()]
    units = scope(Unit.objects.filter(pk__in=initial.get("units", [])), user, "building")
    return {**initial, **guide_initial(units)}


def _draft_tenant(form: LeaseForm, user: AnyUser) -> Tenant | None:
    """The tenant the draft is for (posted, or prefilled), whose credit grade the form shows."""
    value = form["tenant"].value()
    if isinstance(value, Tenant):
        return value
    tenants = tenant_scope(Tenant.objects.all(), user)
    return tenants.filter(pk=value).first() if str(value or "").isdigit() else None


def _approved_application(pk: str, user: AnyUser) -> Application | None:
    """The approved application named by ``?application=`` (404 for any other, or one for another office's
    building)."""
    if not pk:
        return None
    applications = application_scope(Application.objects.all(), user)
    return get_object_or_404(applications, pk=pk if pk.isdigit() else 0, status=Application.Status.APPROVED)


@role_required(*LEASE_EDITORS)
@require_http_methods(["GET", "POST"])
def lease_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Business department and management (drafts only)."""
    lease = selectors.lease_get(pk, request.user)
    form = LeaseForm(*_posted(request), initial=LeaseForm.initial_for(lease), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.lease_update(
                lease=lease,
                tenant=form.cleaned_data["tenant"],
                units=list(form.cleaned_data["units"]),
                terms=form.draft_terms(),
                by=request.user,
                note=form.past_start_note(),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Draft lease %(number)s saved.") % {"number": lease.number})
            return redirect("leasing:lease-detail", pk=lease.pk)
    draft_tenant = _draft_tenant(form, request.user) or lease.tenant
    context = {"form": form, "lease": lease, "draft_tenant": draft_tenant}
    return render(request, "leasing/lease_form.html", context)


@role_required(*LEASE_EDITORS)
@require_http_methods(["GET", "POST"])
def lease_sign_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Business department and management."""
    lease = selectors.lease_get(pk, request.user)
    contact = lease.tenant.contacts.first()
    initial = {
        "staff_signer": display_name(request.user),
        "tenant_signer": lease.tenant.legal_representative or (contact.name if contact else ""),
    }
    form = SignForm(*_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            lease_sign(lease=lease, **form.cleaned_data, by=request.user, ip_address=client_ip(request))
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(
                request, _("Lease %(number)s signed; its summary is archived.") % {"number": lease.number}
            )
            return redirect("leasing:lease-detail", pk=lease.pk)
    return render(request, "leasing/lease_action.html", {"form": form, "lease": lease, "action": "sign"})


@role_required(*LEASE_EDITORS)
def lease_summary_print(request: HttpRequest, pk: int) -> HttpResponse:
    """Business department and management: the draft summary as PDF, to print and sign in ink."""
    lease = selectors.lease_get(pk, request.user)
    response = HttpResponse(lease_summary_draft_pdf(lease), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{lease.number}-draft.pdf"'
    return response


@role_required(*LEASE_EDITORS)
@require_http_methods(["GET", "POST"])
def lease_activate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Business department and management: a confirmation step, then the lease is active."""
    lease = selectors.lease_get(pk, request.user)
    form = forms.Form(*_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.lease_activate(lease=lease, by=request.user)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Lease %(number)s is active.") % {"number": lease.number})
            return redirect("leasing:lease-detail", pk=lease.pk)
    return render(request, "leasing/lease_action.html", {"form": form, "lease": lease, "action": "activate"})


@role_required(*LEASE_EDITORS)
@require_http_methods(["GET", "POST"])
def lease_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Business department and management."""
    lease = selectors.lease_get(pk, request.user)
    form = ReasonForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.lease_cancel(lease=lease, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Lease %(number)s cancelled.") % {"number": lease.number})
            return redirect("leasing:lease-detail", pk=lease.pk)
    return render(request, "leasing/lease_action.html", {"form": form, "lease": lease, "action": "cancel"})
