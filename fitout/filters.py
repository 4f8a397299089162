"""Filters of the fit-out list."""

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tenancy.filtering import DatePickerFilter, YesNoFilter

from .models import Application
from .selectors import ATTENTION_CHOICES, needing_attention


class ApplicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    status = django_filters.ChoiceFilter(label=_("status"), choices=Application.Status.choices)
    needs_fire_approval = YesNoFilter(label=_("fire-safety approval needed"))
    starts_after = DatePickerFilter(field_name="starts_on", lookup_expr="gte", label=_("works start from"))
    attention = django_filters.ChoiceFilter(
        label=_("needs attention"), choices=ATTENTION_CHOICES, method="needing_attention"
    )

    class Meta:
        model = Application
        fields = ["q", "status", "needs_fire_approval", "starts_after", "attention"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            field.widget.attrs.setdefault(
                "class",
                "form-select" if name in ("status", "needs_fire_approval", "attention") else "form-control",
            )

    def search(self, queryset: QuerySet[Application], name: str, value: str) -> QuerySet[Application]:
        return queryset.filter(
            Q(number__icontains=value)
            | Q(tenant__name__icontains=value)
            | Q(lease__number__icontains=value)
            | Q(contractor_company__icontains=value)
            | Q(permit_number__icontains=value)
            | Q(units__code__icontains=value)
        ).distinct()

    def needing_attention(
        self, queryset: QuerySet[Application], name: str, value: str
    ) -> QuerySet[Application]:
        return needing_attention(queryset, value)
