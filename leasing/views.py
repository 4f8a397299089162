"""Staff pages of the space inventory: units, buildings, and the CSV import of a building's units."""

from typing import Any

from django.contrib import messages
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_tables2 import RequestConfig

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from tenancy.access import has_role, role_required
from tenancy.history import object_history

from . import selectors, services
from .credit_terms import (
    CREDIT_TERMS_EDITORS,
    BuildingCreditTermsForm,
    building_credit_terms_set,
    credit_terms_of,
)
from .filters import UnitFilter
from .forms import BuildingForm, UnitForm, UnitImportForm
from .imports import ImportRejected, chinese_labels, template_csv
from .models import Unit
from .permissions import SPACE_MANAGERS, SPACE_VIEWERS, UNIT_EDITORS, can_edit_units, can_manage_space
from .tables import BuildingTable, UnitTable, status_badge

PER_PAGE_DEFAULT = 25
PER_PAGE_MAX = 200
PER_PAGE_CHOICES = (25, 50, 100)


def _per_page(request: HttpRequest) -> int:
    """Rows per page from ``?per_page=``, kept between 1 and PER_PAGE_MAX."""
    try:
        return min(max(int(request.GET.get("per_page", PER_PAGE_DEFAULT)), 1), PER_PAGE_MAX)
    except ValueError:
        return PER_PAGE_DEFAULT


def _paginate(request: HttpRequest, table: Any) -> None:
    """Sort from ``?sort=``, then paginate ourselves (tables2 would take any ``?per_page=``, unbounded)."""
    RequestConfig(request, paginate=False).configure(table)
    per_page = _per_page(request)
    try:
        table.paginate(page=request.GET.get("page", 1), per_page=per_page)
    except PageNotAnInteger:
        table.paginate(page=1, per_page=per_page)
    except EmptyPage:
        table.paginate(page=table.paginator.num_pages, per_page=per_page)


def _posted(request: HttpRequest, *, files: bool = False) -> tuple[Any, ...]:
    """Form data to bind: the POST (even an empty one, so it gets its "required" messages), else nothing."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def _show_domain_error(form: BaseForm, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@role_required(*SPACE_VIEWERS)
def unit_list(request: HttpRequest) -> HttpResponse:
    """All staff roles."""
    unit_filter = UnitFilter(request.GET or None, queryset=selectors.unit_list(request.user), request=request)
    table = UnitTable(unit_filter.qs)
    _paginate(request, table)
    context = {
        "filter": unit_filter,
        "table": table,
        "per_page_choices": PER_PAGE_CHOICES,
        "can_create": can_manage_space(request.user),
    }
    return render(request, "leasing/unit_list.html", context)


@role_required(*SPACE_VIEWERS)
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """All staff roles."""
    unit = selectors.unit_get(pk, request.user)
    context = {
        "unit": unit,
        "monthly_rent": unit.guide_rent_monthly,
        "history": object_history(unit),
        "can_edit": can_edit_units(request.user),
    }
    return render(request, "leasing/unit_detail.html", context)


@role_required(*SPACE_MANAGERS)
@require_http_methods(["GET", "POST"])
def unit_create(request: AuthenticatedRequest) -> HttpResponse:
    """Business department and management."""
    building = request.GET.get("building", "")
    form = UnitForm(*_posted(request), initial={"building": building} if building.isdigit() else None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(**_unit_values(form), by=request.user)
        except DomainError as error:
            _show_domain_error(form, error)
        else:
            messages.success(request, _("Unit %(code)s created.") % {"code": unit.code})
            return redirect("leasing:unit-detail", pk=unit.pk)
    return render(request, "leasing/unit_form.html", {"form": form, "unit": None})


@role_required(*UNIT_EDITORS)
@require_http_methods(["GET", "POST"])
def unit_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, business department, engineering department and management."""
    unit = selectors.unit_get(pk, request.user)
    # The form gets its own copy: a rejected POST changes it in memory, the page title keeps the saved values.
    form = UnitForm(*_posted(request), instance=selectors.unit_get(pk, request.user))
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_update(unit=unit, **_unit_values(form), by=request.user)
        except DomainError as error:
            _show_domain_error(form, error)
        else:
            messages.success(request, _("Unit %(code)s saved.") % {"code": unit.code})
            return redirect("leasing:unit-detail", pk=unit.pk)
    return render(request, "leasing/unit_form.html", {"form": form, "unit": unit})


