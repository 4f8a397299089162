"""Filters of the contract ledger (合同台账): building, status, tenant, ending within N days."""

from datetime import timedelta
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Building, Lease
from ..widgets import PlainSelect


def _select() -> PlainSelect:
    return PlainSelect(attrs={"class": "form-select form-select-sm"})


class LeaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Tenant or lease number"),
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "type": "search"}),
    )
    building = django_filters.ChoiceFilter(
        field_name="building_id", label=_("Building"), empty_label=_("All"), widget=_select()
    )
    status = django_filters.ChoiceFilter(
        choices=Lease.Status.choices, label=_("Status"), empty_label=_("All"), widget=_select()
    )
    ending_within = django_filters.NumberFilter(
        method="ending",
        label=_("Ending within (days)"),
        min_value=0,
        max_value=3650,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "min": 0, "max": 3650}),
    )

    class Meta:
        model = Lease
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["building"].extra["choices"] = list(
            Building.objects.order_by("code").values_list("pk", "name")
        )

    def search(self, queryset: QuerySet[Lease], name: str, value: str) -> QuerySet[Lease]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(tenant__name__icontains=value) | queryset.filter(number__icontains=value)

    def ending(self, queryset: QuerySet[Lease], name: str, value: Any) -> QuerySet[Lease]:
        if value is None:
            return queryset
        today = timezone.localdate()
        return queryset.filter(
            status__in=Lease.LIVE,
            effective_end__gte=today,
            effective_end__lte=today + timedelta(days=int(value)),
        )
