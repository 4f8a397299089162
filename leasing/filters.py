"""Filters of the unit list: building, floor, status, use, area range and a search box."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Building, Floor, Unit


class FloorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Floor) -> str:
        return f"{obj.building.code} · {obj}"


class FloorFilter(django_filters.ModelChoiceFilter):
    field_class = FloorChoiceField


def _floors(request: HttpRequest | None) -> QuerySet[Floor]:
    """The chosen building's floors, or every floor when no building is chosen."""
    floors = Floor.objects.select_related("building").order_by("building__code", "number")
    building = request.GET.get("building", "") if request is not None else ""
    return floors.filter(building_id=building) if building.isdigit() else floors


def _select(**attrs: str) -> forms.Select:
    return forms.Select(attrs={"class": "form-select form-select-sm", **attrs})


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
    building = django_filters.ModelChoiceFilter(
        queryset=Building.objects.order_by("code"),
        label=_("Building"),
        empty_label=_("All"),
        widget=_select(**{"data-reload": "floor"}),
    )
    floor = FloorFilter(queryset=_floors, label=_("Floor"), empty_label=_("All"), widget=_select())
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

    def search(self, queryset: QuerySet[Unit], name: str, value: Any) -> QuerySet[Unit]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(code__icontains=value) | Q(building__name__icontains=value) | Q(building__code__iexact=value)
        )
