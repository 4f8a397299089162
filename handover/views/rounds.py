"""The monthly meter-reading round (抄表) pages: the list of rounds with the form to open one, and the entry
page of a round, made for a 1024 px tablet: the building's meters by floor, one input each, the previous
reading beside it, the meters still unread listed, and closing the round."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.lists import table_page
from tenancy.access import has_role, role_required
from tenancy.forms import add_domain_error
from tenancy.scope import scope, scoped_or_404

from .. import selectors, services
from ..forms import add_row_error
from ..list_tables import RoundTable
from ..models import MeterRound
from ..permissions import ROUND_READERS, ROUND_VIEWERS
from ..round_forms import RoundOpenForm, RoundReadingFormSet

MSG_NOT_SAVED = gettext_lazy("Nothing was saved: correct the readings marked in red and save again.")


def _list(request: HttpRequest, form: RoundOpenForm, status: int = 200) -> HttpResponse:
    rounds = scope(selectors.round_list(request.GET.get("status")), request.user, "building")
    table = RoundTable(rounds.order_by("-month", "building__code"))
    if export := table_page(request, table, filename="meter-rounds"):
        return export
    context = {"table": table, "form": form, "can_read": has_role(request.user, ROUND_READERS)}
    return render(request, "handover/round_list.html", context, status=status)


@role_required(*ROUND_VIEWERS)
def round_list(request: HttpRequest) -> HttpResponse:
    """Front desk, engineering, management: the meter-reading rounds, newest month first."""
    return _list(request, RoundOpenForm(user=request.user))


@require_POST
@role_required(*ROUND_READERS)
def round_open(request: AuthenticatedRequest) -> HttpResponse:
    """Engineering: open the round of a building for a month."""
    form = RoundOpenForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            meter_round = services.round_open(
                building=form.cleaned_data["building"], month=form.cleaned_data["month"], by=request.user
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("handover:round-detail", pk=meter_round.pk)
    return _list(request, form, status=400)


def _get_round(request: HttpRequest, pk: int) -> MeterRound:
    """The round, if its building is one of the user's (404 otherwise)."""
    rounds = MeterRound.objects.select_related("building", "opened_by", "closed_by")
    return scoped_or_404(rounds, request.user, "building", pk=pk)


def _formset(rows: list[selectors.RoundRow], data: Any = None) -> forms.BaseFormSet:
    """A row per meter, bound to what was posted (nothing typed is lost on an error) or to what is stored."""
    initial = [
        {"meter_id": row.meter.pk, "reading": row.reading.reading if row.reading else None} for row in rows
    ]
    return RoundReadingFormSet(data, initial=initial, prefix="r")


def _render(
    request: HttpRequest,
    meter_round: MeterRound,
    rows: list[selectors.RoundRow],
    formset: forms.BaseFormSet,
    status: int = 200,
) -> HttpResponse:
    editable = meter_round.is_open and has_role(request.user, ROUND_READERS)
    if not editable:
        for form in formset.forms:
            for field in form.fields.values():
                field.disabled = True
    floors: list[tuple[str, list[tuple[selectors.RoundRow, forms.Form]]]] = []
    for row, form in zip(rows, formset.forms, strict=False):
        label = row.meter.unit.floor.label or f"{row.meter.unit.floor.number}F"
        if not floors or floors[-1][0] != label:
            floors.append((label, []))
        floors[-1][1].append((row, form))
    context = {
        "round": meter_round,
        "floors": floors,
        "formset": formset,
        "editable": editable,
        "missing": [row.meter for row in rows if row.reading is None],
        "total": len(rows),
        "read_count": sum(1 for row in rows if row.reading is not None),
    }
    return render(request, "handover/round_detail.html", context, status=status)


@role_required(*ROUND_VIEWERS)
def round_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, engineering, management see a round; engineering enters its readings (POST)."""
    meter_round = _get_round(request, pk)
    rows = selectors.round_meters(meter_round)
    if request.method != "POST":
        return _render(request, meter_round, rows, _formset(rows))
    if not has_role(request.user, ROUND_READERS):
        raise PermissionDenied(_("Your role may not use this page."))
    formset = _formset(rows, request.POST)
    if not formset.is_valid():
        messages.error(request, MSG_NOT_SAVED)
        return _render(request, meter_round, rows, formset, status=400)
    forms_ = list(formset.forms)
    lines = [
        services.RoundLine(
            meter_id=form.cleaned_data["meter_id"],
            reading=form.cleaned_data.get("reading"),
            new_number=form.cleaned_data.get("new_number") or "",
            replacement_reason=form.cleaned_data.get("replacement_reason") or "",
        )
        for form in forms_
    ]
    try:
        services.round_readings_save(meter_round=meter_round, lines=lines, by=request.user)
    except DomainError as error:
        messages.error(request, MSG_NOT_SAVED if add_row_error(forms_, error) else error.message)
        return _render(request, meter_round, rows, formset, status=400)
    messages.success(request, _("Readings saved."))
    return redirect("handover:round-detail", pk=meter_round.pk)


@require_POST
@role_required(*ROUND_READERS)
def round_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Engineering: close the round once every meter is read; billing then takes its readings."""
    meter_round = _get_round(request, pk)
    try:
        services.round_close(meter_round=meter_round, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        rows = selectors.round_meters(meter_round)
        return _render(request, meter_round, rows, _formset(rows), status=400)
    messages.success(request, _("The round is closed; its readings are confirmed for billing."))
    return redirect("handover:round-detail", pk=meter_round.pk)
