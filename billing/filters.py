"""Filters of the bill and payment lists."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from leasing.models import Building
from tenancy.filtering import DatePickerFilter, YesNoFilter

from .models import Bill, Payment


class BillFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    building = django_filters.ModelChoiceFilter(
        queryset=Building.objects.order_by("code"), label=_("Building")
    )
    open = YesNoFilter(label=_("Not paid"), field_name="settled_on", lookup_expr="isnull")
    due_after = DatePickerFilter(label=_("Due from"), field_name="due_date", lookup_expr="gte")
    due_before = DatePickerFilter(label=_("Due until"), field_name="due_date", lookup_expr="lte")

    class Meta:
        model = Bill
        fields: list[str] = []

    def search(self, queryset: QuerySet[Bill], name: str, value: str) -> QuerySet[Bill]:
        return queryset.filter(Q(number__icontains=value) | Q(tenant__name__icontains=value))


class PaymentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    method = django_filters.ChoiceFilter(
        choices=Payment.Method.choices, label=pgettext_lazy("payment", "Method")
    )

    class Meta:
        model = Payment
        fields: list[str] = []

    def search(self, queryset: QuerySet[Payment], name: str, value: str) -> QuerySet[Payment]:
        return queryset.filter(
            Q(number__icontains=value) | Q(tenant__name__icontains=value) | Q(reference__icontains=value)
        )
