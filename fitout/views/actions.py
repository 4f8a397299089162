"""The buttons of the detail page, one view per action, each for the roles that do it."""

from django import forms
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.money import yuan
from tenancy.access import role_required

from .. import services
from ..forms import (
    CompletionForm,
    DepositForm,
    DrawingsForm,
    FileForm,
    InspectionForm,
    NoticeForm,
    PowerForm,
    ReviewForm,
)
from ..permissions import APPLICANTS, CASHIERS, ENGINEERS, INSPECTORS
from .common import act, current_drawings


@require_POST
@role_required(*ENGINEERS)
def review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Engineering, management: review the round's drawings (comments, opinion, verdict)."""

    def run(application, data):
        return services.review_record(
            application=application,
            verdict=data["verdict"],
            opinion=data["opinion"],
            required_changes=data["required_changes"],
            comments=form_comments(data),
            by=request.user,
        )

    return act(
        request,
        pk,
        ReviewForm,
        "review_form",
        run,
        _("The review opinion is issued."),
        drawings=current_drawings,
    )


def form_comments(data: dict) -> dict[int, str]:
    return {int(k.removeprefix("comment_")): v for k, v in data.items() if k.startswith("comment_") and v}


@require_POST
@role_required(*APPLICANTS)
def resubmit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, management: upload revised drawings for the tenant (the next review round)."""

    def run(application, data):
        return services.application_resubmit(
            application=application, drawings=data["drawings"], by=request.user
        )

    return act(request, pk, DrawingsForm, "drawings_form", run, _("Revised drawings submitted."))


@require_POST
@role_required(*APPLICANTS, *ENGINEERS)
def fire_approval(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, engineering, management: add the fire-safety approval document."""

    def run(application, data):
        return services.fire_approval_upload(application=application, file=data["file"], by=request.user)

    return act(request, pk, FileForm, "file_form", run, _("Fire-safety approval added."))


@require_POST
@role_required(*CASHIERS)
def deposit_bill(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Finance, management: bill the fit-out deposit to the tenant."""

    def run(application, data):
        return services.deposit_bill(
            application=application, amount=data["amount"], due_date=data["due_date"], by=request.user
        )

    return act(request, pk, DepositForm, "deposit_form", run, _("The fit-out deposit is billed."))


@require_POST
@role_required(*CASHIERS, *ENGINEERS)
def power_agreement(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Finance, engineering, management: record the construction-power agreement."""

    def run(application, data):
        return services.power_agreement_record(
            application=application, reference=data["reference"], signed_on=data["signed_on"], by=request.user
        )

    return act(request, pk, PowerForm, "power_form", run, _("Construction-power agreement recorded."))


@require_POST
@role_required(*ENGINEERS)
def permit_issue(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Engineering, management: issue the permit (refused until everything it needs is there)."""

    def run(application, data):
        return services.permit_issue(application=application, by=request.user)

    return act(request, pk, forms.Form, "permit_form", run, _("The permit is issued."))


@require_POST
@role_required(*INSPECTORS)
def inspection(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Engineering, security, management: log an inspection of the works."""

    def run(application, data):
        return services.inspection_log(
            application=application,
            inspected_on=data["inspected_on"],
            findings=data["findings"],
            passed=data["passed"],
            by=request.user,
        )

    return act(request, pk, InspectionForm, "inspection_form", run, _("Inspection logged."))


@require_POST
@role_required(*INSPECTORS)
def notice_issue(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Engineering, management: issue a rectification or violation notice (a fine comes off the deposit);
    security: a violation notice."""

    def run(application, data):
        return services.notice_issue(
            application=application,
            kind=data["kind"],
            text=data["text"],
            deadline=data["deadline"],
            fine=data["fine"],
            bill_excess=data["bill_excess"],
            idempotency_key=data["idempotency_key"],
            by=request.user,
        )

    def done(notice) -> str:
        if notice.fine_billed:
            return _(
                "Notice %(number)s issued: %(deducted)s deducted from the deposit, %(billed)s billed to the "
                "tenant."
            ) % {
                "number": notice.number,
                "deducted": yuan(notice.fine_deducted),
                "billed": yuan(notice.fine_billed),
            }
        return _("Notice %(number)s issued; the tenant is told.") % {"number": notice.number}

    return act(request, pk, NoticeForm, "notice_form", run, done)


@require_POST
@role_required(*ENGINEERS)
def completion(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Engineering, management: the completion inspection and acceptance; the refund goes to approval."""

    def run(application, data):
        return services.completion_accept(
            application=application,
            findings=data["findings"],
            damages=data["damages"],
            bill_excess=data["bill_excess"],
            by=request.user,
        )

    return act(
        request,
        pk,
        CompletionForm,
        "completion_form",
        run,
        _("Works accepted; the deposit refund is with finance for approval."),
    )
