"""Management's pages for the management offices (管理处): the list, a new office, an office's buildings and
staff."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from documents.errors import DomainError
from tenancy.access import role_required
from tenancy.models import ManagementOffice, StaffOffice
from tenancy.offices import OFFICE_KEEPERS, office_keeper_check, office_members_set, office_save

from ..models import Building
from .forms import OfficeForm
from .services import office_buildings_set


@role_required(*OFFICE_KEEPERS)
def office_list(request: HttpRequest) -> HttpResponse:
    """Head-office management: every office, its buildings and staff; buildings no office runs are named."""
    office_keeper_check(request.user)
    offices = ManagementOffice.objects.prefetch_related(
        Prefetch("buildings", queryset=Building.objects.order_by("code")),
        Prefetch("members", queryset=StaffOffice.objects.select_related("user").order_by("user__username")),
    )
    context = {"offices": offices, "orphans": Building.objects.filter(office__isnull=True).order_by("code")}
    return render(request, "leasing/offices/list.html", context)


@role_required(*OFFICE_KEEPERS)
def office_create(request: HttpRequest) -> HttpResponse:
    """Head-office management: a new office with its buildings and staff."""
    office_keeper_check(request.user)
    return _edit(request, None)


@role_required(*OFFICE_KEEPERS)
def office_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Head-office management: rename an office, give it buildings, change its staff."""
    office_keeper_check(request.user)
    return _edit(request, get_object_or_404(ManagementOffice, pk=pk))


def _edit(request: HttpRequest, office: ManagementOffice | None) -> HttpResponse:
    form = OfficeForm(request.POST or None, office=office)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                saved = office_save(
                    office=office,
                    name=data["name"],
                    code=data["code"],
                    issuing_name=data["issuing_name"],
                    by=request.user,
                )
                if "buildings" in data:
                    office_buildings_set(office=saved, buildings=data["buildings"], by=request.user)
                office_members_set(office=saved, users=data["members"], by=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Office %(name)s saved.") % {"name": saved.name})
            return redirect("leasing:office-list")
    return render(request, "leasing/offices/form.html", {"form": form, "office": office})