def _unit_values(form: UnitForm) -> dict[str, Any]:
    data = form.cleaned_data
    names = (
        "building",
        "floor_number",
        "code",
        "gross_area",
        "usable_area",
        "use",
        "status",
        "guide_rent",
        "notes",
    )
    return {name: data[name] for name in names}


@role_required(*SPACE_VIEWERS)
def building_list(request: HttpRequest) -> HttpResponse:
    """All staff roles."""
    table = BuildingTable(selectors.building_list(request.user))
    _paginate(request, table)
    return render(
        request, "leasing/building_list.html", {"table": table, "can_create": can_manage_space(request.user)}
    )


@role_required(*SPACE_VIEWERS)
def building_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """All staff roles."""
    building = selectors.building_get(pk, request.user)
    summary = selectors.building_status_summary(building)
    context = {
        "building": building,
        "floors": selectors.building_floors(building),
        "summary": [(line, status_badge(line.status, line.label)) for line in summary],
        "unit_total": sum(line.count for line in summary),
        "area_total": sum(line.gross_area for line in summary),
        "units_url": selectors.unit_list_url(building=building.pk),
        "can_manage": can_manage_space(request.user),
        "history": object_history(building),
    }
    return render(request, "leasing/building_detail.html", context)


@role_required(*SPACE_MANAGERS)
@require_http_methods(["GET", "POST"])
def building_create(request: AuthenticatedRequest) -> HttpResponse:
    """Business department and management."""
    form = BuildingForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            building = services.building_create(**form.cleaned_data, by=request.user)
        except DomainError as error:
            _show_domain_error(form, error)
        else:
            messages.success(request, _("Building %(name)s created.") % {"name": building.name})
            return redirect("leasing:building-detail", pk=building.pk)
    return render(request, "leasing/building_form.html", {"form": form, "building": None})


@role_required(*SPACE_MANAGERS)
@require_http_methods(["GET", "POST"])
def building_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Business department and management."""
    building = selectors.building_get(pk, request.user)
    form = BuildingForm(*_posted(request), instance=selectors.building_get(pk, request.user))
    # Management also sets the building's credit terms here (信用奖惩).
    credit = None
    if has_role(request.user, CREDIT_TERMS_EDITORS):
        posted = any(key.startswith("credit-") for key in request.POST)  # a post without them keeps the terms
        credit = BuildingCreditTermsForm(request.POST if posted else None, instance=credit_terms_of(building))
    credit_ok = credit is None or not credit.is_bound or credit.is_valid()
    if request.method == "POST" and form.is_valid() and credit_ok:
        try:
            with transaction.atomic():
                building = services.building_update(building=building, **form.cleaned_data, by=request.user)
                if credit is not None and credit.is_bound:
                    building_credit_terms_set(building=building, **credit.cleaned_data, by=request.user)
        except DomainError as error:
            _show_domain_error(credit if credit is not None and error.field in credit.fields else form, error)
        else:
            messages.success(request, _("Building %(name)s saved.") % {"name": building.name})
            return redirect("leasing:building-detail", pk=building.pk)
    context = {"form": form, "credit": credit, "building": building}
    return render(request, "leasing/building_form.html", context)


@role_required(*SPACE_MANAGERS)
@require_http_methods(["GET", "POST"])
def unit_import(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Business department and management."""
    building = selectors.building_get(pk, request.user)
    form = UnitImportForm(*_posted(request, files=True))
    rejected: ImportRejected | None = None
    if request.method == "POST" and form.is_valid():
        try:
            count = services.units_import_csv(
                building=building, data=form.cleaned_data["file"].read(), by=request.user
            )
        except ImportRejected as error:
            rejected = error
        else:
            messages.success(
                request,
                _("%(count)s units imported into %(name)s.") % {"count": count, "name": building.name},
            )
            return redirect("leasing:building-detail", pk=building.pk)
    context = {
        "building": building,
        "form": form,
        "rejected": rejected,
        "use_names": chinese_labels(Unit.Use),
        "status_names": chinese_labels(Unit.Status),
    }
    return render(request, "leasing/unit_import.html", context, status=400 if rejected else 200)


@role_required(*SPACE_MANAGERS)
def unit_import_template(request: HttpRequest) -> HttpResponse:
    """Business department and management."""
    response = HttpResponse("\ufeff" + template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="units-template.csv"'
    return response
