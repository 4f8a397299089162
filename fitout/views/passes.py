"""Worker passes: security registers workers and revokes passes, and checks a pass at the gate."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from tenancy.access import can_see_confidential, role_required
from tenancy.scope import building_ids, scoped_or_404
from tenancy.validators import mask_id_number

from .. import services
from ..forms import PassNumberForm, RevokeForm, WorkerForm
from ..models import Worker
from ..permissions import GUARDS
from .common import act


@require_POST
@role_required(*GUARDS)
def worker_register(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Security, management: register a worker and print the pass card."""

    def run(application, data):
        return services.worker_register(
            application=application,
            name=data["name"],
            id_number=data["id_number"],
            trade=data["trade"],
            photo=data["photo"],
            by=request.user,
        )

    return act(
        request,
        pk,
        WorkerForm,
        "worker_form",
        run,
        lambda w: _("Pass %(number)s issued to %(name)s.") % {"number": w.pass_number, "name": w.name},
    )


@require_POST
@role_required(*GUARDS)
def worker_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Security, management: revoke a worker's pass."""
    worker = scoped_or_404(Worker.objects.all(), request.user, "application__lease__building", pk=pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the pass is revoked."))
    else:
        try:
            services.worker_pass_revoke(worker=worker, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Pass %(number)s revoked.") % {"number": worker.pass_number})
    return redirect("fitout:application-detail", pk=worker.application_id)


def _shown_id(request: HttpRequest, worker: Worker) -> str:
    return worker.id_number if can_see_confidential(request.user) else mask_id_number(worker.id_number)


def _check_page(request: HttpRequest, number: str) -> HttpResponse:
    form = PassNumberForm(initial={"number": number})
    result = services.pass_check(number=number) if number else None
    allowed = building_ids(request.user)
    worker = result.worker if result else None
    # A pass opens only its own building's gates: another office's pass is unknown here.
    if worker is not None and allowed is not None and worker.application.lease.building_id not in allowed:
        result = services.PassCheck("unknown", None)
    context = {
        "form": form,
        "result": result,
        "masked_id": _shown_id(request, result.worker) if result and result.worker else "",
    }
    return render(request, "fitout/pass_check.html", context)


@require_GET
@role_required(*GUARDS)
def pass_check(request: HttpRequest) -> HttpResponse:
    """Security, management: type a pass number at the gate and see at once whether it is valid."""
    return _check_page(request, (request.GET.get("number") or "").strip())


@require_GET
@role_required(*GUARDS)
def pass_check_number(request: HttpRequest, number: str) -> HttpResponse:
    """Security, management: the page a pass card's QR code opens."""
    return _check_page(request, number)
