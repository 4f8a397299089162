"""The tenant directory page (《用户情况一览表》) and its CSV / Excel export."""

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.actors import AnyUser
from tenancy.access import role_required
from tenancy.models import Tenant
from tenancy.scope import scope

from ..leases.exports import table_response
from ..models import Building
from . import selectors
from .permissions import DIRECTORY_VIEWERS

PER_PAGE = 50


class DirectoryFilterForm(forms.Form):
    building = forms.ModelChoiceField(
        label=gettext_lazy("Building"),
        queryset=Building.objects.order_by("code"),
        required=False,
        empty_label=gettext_lazy("All buildings"),
    )
    floor = forms.IntegerField(label=gettext_lazy("Floor"), required=False, min_value=-9, max_value=200)
    kind = forms.ChoiceField(
        label=gettext_lazy("Tenant kind"),
        choices=[("", gettext_lazy("All kinds")), *Tenant.Kind.choices],
        required=False,
    )
    occupancy = forms.ChoiceField(
        label=gettext_lazy("Let or vacant"),
        choices=[
            ("", gettext_lazy("All units")),
            ("let", gettext_lazy("Let")),
            ("vacant", gettext_lazy("Vacant")),
        ],
        required=False,
    )
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Tenant, unit code or lease number")}),
    )

    def __init__(self, *args: Any, user: AnyUser | None = None, **kwargs: Any) -> None:
        """Only the user's buildings are offered."""
        super().__init__(*args, **kwargs)
        field: Any = self.fields["building"]
        field.queryset = scope(field.queryset, user, "pk")

    def filters(self) -> selectors.DirectoryFilters:
        """The valid filters; a field in error is left out of ``cleaned_data`` and filters nothing."""
        self.is_valid()
        data = self.cleaned_data
        return selectors.DirectoryFilters(
            building=data.get("building"),
            floor=data.get("floor"),
            kind=data.get("kind") or "",
            occupancy=data.get("occupancy") or "",
            text=" ".join((data.get("q") or "").split()),
        )


@role_required(*DIRECTORY_VIEWERS)
def directory(request: HttpRequest) -> HttpResponse:
    """Front desk (service department), business department and management."""
    form = DirectoryFilterForm(request.GET, user=request.user)
    filters = form.filters()
    today = timezone.localdate()
    units = scope(selectors.directory_units(today=today, filters=filters), request.user, "building")
    if request.GET.get("export") in ("csv", "xlsx"):
        return _export(request.GET["export"], selectors.directory_rows(units, today))
    page = Paginator(units, PER_PAGE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "paginator": page.paginator,
        "rows": selectors.directory_rows(page.object_list, today),
        "today": today,
        "floors": selectors.floor_numbers(filters.building),
        "filters": filters,
    }
    return render(request, "leasing/directory.html", context)


def _export(fmt: str, rows: list[selectors.DirectoryRow]) -> HttpResponse:
    header = [
        _("Building"), _("Floor"), _("Unit"), _("Area (m²)"), _("Use"), _("Tenant"), _("Tenant kind"),
        _("Lease number"), _("Start"), _("End"), _("Main contact"), _("Phone"),
    ]  # fmt: skip
    data = (
        [
            row.unit.building.name,
            str(row.unit.floor),
            row.unit.code,
            row.unit.gross_area,
            row.unit.get_use_display(),
            row.tenant.name if row.tenant else _("Vacant"),
            row.tenant.get_kind_display() if row.tenant else "",
            row.lease.number if row.lease else "",
            row.lease.start_date if row.lease else None,
            row.lease.effective_end if row.lease else None,
            row.contact.name if row.contact else "",
            row.phone,
        ]
        for row in rows
    )
    return table_response(fmt, f"tenant-directory-{timezone.localdate():%Y%m%d}", header, data)
