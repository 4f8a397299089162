"""Dunning schedules: finance and management read the company's schedules and each building's own;
management sets the company's (head office) or a building's of its office, or brings a building back to the
company's schedule."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from leasing.models import Building
from tenancy.access import has_role, role_required
from tenancy.scope import building_ids, scope

from ..dunning_selectors import schedule_rows
from ..forms_dunning import ScheduleForm
from ..models import DunningStage
from ..services.arrears import stages_of
from ..services.dunning_schedules import READERS, SETTERS, dunning_schedule_reset, dunning_schedule_set
from ._common import form_error


@role_required(*READERS)
def dunning_schedules(request: HttpRequest) -> HttpResponse:
    """Finance and management: the company's schedules and which of the user's buildings keeps its own."""
    context = {
        "rows": schedule_rows(scope(Building.objects.all(), request.user, "")),
        "may_set": has_role(request.user, SETTERS),
        "may_set_company": building_ids(request.user) is None,
        "active": "dunning",
    }
    return render(request, "billing/dunning_schedules.html", context)


def _building(request: HttpRequest) -> Building | None:
    pk = request.GET.get("building") or request.POST.get("building")
    if not pk:
        return None
    return get_object_or_404(scope(Building.objects.all(), request.user, ""), pk=pk)


@role_required(*SETTERS)
def dunning_schedule_edit(request: AuthenticatedRequest, schedule: str) -> HttpResponse:
    """Management: the stages of one schedule, the company's or a building's own."""
    if schedule not in DunningStage.Schedule.values:
        raise Http404
    building = _building(request)
    initial = ScheduleForm.initial_from(stages_of(schedule, building.pk if building else None))
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            dunning_schedule_set(building=building, schedule=schedule, stages=form.stages(), by=request.user)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Dunning schedule saved: the next daily run follows it."))
            return redirect("billing:dunning-schedules")
    context = {
        "form": form,
        "schedule": DunningStage.Schedule(schedule),
        "building": building,
        "active": "dunning",
    }
    return render(request, "billing/dunning_schedule_edit.html", context, status=400 if form.errors else 200)


@require_POST
@role_required(*SETTERS)
def dunning_schedule_reset_view(request: AuthenticatedRequest, schedule: str) -> HttpResponse:
    """Management: a building of its office follows the company's schedule again."""
    if schedule not in DunningStage.Schedule.values:
        raise Http404
    building = _building(request)
    if building is None:  # the company's schedule is never removed, only changed
        messages.error(request, _("Choose the building that should follow the company's schedule again."))
        return redirect("billing:dunning-schedules")
    dunning_schedule_reset(building=building, schedule=schedule, by=request.user)
    messages.success(request, _("The building follows the company's dunning schedule again."))
    return redirect("billing:dunning-schedules")
