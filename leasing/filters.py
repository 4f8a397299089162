"""Filters of the unit list: building, floor, status, use, area range and a search box."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tenancy.scope import scope

from .models import Building, Floor, Unit, floor_display
from .widgets import PlainSelect


def _floor_choices(request: HttpRequest | None) -> list[tuple[int, str]]:
    """Floor numbers of the chosen building, or of every building when none is chosen."""
    floors = Floor.objects.order_by("number")
    building = request.GET.get("building", "") if request is not None else ""
    if building.isdigit():
        floors = floors.filter(building_id=building)
    return [(number, floor_display(number)) for number in floors.values_list("number", flat=True).distinct()]


def _select(**attrs: str) -> PlainSelect:
    return PlainSelect(attrs={"class": "form-select form-select-sm", **attrs})


def _number(placeholder: str) -> forms.NumberInput:
    return forms.NumberInput(
        attrs={"class": "form-control form-control-sm", "step": "0.01", "placeholder": placeholder}
    )


class UnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-sm",
                "placeholder": _("Unit code or building name"),
                "type": "search",
            }
        ),
    )
    # Plain choices rather than a ModelChoiceFilter: one simple query instead of a server-side cursor.
    building = django_filters.ChoiceFilter(
        field_name="building_id",
        label=_("Building"),
        empty_label=_("All"),
        widget=_select(**{"data-reload": "floor"}),
    )
    floor = django_filters.ChoiceFilter(
        field_name="floor__number", label=_("Floor"), empty_label=_("All"), widget=_select()
    )
    status = django_filters.ChoiceFilter(
        choices=Unit.Status.choices, label=_("Status"), empty_label=_("All"), widget=_select()
    )
    use = django_filters.ChoiceFilter(
        choices=Unit.Use.choices, label=_("Use"), empty_label=_("All"), widget=_select()
    )
    area_min = django_filters.NumberFilter(
        field_name="gross_area", lookup_expr="gte", label=_("Gross area from (m²)"), widget=_number("≥")
    )
    area_max = django_filters.NumberFilter(
        field_name="gross_area", lookup_expr="lte", label=_("Gross area to (m²)"), widget=_number("≤")
    )

    class Meta:
        model = Unit
        fields = ["q", "building", "floor", "status", "use", "area_min", "area_max"]

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        user = request.user if request is not None else None
        self.filters["building"].extra["choices"] = list(
            scope(Building.objects.order_by("code"), user, "pk").values_list("pk", "name")
        )
        self.filters["floor"].extra["choices"] = _floor_choices(request)

    def search(self, queryset: QuerySet[Unit], name: str, value: Any) -> QuerySet[Unit]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(code__icontains=value) | Q(building__name__icontains=value) | Q(building__code__iexact=value)
        )
